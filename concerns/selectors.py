"""Reads of concerns that are more than one line: the inbox, the public tracking view."""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from concerns.models import Concern, ConcernEvent
from concerns.policies import concerns_visible_to
from policing.models import FollowUpAction


@dataclass
class InboxFilters:
    status: str = ""
    category: int | None = None
    settlement: int | None = None
    channel: str = ""
    council: int | None = None
    municipality: int | None = None
    reopened: bool = False
    received_from: object = None
    received_to: object = None
    waiting_days: int | None = None
    q: str = ""
    sort: str = "-created_at"


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


SORTS = {
    "-created_at": ("-created_at", "-id"),
    "created_at": ("created_at", "id"),
    "priority": ("-priority_rank", "-created_at", "-id"),
    "status": ("status", "-created_at", "-id"),
    "reference": ("reference",),
}


def ready_to_resolve() -> dict:
    """Annotations for "ready to resolve": a concern in action whose actions are all verified
    or cancelled. Subqueries in the list's own query, not a query per row."""
    actions = FollowUpAction.objects.filter(concern=OuterRef("pk"))
    finished = (FollowUpAction.Status.VERIFIED, FollowUpAction.Status.CANCELLED)
    return {
        "ready_to_resolve": Case(
            When(
                Q(status=Concern.Status.IN_ACTION)
                & Exists(actions)
                & ~Exists(actions.exclude(status__in=finished)),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    }


def was_reopened() -> Q:
    """Concerns reopened at some point: "in the set of concerns that ..." rather than a
    subquery per row (PostgreSQL hashes the few ids once; a correlated EXISTS would probe the
    events once per concern). The inbox's filter and the statistics' figure behind it."""
    return Q(
        pk__in=ConcernEvent.objects.filter(to_status=Concern.Status.REOPENED).values("concern_id")
    )


def inbox(user, filters: InboxFilters) -> QuerySet[Concern]:
    """The secretary's (or member's, or coordinator's) list, scoped, filtered, sorted."""
    # The list never shows when it happened: a row with a broken date cannot take it down.
    qs = (
        concerns_visible_to(user)
        .select_related("category", "settlement", "council", "municipality")
        .defer("occurred_at", "search_vector")
        .annotate(**ready_to_resolve())
    )
    if filters.status == "open":
        qs = qs.filter(status__in=Concern.OPEN_STATUSES)
    elif filters.status:
        qs = qs.filter(status=filters.status)
    if filters.category:
        qs = qs.filter(category_id=filters.category)
    if filters.settlement:
        qs = qs.filter(settlement_id=filters.settlement)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.council:
        qs = qs.filter(council_id=filters.council)
    if filters.municipality:
        qs = qs.filter(municipality_id=filters.municipality)
    if filters.reopened:
        qs = qs.filter(was_reopened())
    # Bounds as aware datetimes, not created_at__date: a function on the column defeats its index.
    if filters.received_from:
        qs = qs.filter(created_at__gte=_start_of(filters.received_from))
    if filters.received_to:
        qs = qs.filter(created_at__lt=_start_of(filters.received_to + timedelta(days=1)))
    if filters.waiting_days is not None:
        qs = qs.filter(
            status=Concern.Status.NEW,
            created_at__lt=timezone.now() - timedelta(days=filters.waiting_days),
        )
    if filters.q:
        qs = search(qs, filters.q)
    if filters.sort == "priority":
        qs = qs.annotate(
            priority_rank=Case(
                When(priority="urgent", then=Value(4)),
                When(priority="high", then=Value(3)),
                When(priority="normal", then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    return qs.order_by(*SORTS.get(filters.sort, SORTS["-created_at"]))


REFERENCE_LIKE = re.compile(r"^[A-Z]{2,8}-\d")
# Part of a reference, as a resident reads it out: "00157", "157", "2026-00157".
PARTIAL_REFERENCE = re.compile(r"^\d[\d-]*$")


def search(qs: QuerySet[Concern], text: str) -> QuerySet[Concern]:
    """A reference (or its start), a part of one (its digits), else words of the description.

    On PostgreSQL the words go through full-text search on the stored, GIN-indexed vector of
    migration 0006; elsewhere every word must appear in the description.
    """
    text = text.strip()
    if REFERENCE_LIKE.match(text.upper()):
        return qs.filter(reference__startswith=text.upper())
    if PARTIAL_REFERENCE.match(text):
        return qs.filter(reference__contains=text)
    if connection.vendor == "postgresql":
        return qs.filter(search_vector=SearchQuery(text, config="simple"))
    words = Q()
    for word in text.split():
        words &= Q(description__icontains=word)
    return qs.filter(words)


def waiting_for_triage_days() -> int:
    return settings.CSC["TRIAGE_TARGET_DAYS"]


def concern_for_staff(pk: int, user) -> Concern:
    return (
        concerns_visible_to(user)
        .select_related(
            "category",
            "settlement",
            "council__parent",
            "municipality",
            "duplicate_of",
            "entered_by",
        )
        .prefetch_related(
            "attachments",
            Prefetch("events", queryset=ConcernEvent.objects.select_related("actor")),
            "duplicates",
        )
        .get(pk=pk)
    )


def public_timeline(concern: Concern) -> list[ConcernEvent]:
    return [e for e in concern.events.all() if e.is_public]


def public_events(concern: Concern) -> QuerySet[ConcernEvent]:
    """What the reporter (and the public API, Open311) may read of a concern's history, oldest
    first: status changes with their public texts, referrals, messages to the reporter. Never
    internal notes or comments, never who wrote them (``actor`` is staff's business)."""
    return ConcernEvent.objects.filter(concern=concern, is_public=True).order_by("created_at", "id")


def public_updates(concern: Concern) -> QuerySet[ConcernEvent]:
    """The messages to the reporter only (kind ``public_update``), oldest first."""
    return public_events(concern).filter(kind=ConcernEvent.Kind.PUBLIC_UPDATE)


def concern_for_tracking(reference: str) -> Concern | None:
    return (
        Concern.objects.select_related("category", "settlement", "municipality", "duplicate_of")
        .prefetch_related(
            Prefetch("events", queryset=ConcernEvent.objects.filter(is_public=True)),
        )
        .filter(reference=reference)
        .first()
    )
