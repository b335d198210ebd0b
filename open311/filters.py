"""The spec's filters of ``GET requests``: service_request_id (a comma list that overrides the
others), service_code, start_date, end_date (at most 90 days apart, the last 90 by default)
and status (open, closed). Anything else wrong is a 400 that names it."""

import re
from datetime import datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from concerns.models import Concern
from open311.formats import Open311Error
from open311.selectors import Place, services

SPAN = timedelta(days=90)
MAX_IDS = 100
REFERENCE = re.compile(r"[A-Za-z]{2,8}-[0-9]{4}-[0-9]{1,9}")
STATUSES = ("open", "closed")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _list(value: str, name: str) -> list[str]:
    items = [item.strip() for item in value.split(",")]
    if not all(items):
        raise Open311Error(
            400, _("%(name)s must be a comma-separated list without empty items.") % {"name": name}
        )
    return items


def parse_w3c(value: str, name: str, place: Place) -> datetime:
    """A W3C datetime (``2026-11-01T00:00:00Z``, ``…+01:00``) or a day (``2026-11-01``, from
    midnight in the municipality). A time without an offset is read in the municipality."""
    text = value.strip()
    try:
        if DATE.fullmatch(text):
            moment = datetime.combine(datetime.fromisoformat(text).date(), time.min)
        elif "T" in text:
            moment = datetime.fromisoformat(text)
        else:
            raise ValueError(text)
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=place.zone)
        # A year 1 in an offset east of UTC is out of range once converted.
        moment.astimezone(place.zone)
        if not 1900 <= moment.year <= 9999:
            raise ValueError(text)
    except (ValueError, OverflowError):
        raise Open311Error(
            400,
            _("%(name)s must be a W3C datetime such as 2026-11-01T00:00:00Z.") % {"name": name},
        ) from None
    return moment


def filter_requests(concerns: QuerySet[Concern], params, place: Place) -> QuerySet[Concern]:
    ids = params.get("service_request_id", "").strip()
    if ids:
        references = [item.upper() for item in _list(ids, "service_request_id")]
        if len(references) > MAX_IDS:
            raise Open311Error(
                400, _("Ask for at most %(count)d service_request_id at once.") % {"count": MAX_IDS}
            )
        bad = [item for item in references if not REFERENCE.fullmatch(item)]
        if bad:
            raise Open311Error(400, _("%(id)s is not a service_request_id.") % {"id": bad[0][:40]})
        return concerns.filter(reference__in=references)

    codes = params.get("service_code", "").strip()
    if codes:
        wanted = _list(codes, "service_code")
        known = set(services(place).filter(code__in=wanted).values_list("code", flat=True))
        unknown = [code for code in wanted if code not in known]
        if unknown:
            raise Open311Error(
                400, _("service_code %(code)s was not found.") % {"code": unknown[0][:50]}
            )
        concerns = concerns.filter(category__code__in=wanted)

    start_text = params.get("start_date", "").strip()
    end_text = params.get("end_date", "").strip()
    start = parse_w3c(start_text, "start_date", place) if start_text else None
    end = parse_w3c(end_text, "end_date", place) if end_text else None
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - SPAN
    if end is None:
        end = start + SPAN
    if start > end:
        raise Open311Error(400, _("start_date must be before end_date."))
    if end - start > SPAN:
        raise Open311Error(400, _("start_date and end_date may not be more than 90 days apart."))
    concerns = concerns.filter(created_at__gte=start, created_at__lte=end)

    statuses = params.get("status", "").strip()
    if statuses:
        wanted = {item.lower() for item in _list(statuses, "status")}
        if not wanted <= set(STATUSES):
            raise Open311Error(400, _("status must be open, closed or both, comma-separated."))
        if wanted == {"open"}:
            concerns = concerns.filter(status__in=Concern.OPEN_STATUSES)
        elif wanted == {"closed"}:
            concerns = concerns.exclude(status__in=Concern.OPEN_STATUSES)
    return concerns
