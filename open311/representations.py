"""The GeoReport v2 shapes of services, definitions and requests (plain dicts, one format)."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from concerns.models import Category, Concern
from councils.localized import pick_translation
from open311.models import ServiceAttribute
from open311.selectors import Place, w3c

DATATYPE_HELP = {
    ServiceAttribute.Datatype.SINGLE: _("One key of the values"),
    ServiceAttribute.Datatype.MULTI: _("One or more keys of the values"),
    ServiceAttribute.Datatype.NUMBER: _("A number"),
    ServiceAttribute.Datatype.DATETIME: _("A date and time, e.g. 2026-11-01T18:30:00+01:00"),
}


def status_of(concern: Concern) -> str:
    return "open" if concern.status in Concern.OPEN_STATUSES else "closed"


def service(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.display_name,
        "description": category.display_description,
        "metadata": bool(category.has_questions),
        "type": "realtime",
        "keywords": "",
        "group": "",
    }


def definition(category: Category, attributes: list[ServiceAttribute]) -> dict:
    language = get_language()
    rows = []
    for order, attribute in enumerate(attributes, start=1):
        row = {
            "variable": True,
            "code": attribute.code,
            "datatype": attribute.datatype,
            "required": attribute.required,
            "datatype_description": str(DATATYPE_HELP.get(attribute.datatype, "")),
            "order": order,
            "description": attribute.display_description,
        }
        if attribute.is_list:
            row["values"] = [
                {"key": key, "name": _choice_name(choice, language)}
                for key, choice in attribute.choices.items()
            ]
        rows.append(row)
    return {"service_code": category.code, "attributes": rows}


def _choice_name(choice, language: str) -> str:
    if isinstance(choice, dict):
        return pick_translation(choice["name"], choice.get("name_translations"), language)
    return choice.display_name  # a settlement


def request(concern: Concern, place: Place) -> dict:
    return {
        "service_request_id": concern.reference,
        "status": status_of(concern),
        "status_notes": concern.public_note,
        "service_name": concern.category.display_name,
        "service_code": concern.category.code,
        "agency_responsible": concern.council.display_name,
        "service_notice": "",
        "requested_datetime": w3c(concern.created_at, place),
        "updated_datetime": w3c(concern.last_public_at or concern.created_at, place),
        "expected_datetime": None,
        # The settlement only: the resident's own address could point at a person.
        "address": concern.settlement.display_name if concern.settlement_id else "",
        "address_id": "",
        "zipcode": "",
        "media_url": "",
    }
