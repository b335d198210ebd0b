"""What a list page answers to ``?export=csv`` (or xlsx): the file streamed at once, or, above
the row threshold (CSC_EXPORT_BACKGROUND_ROWS), a background export and its progress page."""

from django.shortcuts import redirect
from django.utils import translation

from exports import formats, lists, services

FORMATS = ("csv", "xlsx")


def wants_export(request) -> bool:
    return request.GET.get("export") in FORMATS


def respond(request, spec: lists.ListExport):
    """Call after the page's own permission check: the rows are the page's scoped rows."""
    fmt = request.GET.get("export")
    language = translation.get_language()
    items = spec.items(request.user, request.GET)
    threshold = services.background_threshold()
    if lists.count_up_to(items, threshold + 1) > threshold:
        export = services.request_export(
            spec, by=request.user, params=request.GET, fmt=fmt, language=language
        )
        return redirect(export)

    def lines():
        # Rows are written while the response streams, after the view returned.
        with translation.override(language):
            yield from spec.lines(items)

    return formats.response(lines(), fmt, spec.filename, str(spec.title))
