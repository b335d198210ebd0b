"""Monthly action figures: built per (council, month of creation) like the concern figures,
and read with the visibility rules of ``policing.policies.actions_visible_to`` written on the
table's columns (the sensitivity of an action is its concern's category's, kept on the row)."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from councils.models import Council
from monitoring.models import ActionMonth
from monitoring.periods import Period
from policing.models import FollowUpAction
from workspace.scopes import scope_of

Status = FollowUpAction.Status
ACTIVE = tuple(FollowUpAction.ACTIVE_STATUSES)


def facts(council_ids: Iterable[int], window: Q | None = None):
    rows = FollowUpAction.objects.filter(council_id__in=list(council_ids))
    if window is not None:
        rows = rows.filter(window)
    return (
        rows.order_by()
        .values_list(
            "council_id",
            "council__municipality_id",
            "responsible_unit_id",
            "responsible_body_id",
            "concern__category__is_sensitive",
            "assignee_id",
            "created_at",
            "due_date",
            "status",
            "completed_at",
        )
        .iterator(chunk_size=5000)
    )


def due_key(status: str, due: date, today: date) -> date:
    """The due day an action still open and not yet overdue is counted by; any other action
    by the first of its due month. An open action already overdue stays overdue until its
    status changes (which refreshes its row), so its day no longer matters."""
    if status in ACTIVE and due >= today:
        return due
    return due.replace(day=1)


def compute(rows, zones: dict, today: date | None = None) -> Counter:
    found: Counter = Counter()
    site = timezone.get_default_timezone()
    today = today or timezone.localdate()
    for council, municipality, unit, body, sensitive, assignee, created, due, status, done in rows:
        sensitive = bool(sensitive)
        in_time = done is not None and done.astimezone(site).date() <= due
        key = (
            council,
            municipality,
            created.astimezone(zones[council]).date().replace(day=1),
            unit,
            body,
            sensitive,
            assignee if sensitive else None,
            status,
            due_key(status, due, today),
            in_time,
        )
        found[key] += 1
    return found


def write(found: Counter) -> None:
    ActionMonth.objects.bulk_create(
        (
            ActionMonth(
                council_id=k[0],
                municipality_id=k[1],
                month=k[2],
                responsible_unit_id=k[3],
                responsible_body_id=k[4],
                is_sensitive=k[5],
                assignee_id=k[6],
                status=k[7],
                due=k[8],
                completed_in_time=k[9],
                actions=n,
            )
            for k, n in found.items()
        ),
        batch_size=5000,
    )


def stored(council_id: int, today: date | None = None) -> Counter:
    """The council's rows as ``compute`` would write them today: a day that has passed since
    they were written is no drift."""
    today = today or timezone.localdate()
    found: Counter = Counter()
    for r in ActionMonth.objects.filter(council_id=council_id).values_list(
        "council_id",
        "municipality_id",
        "month",
        "responsible_unit_id",
        "responsible_body_id",
        "is_sensitive",
        "assignee_id",
        "status",
        "due",
        "completed_in_time",
        "actions",
    ):
        found[(*r[:8], due_key(r[7], r[8], today), r[9])] += r[10]
    return found


# --- Reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthlyActions:
    """The actions a reader counts, as a condition on ActionMonth; ``figures`` reads from the
    table when given one of these instead of a queryset of actions."""

    condition: Q


def monthly_actions(user, period: Period, **filters) -> MonthlyActions | None:
    """The rows of the actions ``user`` may see (``actions_visible_to``), narrowed by
    ``filters`` (council: an id; councils, units, bodies: ids); None when the table cannot
    answer for the period (not whole months, or councils in another time zone)."""
    if not period.whole_months:
        return None
    councils = Council.objects.all()
    if "council" in filters or "councils" in filters:
        councils = councils.filter(pk__in=[filters.get("council"), *filters.get("councils", ())])
    zones = {
        own or municipal or settings.TIME_ZONE
        for own, municipal in councils.values_list("time_zone", "municipality__time_zone")
    }
    if zones - {period.zone.key}:
        return None
    scope = scope_of(user)
    if not scope.is_authenticated:
        return None
    few = Q(responsible_body_id__in=sorted(scope.focal_point_of)) | Q(
        responsible_unit_id__in=sorted(scope.commands)
    )
    if scope.officer_id:
        few |= Q(assignee_id=scope.officer_id)
    # As policing.policies: a safeguarding officer reads the council's sensitive actions only.
    few |= Q(council_id__in=sorted(scope.safeguarding_of)) & Q(is_sensitive=True)
    if scope.reads_everything:
        condition = Q(is_sensitive=False) | (Q(is_sensitive=True) & few)
    else:
        many = few | Q(council_id__in=sorted(scope.member_of))
        if scope.officer_unit_id:
            many |= Q(responsible_unit_id=scope.officer_unit_id)
        condition = (Q(is_sensitive=False) & many) | (Q(is_sensitive=True) & few)
    if "council" in filters:
        condition &= Q(council_id=filters["council"])
    if "councils" in filters:
        condition &= Q(council_id__in=sorted(filters["councils"]))
    if "units" in filters:
        condition &= Q(responsible_unit_id__in=sorted(filters["units"]))
    if "bodies" in filters:
        condition &= Q(responsible_body_id__in=sorted(filters["bodies"]))
    return MonthlyActions(condition)


def with_responsible(rows: MonthlyActions, dimension: str) -> MonthlyActions:
    field = {"unit": "responsible_unit__isnull", "body": "responsible_body__isnull"}[dimension]
    return MonthlyActions(rows.condition & Q(**{field: False}))


def _sums(period: Period, compare: bool, today: date) -> dict:
    active = Q(status__in=ACTIVE)
    sums = {
        "n_open": Sum("actions", filter=active),
        "n_overdue": Sum("actions", filter=active & Q(due__lt=today)),
    }
    for prefix, p in (("", period), ("prev_", period.previous())) if compare else (("", period),):
        due = Q(due__gte=p.start, due__lte=p.end) & ~Q(status=Status.CANCELLED)
        sums[prefix + "n_created"] = Sum("actions", filter=Q(month__in=p.months()))
        sums[prefix + "n_due"] = Sum("actions", filter=due)
        sums[prefix + "n_verified_in_time"] = Sum(
            "actions", filter=due & Q(status=Status.VERIFIED, completed_in_time=True)
        )
    return sums


def _window(period: Period, compare: bool) -> Q:
    condition = Q(status__in=ACTIVE)
    for p in (period, period.previous()) if compare else (period,):
        condition |= Q(month__in=p.months()) | Q(due__gte=p.start, due__lte=p.end)
    return condition


def _values(sums: dict, compare: bool) -> dict:
    def get(name):
        prefix = "prev_" if name.startswith("prev_") else ""
        return sums.get(prefix + "n_" + name.removeprefix("prev_")) or 0

    values = {
        "actions_open": get("open"),
        "actions_overdue": get("overdue"),
        "actions_overdue_share": get("overdue") * 100.0 / get("open") if get("open") else None,
    }
    for prefix in ("", "prev_") if compare else ("",):
        due = get(prefix + "due")
        values[prefix + "actions_created"] = get(prefix + "created")
        values[prefix + "actions_due"] = due
        values[prefix + "verified_on_time"] = (
            get(prefix + "verified_in_time") * 100.0 / due if due else None
        )
    return values


def headline(rows: MonthlyActions, period: Period, *, compare: bool = True) -> dict:
    today = timezone.localdate()
    found = (
        ActionMonth.objects.filter(rows.condition)
        .filter(_window(period, compare))
        .aggregate(**_sums(period, compare, today))
    )
    return _values(found, compare)


def breakdown(rows: MonthlyActions, period: Period, dim, *, compare: bool = True) -> list[dict]:
    today = timezone.localdate()
    found = (
        ActionMonth.objects.filter(rows.condition)
        .filter(_window(period, compare))
        .values(dim.field, *dim.label_fields)
        .annotate(**_sums(period, compare, today))
        .order_by()
    )
    return [
        {**{f: row[f] for f in (dim.field, *dim.label_fields)}, **_values(row, compare)}
        for row in found
    ]


def by_month(rows: MonthlyActions, period: Period) -> dict[date, dict]:
    found = (
        ActionMonth.objects.filter(rows.condition)
        .filter(month__in=period.months())
        .values("month")
        .annotate(created=Sum("actions"))
        .order_by()
    )
    return {row["month"]: {"actions_created": row["created"]} for row in found}
