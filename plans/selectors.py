"""Reads of plans and priorities: progress derived from actions and indicator values, the
agenda feed, public pages, and ``plan_progress`` for the periodic reports.

Progress of an activity (0–100 %) is the mean of what is known of it:
- its linked follow-up actions: the share verified (cancelled ones do not count);
- its indicator: the latest value recorded, as the way from the baseline to the target
  (clamped to 0–100 %; a value past the target is the target reached).
An activity with neither has no progress ("nothing recorded"); objectives and the plan
count it as 0 %, so an unmeasured plan does not look done.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from councils.localized import pick_translation
from plans import policies
from plans.models import (
    Activity,
    IndicatorValue,
    Objective,
    Priority,
    PriorityUpdate,
    SafetyPlan,
)
from policing.models import FollowUpAction

ActionStatus = FollowUpAction.Status


class State:
    DONE = "done"
    LATE = "late"
    DUE = "due"
    UNDER_WAY = "under_way"
    NOT_STARTED = "not_started"


@dataclass
class ActivityProgress:
    activity_id: int
    starts_on: date
    ends_on: date
    actions_total: int = 0
    actions_verified: int = 0
    latest_value: Decimal | None = None
    latest_on: date | None = None
    baseline: Decimal | None = None
    target: Decimal | None = None
    share: float | None = None
    state: str = State.UNDER_WAY

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def derive_progress(
    *,
    activity_id: int,
    starts_on: date,
    ends_on: date,
    actions_total: int,
    actions_verified: int,
    baseline: Decimal | None,
    target: Decimal | None,
    latest_value: Decimal | None,
    latest_on: date | None = None,
    today: date | None = None,
) -> ActivityProgress:
    """One activity's progress and state from its counts and latest indicator value."""
    today = today or timezone.localdate()
    parts = []
    if actions_total:
        parts.append(actions_verified / actions_total)
    if (
        latest_value is not None
        and baseline is not None
        and target is not None
        and target != baseline
    ):
        reached = (latest_value - baseline) / (target - baseline)
        parts.append(float(min(max(reached, Decimal(0)), Decimal(1))))
    share = sum(parts) / len(parts) if parts else None
    if share is not None and share >= 1:
        state = State.DONE
    elif ends_on < today:
        state = State.LATE
    elif starts_on > today:
        state = State.NOT_STARTED
    elif ends_on <= month_end(today):
        state = State.DUE
    else:
        state = State.UNDER_WAY
    return ActivityProgress(
        activity_id=activity_id,
        starts_on=starts_on,
        ends_on=ends_on,
        actions_total=actions_total,
        actions_verified=actions_verified,
        latest_value=latest_value,
        latest_on=latest_on,
        baseline=baseline,
        target=target,
        share=share,
        state=state,
    )


def annotated_activities(
    queryset: QuerySet[Activity] | None = None, *, as_of: datetime | None = None
) -> QuerySet[Activity]:
    """Activities with what progress needs, in one query however many there are.

    ``as_of``: what was known before that moment (a past report period's end): values measured
    on an earlier day, actions created and verified before it, and not cancelled by then."""
    queryset = Activity.objects.all() if queryset is None else queryset
    latest = IndicatorValue.objects.filter(activity=OuterRef("pk")).order_by("-measured_on", "-id")
    live = Q(links__action__isnull=False) & ~Q(links__action__status=ActionStatus.CANCELLED)
    verified = Q(links__action__status=ActionStatus.VERIFIED)
    if as_of is not None:
        latest = latest.filter(measured_on__lt=as_of.date())
        # An action cancelled after that moment was still live then: cancelling is its last
        # change (a cancelled action changes no more), so its updated_at is when it was.
        live = (
            Q(links__action__isnull=False)
            & Q(links__action__created_at__lt=as_of)
            & (
                ~Q(links__action__status=ActionStatus.CANCELLED)
                | Q(links__action__updated_at__gte=as_of)
            )
        )
        verified &= Q(links__action__verified_at__lt=as_of)
    return queryset.annotate(
        actions_total=Count("links", filter=live),
        actions_verified=Count("links", filter=verified),
        latest_value=Subquery(latest.values("value")[:1]),
        latest_on=Subquery(latest.values("measured_on")[:1]),
    )


