"""A service request posted over Open311 becomes a concern through the intake service, like the
public form's: same reference, acknowledgement email, council and safeguarding rules, with
channel ``open311``. This module reads and checks the spec's fields; ``submit_concern`` does
the rest."""

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerns import services as concern_services
from concerns.forms.intake import validate_description
from concerns.models import Category, Channel
from councils.models import Settlement
from open311.filters import parse_w3c
from open311.formats import Open311Error
from open311.models import Client, ServiceAttribute, Submission, hash_api_key
from open311.parsing import Fields
from open311.selectors import Place, questions, service

ADDRESS_MAX = 250
NAME_MAX = 200
PHONE_MAX = 40
ANSWER_MAX = 1000
YES = {"true", "yes", "1", "on"}


@dataclass(frozen=True)
class Accepted:
    submission: Submission
    tracking_token: str


def client_for(api_key: str, place: Place) -> Client | None:
    """The client whose key this is; None for an anonymous post where keys are optional."""
    if not api_key:
        if place.settings.require_api_key:
            raise Open311Error(403, _("api_key is required to post to this jurisdiction."))
        return None
    client = Client.objects.filter(key_hash=hash_api_key(api_key), is_active=True).first()
    if client is None or client.municipality_id not in (None, place.municipality.pk):
        raise Open311Error(403, _("api_key is not valid for this jurisdiction."))
    return client


def _coordinate(text: str, name: str, limit: int) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise Open311Error(400, _("%(name)s must be a number.") % {"name": name}) from None
    if not value.is_finite() or not -limit <= value <= limit:
        raise Open311Error(
            400,
            _("%(name)s must be between -%(limit)d and %(limit)d.")
            % {"name": name, "limit": limit},
        )
    return value.quantize(Decimal("0.000001"))


def _location(fields: Fields) -> tuple[Decimal | None, Decimal | None, str]:
    lat, long = fields.get("lat"), fields.get("long")
    if bool(lat) != bool(long):
        raise Open311Error(400, _("lat and long must be sent together."))
    latitude = _coordinate(lat, "lat", 90) if lat else None
    longitude = _coordinate(long, "long", 180) if long else None
    address = fields.get("address_string")
    if len(address) > ADDRESS_MAX:
        raise Open311Error(
            400, _("address_string may have at most %(count)d characters.") % {"count": ADDRESS_MAX}
        )
    return latitude, longitude, address


def _answer(attribute: ServiceAttribute, given: list[str], place: Place):
    """The checked answer: a key, a list of keys, a number, a datetime's text or text."""
    given = [value.strip() for value in given if value.strip()]
    name = f"attribute[{attribute.code}]"
    if not given:
        if attribute.required:
            raise Open311Error(400, _("%(name)s is required.") % {"name": name})
        return None
    if attribute.datatype != ServiceAttribute.Datatype.MULTI and len(given) > 1:
        raise Open311Error(400, _("%(name)s takes one value.") % {"name": name})
    if attribute.is_list:
        unknown = [value for value in given if value not in attribute.choices]
        if unknown:
            raise Open311Error(
                400,
                _("%(value)s is not one of the values of %(name)s.")
                % {"value": unknown[0][:50], "name": name},
            )
        return given if attribute.datatype == ServiceAttribute.Datatype.MULTI else given[0]
    value = given[0]
    if attribute.datatype == ServiceAttribute.Datatype.NUMBER:
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise Open311Error(400, _("%(name)s must be a number.") % {"name": name})
    elif attribute.datatype == ServiceAttribute.Datatype.DATETIME:
        parse_w3c(value, name, place)
    elif len(value) > ANSWER_MAX:
        raise Open311Error(
            400,
            _("%(name)s may have at most %(count)d characters.")
            % {"name": name, "count": ANSWER_MAX},
        )
    return value


def _answers(category: Category, fields: Fields, place: Place):
    """Checked answers by code, the settlement they name (if any), and lines for the secretary."""
    given = dict(fields.attributes)
    answers, lines, settlement = {}, [], None
    for attribute in questions(place, category):
        value = _answer(attribute, given.pop(attribute.code, []), place)
        if value is None:
            continue
        answers[attribute.code] = value
        keys = value if isinstance(value, list) else [value]
        if attribute.is_list:
            labels = []
            for key in keys:
                choice = attribute.choices[key]
                labels.append(
                    choice.display_name if isinstance(choice, Settlement) else choice["name"]
                )
                if isinstance(choice, Settlement) and settlement is None:
                    settlement = choice
        else:
            labels = keys
        lines.append(f"{attribute.description}: {', '.join(labels)}")
    if given:
        raise Open311Error(
            400,
            _("attribute[%(code)s] is not a question of this service.")
            % {"code": sorted(given)[0]},
        )
    return answers, settlement, lines


def _reporter(fields: Fields) -> dict:
    name = " ".join(part for part in (fields.get("first_name"), fields.get("last_name")) if part)
    email, phone = fields.get("email"), fields.get("phone")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Open311Error(400, _("email is not a valid email address.")) from None
    if len(name) > NAME_MAX or len(phone) > PHONE_MAX:
        raise Open311Error(400, _("first_name, last_name or phone is too long."))
    if not (name or email or phone):
        return {"is_anonymous": True}
    # Contact details typed into an app for the council are given to be contacted, unless the
    # app says otherwise (``contact_consent=false``, an extension of the spec).
    consent = fields.get("contact_consent").lower()
    return {
        "is_anonymous": False,
        "reporter_name": name,
        "reporter_email": email,
        "reporter_phone": phone,
        "consent_to_contact": bool(email or phone) and (not consent or consent in YES),
    }


def submit_service_request(
    fields: Fields, *, place: Place, client: Client | None, language: str
) -> Accepted:
    """Check every field, then save the concern and its Open311 row in one transaction.
    ``media_url`` is ignored: a URL given by a client is never fetched."""
    code = fields.get("service_code")
    if not code:
        raise Open311Error(400, _("service_code is required."))
    try:
        category = service(place, code)
    except Open311Error:
        raise Open311Error(
            400, _("service_code %(code)s was not found.") % {"code": code[:50]}
        ) from None
    try:
        description = validate_description(fields.get("description"))
    except ValidationError as exc:
        raise Open311Error(400, f"description: {exc.messages[0]}") from None
    latitude, longitude, address = _location(fields)
    answers, settlement, lines = _answers(category, fields, place)
    if latitude is None and not address and settlement is None:
        raise Open311Error(
            400, _("A location is required: lat and long, address_string or a settlement.")
        )
    if lines:
        description = "\n".join([description, "", *lines])
    submission = concern_services.Submission(
        municipality=place.municipality,
        category=category,
        description=description,
        channel=Channel.OPEN311,
        language=language,
        settlement=settlement,
        address=address,
        latitude=latitude,
        longitude=longitude,
        **_reporter(fields),
    )
    try:
        with transaction.atomic():
            receipt = concern_services.submit_concern(submission)
            row = Submission.objects.create(concern=receipt.concern, client=client, answers=answers)
            if client is not None:
                Client.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
    except ValidationError as exc:
        raise Open311Error(400, " ".join(exc.messages)) from None
    return Accepted(row, receipt.tracking_token)
