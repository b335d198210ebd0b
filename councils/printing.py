"""The agenda and minutes as a document: the public page, the printable page and the PDF.

One context for all three. The public version leaves out confidential (sensitive) items, the
internal discussion and decision texts and anything about reporters: it shows what the council
wrote for the public, in the reader's language, and the attendance and quorum.
"""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from councils import selectors
from councils.models import AgendaItem, Meeting

logger = logging.getLogger(__name__)


def document_context(meeting: Meeting, *, public: bool) -> dict:
    items = selectors.agenda_of(meeting)
    if public:
        items = [i for i in items if not i.is_confidential]
    selectors.with_figures(meeting, items, _("No settlement given"))
    members, guests = selectors.attendance_of(meeting)
    show_minutes = meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.CANCELLED)
    return {
        "meeting": meeting,
        "council": meeting.council,
        "municipality": meeting.council.municipality,
        "items": items,
        "members_attending": members if show_minutes else [],
        "guests": guests if show_minutes else [],
        "show_minutes": show_minutes,
        "public": public,
        "zone": meeting.zone,
        "now": timezone.now(),
        "police_report": AgendaItem.Kind.POLICE_REPORT,
    }


def response(request, meeting: Meeting, *, public: bool, pdf: bool) -> HttpResponse:
    context = document_context(meeting, public=public)
    if not pdf:
        template = "councils/public/meeting.html" if public else "councils/staff/print.html"
        return HttpResponse(render_to_string(template, context, request=request))
    try:
        document = render_pdf(context, request=request)
    except OSError:  # Pango or its fonts missing on this machine: make system-packages
        logger.exception("PDF rendering is unavailable")
        return HttpResponse(
            _("PDF files cannot be made on this server yet; use the printable page."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    local = meeting.local_planned_at
    name = f"{meeting.council.municipality.code if meeting.council.municipality else 'csc'}"
    name = f"{name}-{local:%Y-%m-%d}-{'minutes' if context['show_minutes'] else 'agenda'}.pdf"
    reply = HttpResponse(document, content_type="application/pdf")
    reply["Content-Disposition"] = f'inline; filename="{name}"'
    return reply


def _weasyprint_html():
    """WeasyPrint's import sets Pillow's global LOAD_TRUNCATED_IMAGES, which would let truncated
    uploads through the attachment checks: the flag is put back (these PDFs embed no images)."""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    from weasyprint import HTML

    ImageFile.LOAD_TRUNCATED_IMAGES = before
    return HTML


def render_pdf(context: dict, *, request=None) -> bytes:
    html_document = _weasyprint_html()
    context = {**context, "language": get_language(), "rtl": get_language_bidi()}
    html = render_to_string("councils/pdf/document.html", context, request=request)
    base_url = request.build_absolute_uri("/") if request else None
    return html_document(string=html, base_url=base_url).write_pdf()