def progress_of(activity: Activity, today: date | None = None) -> ActivityProgress:
    """``activity`` must come from ``annotated_activities``."""
    return derive_progress(
        activity_id=activity.pk,
        starts_on=activity.starts_on,
        ends_on=activity.ends_on,
        actions_total=activity.actions_total,
        actions_verified=activity.actions_verified,
        baseline=activity.baseline,
        target=activity.target,
        latest_value=activity.latest_value,
        latest_on=activity.latest_on,
        today=today,
    )


def mean_percent(progresses: list[ActivityProgress]) -> int | None:
    if not progresses:
        return None
    return round(100 * sum(p.share or 0 for p in progresses) / len(progresses))


@dataclass
class ObjectiveProgress:
    objective: Objective
    activities: list[Activity]

    @property
    def percent(self) -> int | None:
        return mean_percent([a.progress for a in self.activities])


@dataclass
class PlanProgress:
    """A plan as its progress page and the periodic reports read it."""

    plan: SafetyPlan
    objectives: list[ObjectiveProgress]
    states: dict[str, int] = field(default_factory=dict)

    @property
    def activities(self) -> list[Activity]:
        return [a for o in self.objectives for a in o.activities]

    @property
    def percent(self) -> int | None:
        return mean_percent([a.progress for a in self.activities])

    @property
    def late(self) -> list[Activity]:
        return [a for a in self.activities if a.progress.state == State.LATE]


def progress_page(
    plan: SafetyPlan, today: date | None = None, *, as_of: datetime | None = None
) -> PlanProgress:
    """Every objective and activity of the live plan with its progress: two queries."""
    objectives = list(plan.objectives.order_by("position", "id"))
    activities = list(
        annotated_activities(Activity.objects.filter(objective__plan=plan), as_of=as_of)
        .select_related("responsible_unit", "responsible_body")
        .order_by("objective__position", "objective_id", "position", "id")
    )
    by_objective: dict[int, list[Activity]] = {o.pk: [] for o in objectives}
    states: dict[str, int] = {}
    for activity in activities:
        activity.progress = progress_of(activity, today)
        states[activity.progress.state] = states.get(activity.progress.state, 0) + 1
        by_objective[activity.objective_id].append(activity)
    return PlanProgress(
        plan=plan,
        objectives=[ObjectiveProgress(o, by_objective[o.pk]) for o in objectives],
        states=states,
    )


def plan_progress(council, period) -> PlanProgress | None:
    """The council's adopted plan for ``period`` with its progress, for the periodic reports.

    ``period``: a year (``2026``), a day, or a ``(first day, last day)`` pair. The plan is the
    adopted one (drafts never count) that overlaps the period, the latest starting first (a
    yearly part before the multi-year plan it belongs to). None when the council has none.
    A period that ended before today is read as it stood at its end: its states as of its last
    day, values measured and actions created and verified by then.
    """
    if isinstance(period, int):
        start, end = date(period, 1, 1), date(period, 12, 31)
    elif isinstance(period, date):
        start = end = period
    else:
        start, end = period
    council_id = council if isinstance(council, int) else council.pk
    plan = (
        policies.public_plans()
        .filter(council_id=council_id, starts_on__lte=end, ends_on__gte=start)
        .select_related("council__municipality")
        .order_by("-starts_on", "ends_on", "-id")
        .first()
    )
    if plan is None:
        return None
    today = timezone.localdate()
    if end >= today:
        return progress_page(plan, today=today)
    # A period that is over reads as it stood at its end, whatever was recorded since.
    after_end = datetime.combine(end + timedelta(days=1), time.min, tzinfo=plan.zone)
    return progress_page(plan, today=end, as_of=after_end)


