"""GeoReport v2 responses in JSON and XML, and its error arrays.

Written with ``xml.etree`` rather than djangorestframework-xml: that package's last release is
from 2020 and its fixed ``<root><list-item>`` shape is not GeoReport's (``<services><service>``,
``<service_requests><request>``), so it would need a renderer of our own anyway. The whole
mapping is the table ``ITEM_TAGS``.
"""

import json
from collections.abc import Mapping
from xml.etree import ElementTree

from django.http import HttpResponse

FORMATS = ("json", "xml")
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# A list under this name holds elements of that name.
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}


class Open311Error(Exception):
    """An answer the client can act on: a 4xx with the spec's error array."""

    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = str(description)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _append(parent: ElementTree.Element, tag: str, value) -> None:
    element = ElementTree.SubElement(parent, tag)
    _fill(element, tag, value)


def _fill(element: ElementTree.Element, tag: str, value) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _append(element, key, item)
    elif isinstance(value, list):
        item_tag = ITEM_TAGS[tag]
        for item in value:
            _append(element, item_tag, item)
    else:
        element.text = _text(value)


def to_xml(root: str, data) -> bytes:
    element = ElementTree.Element(root)
    _fill(element, root, data)
    return ElementTree.tostring(element, encoding="utf-8", xml_declaration=True)


def render(data, *, root: str, fmt: str, status: int = 200) -> HttpResponse:
    """``data`` as JSON, or as XML under ``root`` (``services``, ``service_requests``…)."""
    body = to_xml(root, data) if fmt == "xml" else json.dumps(data, ensure_ascii=False).encode()
    response = HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])
    response["Vary"] = "Accept-Language"
    return response


def error_response(status: int, descriptions: list[str], *, fmt: str) -> HttpResponse:
    errors = [{"code": status, "description": str(text)} for text in descriptions]
    return render(errors, root="errors", fmt=fmt, status=status)


def format_of_path(path: str, query_format: str | None = None) -> str:
    """The format a request asked for: its extension, else ``?format=``, else XML (the spec's
    default). An unknown one is answered in XML."""
    for fmt in FORMATS:
        if path.endswith(f".{fmt}"):
            return fmt
    if query_format in FORMATS:
        return query_format
    return "xml"
