"""A POSTed service request, whatever its body: form fields (the spec's), JSON or XML.

Everything becomes ``Fields``: one value per plain field and a list of values per
``attribute[code]``. Every way a body can be broken is an ``Open311Error`` (400, or 415 for a
content type we do not read), never an exception further down.
"""

import codecs
import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

from open311.formats import Open311Error

MAX_FIELDS = 200
ATTRIBUTE_KEY = re.compile(r"attribute\[([A-Za-z0-9_-]{1,50})\](\[\])?")
FORM_TYPES = ("application/x-www-form-urlencoded", "")
JSON_TYPES = ("application/json",)
XML_TYPES = ("application/xml", "text/xml")


@dataclass
class Fields:
    values: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, list[str]] = field(default_factory=dict)

    def get(self, name: str) -> str:
        return self.values.get(name, "").strip()

    def add(self, key: str, value: str) -> None:
        if "\x00" in key or "\x00" in value:
            raise Open311Error(400, _("The request contains a NUL character."))
        if key.startswith("attribute"):
            match = ATTRIBUTE_KEY.fullmatch(key)
            if not match:
                raise Open311Error(
                    400,
                    _("%(key)s is not a valid key: use attribute[code].") % {"key": key[:60]},
                )
            self.attributes.setdefault(match[1], []).append(value)
        else:
            self.values.setdefault(key, value)


def _bad_body(kind: str) -> Open311Error:
    messages = {
        "form": _("The form body could not be read."),
        "json": _("The JSON body could not be read."),
        "xml": _("The XML body could not be read."),
    }
    return Open311Error(400, messages[kind])


def _decoded(request) -> str:
    charset = request.content_params.get("charset", "utf-8")
    try:
        codecs.lookup(charset)
        return request.body.decode(charset)
    except LookupError:
        raise Open311Error(
            415, _("Unknown character set %(charset)s.") % {"charset": charset[:40]}
        ) from None
    except UnicodeDecodeError:
        raise Open311Error(400, _("The request body is not valid UTF-8.")) from None


def _from_form(request, fields: Fields) -> None:
    text = _decoded(request)
    if not text.strip():
        return
    try:
        pairs = parse_qsl(
            text.strip(),
            keep_blank_values=True,
            strict_parsing=True,
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except (ValueError, UnicodeDecodeError):
        raise _bad_body("form") from None
    for key, value in pairs:
        fields.add(key, value)


def _from_multipart(request, fields: Fields) -> None:
    """Multipart forms are what clients that upload a photo send; the files are ignored."""
    try:
        data = request.POST
    except MultiPartParserError:
        raise _bad_body("form") from None
    for key, values in data.lists():
        for value in values:
            fields.add(key, value)


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    raise Open311Error(400, _("Field values must be text or numbers."))


def _from_json(request, fields: Fields) -> None:
    try:
        data = json.loads(_decoded(request))
    except json.JSONDecodeError:
        raise _bad_body("json") from None
    if not isinstance(data, dict) or len(data) > MAX_FIELDS:
        raise Open311Error(400, _("The JSON body must be one object of fields."))
    for key, value in data.items():
        if key == "attribute" and isinstance(value, dict):
            for code, answer in value.items():
                answers = answer if isinstance(answer, list) else [answer]
                for item in answers:
                    fields.add(f"attribute[{code}]", _scalar(item))
        elif isinstance(value, list) and key.startswith("attribute"):
            for item in value:
                fields.add(key, _scalar(item))
        elif value is not None:
            fields.add(key, _scalar(value))


def _from_xml(request, fields: Fields) -> None:
    """``<request><service_code>…</service_code><attribute><code>answer</code></attribute>``.
    DTDs and entities are refused (defusedxml): no entity expansion, nothing fetched."""
    body = request.body
    try:
        if request.content_params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
            raise Open311Error(400, _("The request body is not valid UTF-8."))
        body.decode("utf-8")
        root: Element = parse_xml(body, forbid_dtd=True)
    except UnicodeDecodeError:
        raise Open311Error(400, _("The request body is not valid UTF-8.")) from None
    except (ParseError, DefusedXmlException, ValueError):
        raise _bad_body("xml") from None
    if len(root) > MAX_FIELDS:
        raise _bad_body("xml")
    for child in root:
        if child.tag == "attribute" and len(child):
            for answer in child:
                fields.add(f"attribute[{answer.tag}]", (answer.text or "").strip())
        elif len(child):
            raise _bad_body("xml")
        else:
            fields.add(child.tag, child.text or "")


def parse_post(request) -> Fields:
    """The body's fields, then the query string's (``api_key`` and ``jurisdiction_id`` are
    often sent there); a field in both is the body's."""
    fields = Fields()
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        _from_form(request, fields)
    elif content_type == "multipart/form-data":
        _from_multipart(request, fields)
    elif content_type in JSON_TYPES:
        _from_json(request, fields)
    elif content_type in XML_TYPES:
        _from_xml(request, fields)
    else:
        raise Open311Error(
            415,
            _(
                "Send the request as application/x-www-form-urlencoded, multipart/form-data, "
                "application/json or XML."
            ),
        )
    for key, value in request.GET.items():
        if key not in fields.values and not key.startswith("attribute"):
            fields.add(key, value)
    return fields