def current_plan(council) -> SafetyPlan | None:
    today = timezone.localdate()
    return (
        policies.public_plans()
        .filter(council=council, starts_on__lte=today, ends_on__gte=today)
        .order_by("-starts_on", "-id")
        .first()
    )


# --- The agenda feed

AGENDA_ACTIVITY_LIMIT = 8


def activities_for_agenda(council, day: date) -> tuple[list[Activity], int]:
    """Activities of the council's adopted plans due in ``day``'s month or late, not done:
    the latest-due first, at most AGENDA_ACTIVITY_LIMIT; and how many more there are."""
    last = month_end(day)
    rows = list(
        annotated_activities(
            Activity.objects.filter(
                objective__plan__in=policies.public_plans().filter(council=council),
                starts_on__lte=last,
                ends_on__lte=last,
            )
        )
        .select_related("objective__plan__council__municipality")
        .order_by("ends_on", "id")
    )
    pending = [a for a in rows if progress_of(a, day).state != State.DONE]
    return pending[:AGENDA_ACTIVITY_LIMIT], max(0, len(pending) - AGENDA_ACTIVITY_LIMIT)


def open_priorities(council) -> QuerySet[Priority]:
    return Priority.objects.filter(council=council, status__in=Priority.OPEN).order_by(
        "set_on", "id"
    )


# --- Public pages


def public_plan_content(plan: SafetyPlan) -> dict | None:
    """The latest adopted revision's content (never a draft's)."""
    revision = plan.revisions.order_by("-number").first()
    return revision.content if revision else None


def public_plan_page(plan: SafetyPlan, today: date | None = None) -> dict | None:
    """The adopted plan as the public reads it, each activity with its live progress: counts
    and percentages only (an action's title and its people are internal)."""
    content = public_plan_content(plan)
    if content is None:
        return None
    ids = [a["id"] for o in content["objectives"] for a in o["activities"]]
    live = {
        a.pk: progress_of(a, today)
        for a in annotated_activities(Activity.objects.filter(pk__in=ids))
    }
    objectives = []
    all_progress = []
    for objective in content["objectives"]:
        activities = []
        for activity in objective["activities"]:
            progress = live.get(activity["id"])
            if progress is None:  # removed in a revision being drafted: shown as adopted
                progress = derive_progress(
                    activity_id=activity["id"],
                    starts_on=date.fromisoformat(activity["starts_on"]),
                    ends_on=date.fromisoformat(activity["ends_on"]),
                    actions_total=0,
                    actions_verified=0,
                    baseline=None,
                    target=None,
                    latest_value=None,
                    today=today,
                )
            all_progress.append(progress)
            activities.append(
                {
                    **activity,
                    "responsible_name": pick_translation(
                        activity["responsible"]["name"], activity["responsible"]["translations"]
                    ),
                    "progress": progress,
                }
            )
        objectives.append(
            {
                **objective,
                "activities": activities,
                "percent": mean_percent([a["progress"] for a in activities]),
            }
        )
    return {"content": content, "objectives": objectives, "percent": mean_percent(all_progress)}


def public_priorities_of(council) -> tuple[list[Priority], list[Priority]]:
    """Current and past published priorities of a council with their updates: two queries."""
    rows = list(
        policies.public_priorities()
        .filter(council=council)
        .prefetch_related(
            Prefetch("updates", queryset=PriorityUpdate.objects.order_by("-on", "-id")),
            Prefetch("settlements"),
        )
        .order_by("-set_on", "-id")
    )
    return (
        [p for p in rows if p.status == Priority.Status.PUBLISHED],
        [p for p in rows if p.status == Priority.Status.CLOSED],
    )


def priorities_of_concern(concern) -> list[Priority]:
    """The published priorities a concern is part of, with their updates (its tracking page)."""
    return list(
        policies.public_priorities()
        .filter(concern_links__concern=concern)
        .select_related("council__municipality")
        .prefetch_related(
            Prefetch("updates", queryset=PriorityUpdate.objects.order_by("-on", "-id"))
        )
        .order_by("-set_on", "-id")
    )
