"""Reads of follow-up actions that are more than one line: each one query, however many rows."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from concerns.forms.dates import EARLIEST_DATE, LATEST_DATE
from councils.models import Council
from policing import policies
from policing.models import (
    ActionEvent,
    FollowUpAction,
    Officer,
    ProgressUpdate,
)
from workspace.scopes import scope_of


def with_latest_progress(actions: QuerySet[FollowUpAction]) -> QuerySet[FollowUpAction]:
    """Annotate ``latest_progress`` (text) and ``latest_progress_at``: subqueries, not a
    query per row."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-created_at", "-id")
    return actions.annotate(
        latest_progress=Subquery(latest.values("text")[:1]),
        latest_progress_at=Subquery(latest.values("created_at")[:1]),
    )


def actions_to_report_back(
    council: Council, *, since: datetime, limit: int | None = None, excluding: Q | None = None
) -> QuerySet[FollowUpAction]:
    """What the next meeting's agenda reports back on: the council's actions updated since the
    last meeting, fallen due since then, or overdue and still open; with their latest progress;
    ``excluding`` drops some (those already on the agenda).

    With ``limit``, each of the three reasons reads at most ``limit`` rows in due-date order
    through its own index (one query still: a union of the three in the WHERE clause), so the
    first ``limit`` of the whole are exact and the database never sorts a council's history.
    """
    today = timezone.localdate()
    reasons = [
        Q(updated_at__gte=since),
        Q(due_date__gte=timezone.localtime(since).date(), due_date__lte=today),
        Q(status__in=FollowUpAction.ACTIVE_STATUSES, due_date__lt=today),
    ]
    mine = FollowUpAction.objects.filter(council=council)
    if excluding is not None:
        mine = mine.filter(excluding)
    if limit is None:
        actions = mine.filter(reasons[0] | reasons[1] | reasons[2])
    else:
        # Updated since: few recent rows, found through (council, updated_at) and sorted. In
        # due-date order through (council, due_date) the planner would walk years of old rows
        # first (old due dates are seldom updated); NULLS FIRST, the same order for a column
        # that is never null, is one that index cannot give.
        recent = F("due_date").asc(nulls_first=True)
        first = [
            mine.filter(reason).order_by(order, "id").values("id")[:limit]
            for reason, order in zip(reasons, (recent, "due_date", "due_date"), strict=True)
        ]
        actions = FollowUpAction.objects.filter(pk__in=first[0].union(*first[1:]))
    return with_latest_progress(
        actions.select_related("responsible_unit", "responsible_body", "assignee__user", "concern")
    ).order_by("due_date", "id")


# --- Lists behind the pages: the user's scope first, then only the columns a row shows.

LIST_RELATED = ("responsible_unit", "responsible_body", "assignee__user", "concern", "council")
LIST_COLUMNS = (
    "id",
    "title",
    "status",
    "priority",
    "due_date",
    "completed_at",
    "updated_at",
    "council_id",
    "council__name",
    "council__name_translations",
    "concern_id",
    "concern__reference",
    "decision_id",
    "responsible_unit_id",
    "responsible_unit__name",
    "responsible_body_id",
    "responsible_body__name",
    "responsible_body__name_translations",
    "assignee_id",
    "assignee__rank",
    "assignee__user__first_name",
    "assignee__user__last_name",
    "assignee__user__username",
)


def for_list(actions: QuerySet[FollowUpAction]) -> QuerySet[FollowUpAction]:
    return actions.select_related(*LIST_RELATED).only(*LIST_COLUMNS)


class Bucket:
    """The workload columns, each also a filter of the action list."""

    OPEN = "open"
    DUE_THIS_WEEK = "due_week"
    OVERDUE = "overdue"
    COMPLETED_THIS_MONTH = "completed_month"
    WAITING_FOR_VERIFICATION = "to_verify"
    ALL = (OPEN, DUE_THIS_WEEK, OVERDUE, COMPLETED_THIS_MONTH, WAITING_FOR_VERIFICATION)


def bucket_condition(bucket: str, *, today=None) -> Q:
    today = today or timezone.localdate()
    active = Q(status__in=FollowUpAction.ACTIVE_STATUSES)
    if bucket == Bucket.OPEN:
        return active
    if bucket == Bucket.DUE_THIS_WEEK:
        return active & Q(due_date__gte=today, due_date__lte=today + timedelta(days=6))
    if bucket == Bucket.OVERDUE:
        return active & Q(due_date__lt=today)
    if bucket == Bucket.COMPLETED_THIS_MONTH:
        return Q(
            status__in=(FollowUpAction.Status.COMPLETED, FollowUpAction.Status.VERIFIED),
            completed_at__gte=start_of_month(today),
        )
    if bucket == Bucket.WAITING_FOR_VERIFICATION:
        return Q(status=FollowUpAction.Status.COMPLETED)
    return Q()


def start_of_month(today) -> datetime:
    return timezone.make_aware(datetime.combine(today.replace(day=1), time.min))


def _ids(values) -> tuple[int, ...]:
    found = []
    for value in values:
        try:
            found.append(int(value))
        except (TypeError, ValueError):
            continue
    return tuple(found)


