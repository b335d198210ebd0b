"""Reads of councils and meetings that are more than one line: agendas, figures, pools."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from concerns.models import Category, Concern
from councils.localized import pick_translation
from councils.models import AgendaItem, Attendance, Council, Decision, Meeting, Membership
from policing.models import FollowUpAction, ProgressUpdate

Status = Meeting.Status
# A council's meeting is taken to last this long: two closer than this overlap.
MEETING_LENGTH = timedelta(hours=3)
# The police report of a council's first meeting covers this far back.
FIRST_REPORT_PERIOD = timedelta(days=90)
LIVE = ~Q(status=Status.CANCELLED)


def sensitive_categories() -> QuerySet[Category]:
    field_names = {f.name for f in Category._meta.get_fields()}
    if "is_sensitive" not in field_names:
        return Category.objects.none()
    return Category.objects.filter(is_sensitive=True)


def is_sensitive(category: Category) -> bool:
    return bool(getattr(category, "is_sensitive", False))


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The council's last meeting before this one that took place."""
    return (
        Meeting.objects.filter(council_id=meeting.council_id, planned_at__lt=meeting.planned_at)
        .exclude(status__in=[Status.PLANNED, Status.CANCELLED])
        .order_by("-planned_at")
        .first()
    )


def next_draft_meeting(council: Council | int, *, after: datetime) -> Meeting | None:
    """The next planned meeting whose agenda is still a draft: where carried items go."""
    council_id = council if isinstance(council, int) else council.pk
    return (
        Meeting.objects.filter(
            council_id=council_id,
            status=Status.PLANNED,
            agenda_published_at__isnull=True,
            planned_at__gt=after,
        )
        .order_by("planned_at")
        .first()
    )


def pending_carries(council: Council | int) -> QuerySet[Decision]:
    """Deferrals and referrals to this council not yet on a live agenda (a cancelled meeting's
    agenda gives its items back)."""
    council_id = council if isinstance(council, int) else council.pk
    carried = AgendaItem.objects.filter(carried_from=OuterRef("agenda_item_id")).filter(
        meeting__in=Meeting.objects.filter(LIVE)
    )
    return (
        Decision.objects.filter(carry_to_id=council_id)
        .exclude(agenda_item__meeting__status=Status.CANCELLED)
        .filter(~Exists(carried))
        .select_related("agenda_item__meeting")
        .order_by("agenda_item__meeting__planned_at", "agenda_item__position")
    )


def report_period(meeting: Meeting) -> tuple[datetime, datetime]:
    previous = previous_meeting(meeting)
    until = meeting.held_at or min(meeting.planned_at, timezone.now())
    since = previous.held_at if previous and previous.held_at else until - FIRST_REPORT_PERIOD
    return since, until


def police_report_figures(council: Council, *, since: datetime, until: datetime) -> dict:
    """Concerns received by category and settlement, actions opened / completed / overdue.

    Sensitive categories are counted in the total and one line of their own, never by
    category or settlement (small cells identify people).
    """
    sensitive = sensitive_categories()
    received = Concern.objects.filter(council=council, created_at__gte=since, created_at__lt=until)
    open_ = received.exclude(category__in=sensitive)
    by_category = (
        open_.values("category__name", "category__name_translations")
        .annotate(n=Count("id"))
        .order_by("-n", "category__name")
    )
    by_settlement = (
        open_.values("settlement__name", "settlement__name_translations")
        .annotate(n=Count("id"))
        .order_by("-n", "settlement__name")
    )
    totals = received.aggregate(
        total=Count("id"), sensitive=Count("id", filter=Q(category__in=sensitive))
    )
    active = Q(status__in=FollowUpAction.ACTIVE_STATUSES)
    # Three counts, each an index range of the council's actions (policing's indexes), rather
    # than one pass over its whole history.
    mine = FollowUpAction.objects.filter(council=council)
    actions = {
        "opened": mine.filter(created_at__gte=since, created_at__lt=until).count(),
        "completed": mine.filter(completed_at__gte=since, completed_at__lt=until).count(),
        "overdue": mine.filter(active & Q(due_date__lt=timezone.localdate(until))).count(),
    }
    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "total": totals["total"],
        "sensitive": totals["sensitive"],
        "by_category": [
            [row["category__name"], row["category__name_translations"] or {}, row["n"]]
            for row in by_category
        ],
        "by_settlement": [
            [row["settlement__name"] or "", row["settlement__name_translations"] or {}, row["n"]]
            for row in by_settlement
        ],
        "actions": actions,
    }


@dataclass
class Figures:
    """Stored figures as a template shows them, names in the reader's language."""

    since: datetime
    until: datetime
    total: int
    sensitive: int
    by_category: list[tuple[str, int]]
    by_settlement: list[tuple[str, int]]
    opened: int
    completed: int
    overdue: int


def readable_figures(figures: dict, unknown_place: str) -> Figures | None:
    if not figures:
        return None
    return Figures(
        since=datetime.fromisoformat(figures["since"]),
        until=datetime.fromisoformat(figures["until"]),
        total=figures["total"],
        sensitive=figures["sensitive"],
        by_category=[(pick_translation(n, t), c) for n, t, c in figures["by_category"]],
        by_settlement=[
            (pick_translation(n, t) if n else unknown_place, c)
            for n, t, c in figures["by_settlement"]
        ],
        opened=figures["actions"]["opened"],
        completed=figures["actions"]["completed"],
        overdue=figures["actions"]["overdue"],
    )


