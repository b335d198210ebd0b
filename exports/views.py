"""A background export's page (progress, then the download link) and its download: both for
the user who asked for it only; anyone else gets a 404, as for an export that does not exist."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from exports.formats import CONTENT_TYPES
from exports.models import Export
from exports.services import scope_digest

REFRESH_SECONDS = 3


def _own_export(request, pk: int) -> Export:
    """The requester's export while it lasts and while their roles are those they asked with."""
    export = get_object_or_404(Export, pk=pk, requested_by=request.user)
    if export.is_expired or export.scope_digest != scope_digest(request.user):
        raise Http404
    return export


@login_required
def detail(request, pk: int):
    export = _own_export(request, pk)
    return render(
        request,
        "exports/detail.html",
        {"export": export, "refresh": None if export.is_finished else REFRESH_SECONDS},
    )


@login_required
def download(request, pk: int):
    export = _own_export(request, pk)
    if export.status != Export.Status.DONE:
        raise Http404
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"{export.list_name.replace('.', '-')}-{export.pk}.{export.format}",
        content_type=CONTENT_TYPES[export.format],
    )
    response["Cache-Control"] = "private, no-store"
    return response
