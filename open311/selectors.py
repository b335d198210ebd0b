"""Reads for GeoReport v2. A request (a concern) shows what the citizen's tracking page shows:
status, category, settlement, dates and public notes. Never the reporter, nor the resident's
own words, address or coordinates (they can name or locate people), nor anything of a
sensitive category."""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from concerns.models import Category, Concern, ConcernEvent
from concerns.policies import exclude_sensitive
from councils.models import Municipality, Settlement
from open311.formats import Open311Error
from open311.models import Jurisdiction, ServiceAttribute, Submission
from publictexts.text import pick

MAX_REQUESTS = 1000


@dataclass(frozen=True)
class Place:
    """The municipality a request is for, with its Open311 switches."""

    municipality: Municipality
    settings: Jurisdiction

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.municipality.time_zone or settings.TIME_ZONE)


def place_for(jurisdiction_id: str | None) -> Place:
    """``jurisdiction_id`` is a municipality code; it may be left out when the site serves
    one municipality only (as the spec allows)."""
    active = Municipality.objects.filter(is_active=True).select_related("open311")
    code = (jurisdiction_id or "").strip()
    if code:
        municipality = active.filter(code=code.upper()[:8]).first()
        if municipality is None:
            raise Open311Error(404, _("jurisdiction_id %(id)s was not found.") % {"id": code[:20]})
    else:
        found = list(active[:2])
        if len(found) != 1:
            raise Open311Error(400, _("jurisdiction_id is required: a municipality code."))
        municipality = found[0]
    try:
        switches = municipality.open311
    except Jurisdiction.DoesNotExist:
        switches = Jurisdiction(municipality=municipality)
    return Place(municipality, switches)


def services(place: Place) -> QuerySet[Category]:
    """Active categories; sensitive ones only where the municipality opted in."""
    categories = Category.objects.filter(is_active=True).annotate(
        has_questions=Exists(
            ServiceAttribute.objects.filter(category=OuterRef("pk"), is_active=True)
        )
    )
    if not place.settings.lists_sensitive_services:
        categories = categories.filter(is_sensitive=False)
    return categories.order_by("position", "name")


def service(place: Place, code: str) -> Category:
    category = services(place).filter(code=code).first()
    if category is None:
        raise Open311Error(404, _("service_code %(code)s was not found.") % {"code": code[:50]})
    return category


def questions(place: Place, category: Category) -> list[ServiceAttribute]:
    """The category's active questions; a settlements question gets the settlements as
    ``choices`` (key: the settlement's id)."""
    attributes = list(category.open311_attributes.filter(is_active=True))
    if any(a.source == ServiceAttribute.Source.SETTLEMENTS for a in attributes):
        settlements = list(Settlement.objects.filter(municipality=place.municipality))
    for attribute in attributes:
        if attribute.source == ServiceAttribute.Source.SETTLEMENTS:
            attribute.choices = {str(s.pk): s for s in settlements}
        else:
            attribute.choices = {value["key"]: value for value in attribute.values or []}
    return attributes


def public_requests(place: Place) -> QuerySet[Concern]:
    """The municipality's concerns an Open311 GET may show, with what their rows need."""
    public_events = ConcernEvent.objects.filter(concern=OuterRef("pk"), is_public=True).order_by(
        "-created_at", "-id"
    )
    concerns = Concern.objects.filter(municipality=place.municipality)
    return (
        exclude_sensitive(concerns, None)
        .select_related("category", "council", "settlement")
        .only(
            "reference",
            "status",
            "created_at",
            "category__code",
            "category__name",
            "category__name_translations",
            "council__name",
            "council__name_translations",
            "settlement__name",
            "settlement__name_translations",
        )
        .annotate(
            last_public_at=Subquery(public_events.values("created_at")[:1]),
            last_note_id=Subquery(
                public_events.exclude(Q(note="") & Q(public_text={})).values("id")[:1]
            ),
        )
        .order_by("-created_at", "-id")
    )


def with_notes(concerns: list[Concern], place: Place) -> list[Concern]:
    """Each concern's latest public note as ``public_note`` (one query for all): its text for
    the reporter in the reader's language (else an official one), else its plain note."""
    ids = [c.last_note_id for c in concerns if c.last_note_id]
    notes = ConcernEvent.objects.in_bulk(ids) if ids else {}
    official = place.municipality.official_languages or ()
    for concern in concerns:
        event = notes.get(concern.last_note_id)
        picked = pick(event.public_text, official=official) if event else None
        concern.public_note = str(picked) if picked else (event.note if event else "")
    return concerns


def submission_for_token(place: Place, token: str) -> Submission:
    submission = (
        Submission.objects.filter(
            token=token,
            concern__municipality=place.municipality,
            concern__category__is_sensitive=False,
        )
        .select_related("concern")
        .only("token", "concern__reference")
        .first()
    )
    if submission is None:
        raise Open311Error(404, _("token %(token)s was not found.") % {"token": token[:40]})
    return submission


def w3c(moment: datetime | None, place: Place) -> str | None:
    """W3C datetime with the municipality's offset, e.g. 2026-12-01T14:05:00+01:00."""
    if moment is None:
        return None
    return moment.astimezone(place.zone).isoformat(timespec="seconds")