# --- Pools of what can go on an agenda


def concern_pool(meeting: Meeting) -> QuerySet[Concern]:
    """Triaged concerns not on a planned meeting's agenda: those marked for the agenda first."""
    on_planned = AgendaItem.objects.filter(concern=OuterRef("pk"), meeting__status=Status.PLANNED)
    return (
        Concern.objects.filter(
            council_id=meeting.council_id,
            status__in=[Concern.Status.ON_AGENDA, Concern.Status.TRIAGED, Concern.Status.REOPENED],
        )
        .filter(~Exists(on_planned))
        .select_related("category", "settlement")
        .order_by(
            # on_agenda sorts before reopened and triaged
            "status",
            "-created_at",
        )
    )


def action_pool(meeting: Meeting, *, limit: int | None = None) -> QuerySet[FollowUpAction]:
    """Actions to report back on (policing's rule: updated or due since the last meeting, or
    overdue), not on this agenda yet, with the latest progress inline (one query); the first
    ``limit`` of them read through indexes (see actions_to_report_back)."""
    from policing.selectors import actions_to_report_back

    since, _until = report_period(meeting)
    on_this = AgendaItem.objects.filter(action=OuterRef("pk"), meeting_id=meeting.pk)
    return actions_to_report_back(
        meeting.council, since=since, limit=limit, excluding=~Exists(on_this)
    )


# --- Pages


def agenda_of(meeting: Meeting) -> list[AgendaItem]:
    """Every item with what its row shows, in a constant number of queries."""
    return list(
        meeting.agenda_items.select_related(
            "concern__category", "concern__settlement", "action__responsible_unit", "minutes_of"
        )
        .annotate(
            latest_progress=Subquery(
                ProgressUpdate.objects.filter(action=OuterRef("action_id"))
                .order_by("-created_at", "-id")
                .values("text")[:1]
            )
        )
        .prefetch_related(Prefetch("decisions", queryset=Decision.objects.order_by("id")))
        .order_by("position", "id")
    )


def with_figures(meeting: Meeting, items: list[AgendaItem], unknown_place: str) -> None:
    """``item.readable_figures`` on the police report: frozen figures, else computed now (a
    draft agenda shows them live)."""
    reports = [i for i in items if i.kind == AgendaItem.Kind.POLICE_REPORT]
    live = None
    for item in reports:
        figures = item.figures
        if not figures:
            if live is None:
                since, until = report_period(meeting)
                live = police_report_figures(meeting.council, since=since, until=until)
            figures = live
        item.readable_figures = readable_figures(figures, unknown_place)


def attendance_of(meeting: Meeting) -> tuple[list[Attendance], list[Attendance]]:
    rows = list(
        meeting.attendance.select_related("membership__person").order_by(
            "membership__role", "membership__person__full_name", "guest_name"
        )
    )
    return [r for r in rows if r.membership_id], [r for r in rows if not r.membership_id]


def members_on(council: Council | int, day) -> QuerySet[Membership]:
    council_id = council if isinstance(council, int) else council.pk
    return (
        Membership.objects.current(day)
        .filter(council_id=council_id)
        .select_related("person")
        .order_by("role", "person__full_name")
    )


def quorum_for(council: Council, members: int) -> int:
    """The council's rule, else a majority of the current members."""
    return council.quorum or members // 2 + 1


@dataclass
class Representation:
    communities: list[tuple[str, int]]
    genders: list[tuple[str, int]]
    missing_communities: list[str] = field(default_factory=list)
    no_women: bool = False


def representation(council: Council, members: list[Membership]) -> Representation:
    communities: dict[str, int] = {}
    genders: dict[str, int] = {}
    for membership in members:
        community = membership.person.community or ""
        communities[community] = communities.get(community, 0) + 1
        genders[membership.person.gender] = genders.get(membership.person.gender, 0) + 1
    present = {c.casefold() for c in communities if c}
    expected = council.municipality.communities if council.municipality_id else []
    return Representation(
        communities=sorted(communities.items(), key=lambda kv: (-kv[1], kv[0])),
        genders=sorted(genders.items(), key=lambda kv: (-kv[1], kv[0])),
        missing_communities=[c for c in expected if c.casefold() not in present],
        no_women=bool(members) and not genders.get("female"),
    )


def meetings_for_staff(user, queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return queryset.select_related("council__municipality").annotate(
        item_count=Count("agenda_items")
    )


STAFF_LIST_LIMIT = 200


def staff_meeting_list(user) -> QuerySet[Meeting]:
    """The meetings page's rows: the user's active councils' meetings, latest first."""
    from councils import policies

    return (
        meetings_for_staff(user, policies.meetings_for_staff(user))
        .filter(council__in=policies.councils_visible_to(user).filter(is_active=True))
        .order_by("-planned_at")[:STAFF_LIST_LIMIT]
    )


def agenda_meeting_for(concern: Concern) -> Meeting | None:
    """The next meeting whose published agenda has this concern: the resident sees its date."""
    return (
        Meeting.objects.filter(
            agenda_items__concern=concern,
            status=Status.PLANNED,
            agenda_published_at__isnull=False,
        )
        .select_related("council")
        .order_by("planned_at")
        .first()
    )