def _day(value):
    """A day within the inbox's date bounds; beyond them no filter, rather than a day after
    9999-12-31 that no datetime can hold."""
    try:
        day = date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None
    return day if day is None or EARLIEST_DATE <= day <= LATEST_DATE else None


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class ActionFilters:
    """The action list's filters, each a query parameter; ``unit`` and ``body`` may repeat
    (a commander's units). The dates select what the dashboard counts: created in a span of
    days, or due in one (cancelled actions are not due)."""

    units: tuple[int, ...] = ()
    officer: int | None = None
    bodies: tuple[int, ...] = ()
    council: int | None = None
    municipality: int | None = None
    category: int | None = None
    bucket: str = ""
    created_from: date | None = None
    created_to: date | None = None
    due_from: date | None = None
    due_to: date | None = None

    @classmethod
    def from_query(cls, params) -> "ActionFilters":
        """Values that cannot be read are left out, as the inbox does."""

        def one(name):
            found = _ids([params.get(name)])
            return found[0] if found else None

        bucket = params.get("bucket", "")
        return cls(
            units=_ids(params.getlist("unit")),
            officer=one("officer"),
            bodies=_ids(params.getlist("body")),
            council=one("council"),
            municipality=one("municipality"),
            category=one("category"),
            bucket=bucket if bucket in Bucket.ALL else "",
            created_from=_day(params.get("created_from")),
            created_to=_day(params.get("created_to")),
            due_from=_day(params.get("due_from")),
            due_to=_day(params.get("due_to")),
        )


def action_list(user, filters: ActionFilters) -> QuerySet[FollowUpAction]:
    actions = policies.actions_visible_to(user)
    if filters.units:
        actions = actions.filter(responsible_unit_id__in=filters.units)
    if filters.officer:
        actions = actions.filter(assignee_id=filters.officer)
    if filters.bodies:
        actions = actions.filter(responsible_body_id__in=filters.bodies)
    if filters.council:
        actions = actions.filter(council_id=filters.council)
    if filters.municipality:
        actions = actions.filter(council__municipality_id=filters.municipality)
    if filters.category:
        actions = actions.filter(concern__category_id=filters.category)
    if filters.bucket:
        actions = actions.filter(bucket_condition(filters.bucket))
    if filters.created_from:
        actions = actions.filter(created_at__gte=_start_of(filters.created_from))
    if filters.created_to:
        actions = actions.filter(created_at__lt=_start_of(filters.created_to + timedelta(days=1)))
    if filters.due_from or filters.due_to:
        actions = actions.exclude(status=FollowUpAction.Status.CANCELLED)
    if filters.due_from:
        actions = actions.filter(due_date__gte=filters.due_from)
    if filters.due_to:
        actions = actions.filter(due_date__lte=filters.due_to)
    return for_list(actions).order_by("due_date", "id")


def my_actions(user) -> QuerySet[FollowUpAction]:
    """An officer's assigned actions and a focal point's bodies' actions, still to do or
    waiting for verification, soonest due first."""
    scope = scope_of(user)
    mine = Q(responsible_body_id__in=scope.focal_point_of)
    if scope.officer_id:
        mine |= Q(assignee_id=scope.officer_id)
    statuses = (*FollowUpAction.ACTIVE_STATUSES, FollowUpAction.Status.COMPLETED)
    return for_list(FollowUpAction.objects.filter(mine, status__in=statuses)).order_by(
        "due_date", "id"
    )


@dataclass
class Queue:
    referred: list[FollowUpAction]
    requested: list[FollowUpAction]
    to_verify: list[FollowUpAction]
    more: dict[str, bool]


QUEUE_LIMIT = 50


def commander_queue(user, *, limit: int = QUEUE_LIMIT) -> Queue:
    """What waits for the commander, in their units: concerns referred to the police and
    requests from council decisions that nobody was assigned to yet, and completed actions to
    verify. Each list is bounded: one more row than shown tells that there are more."""
    scope = scope_of(user)
    mine = for_list(FollowUpAction.objects.filter(responsible_unit_id__in=scope.commands))
    waiting = mine.filter(status=FollowUpAction.Status.OPEN, assignee__isnull=True)
    lists = {
        "referred": waiting.filter(decision__isnull=True, concern__isnull=False),
        "requested": waiting.filter(decision__isnull=False),
        "to_verify": mine.filter(status=FollowUpAction.Status.COMPLETED),
    }
    rows = {name: list(qs.order_by("due_date", "id")[: limit + 1]) for name, qs in lists.items()}
    return Queue(
        **{name: found[:limit] for name, found in rows.items()},
        more={name: len(found) > limit for name, found in rows.items()},
    )


def assignable_officers(user) -> QuerySet[Officer]:
    return (
        Officer.objects.filter(unit_id__in=scope_of(user).commands, is_active=True)
        .select_related("user", "unit")
        .order_by("unit__name", "user__last_name", "user__first_name")
    )


def action_for_staff(pk: int, user) -> FollowUpAction:
    """One action the user may see, with what its page shows; DoesNotExist otherwise."""
    action = (
        FollowUpAction.objects.select_related(
            "council",
            "concern__category",
            "concern__municipality",
            "decision__agenda_item__meeting",
            "responsible_unit",
            "responsible_body",
            "assignee__user",
            "created_by",
            "completed_by",
            "verified_by",
        )
        .filter(pk=pk)
        .first()
    )
    if action is None or not policies.can_view_action(user, action):
        raise FollowUpAction.DoesNotExist
    return action


def timeline(action: FollowUpAction) -> list[ActionEvent]:
    return list(
        action.events.select_related("actor", "update").prefetch_related("update__attachments")
    )


def public_progress(concern_ids) -> dict[int, list[ProgressUpdate]]:
    """The progress summaries shown to reporters, by concern id, oldest first."""
    updates = (
        ProgressUpdate.objects.filter(action__concern_id__in=concern_ids, is_public=True)
        .select_related("action")
        .only("public_summary", "created_at", "action__concern_id")
    )
    found: dict[int, list[ProgressUpdate]] = {}
    for update in updates.order_by("created_at", "id"):
        found.setdefault(update.action.concern_id, []).append(update)
    return found
