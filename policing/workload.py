"""The workload page: per unit, officer and partner body the user may see, how many actions
are open, due this week, overdue and completed this month; each count a link to the list."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from councils.localized import pick_translation
from policing import policies
from policing.models import Officer, PartnerBody, PoliceUnit
from policing.selectors import Bucket, bucket_condition


@dataclass
class WorkloadRow:
    key: int
    name: str
    open: int = 0
    due_this_week: int = 0
    overdue: int = 0
    completed_this_month: int = 0


WORKLOAD_COLUMNS = ("open", "due_this_week", "overdue", "completed_this_month")


def workload(user) -> dict[str, list[WorkloadRow]]:
    """Open, due this week, overdue and completed this month, per unit, officer and partner
    body the user may see, from one grouped query over the rows that can count (active ones and
    those completed this month, through the status index), not the whole history: the counts of
    each (unit, officer, body) combination are added up per unit, per officer and per body."""
    today = timezone.localdate()
    counted = policies.actions_visible_to(user).filter(
        bucket_condition(Bucket.OPEN) | bucket_condition(Bucket.COMPLETED_THIS_MONTH)
    )
    counts = {
        "open": Count("id", filter=bucket_condition(Bucket.OPEN, today=today)),
        "due_this_week": Count("id", filter=bucket_condition(Bucket.DUE_THIS_WEEK, today=today)),
        "overdue": Count("id", filter=bucket_condition(Bucket.OVERDUE, today=today)),
        "completed_this_month": Count(
            "id", filter=bucket_condition(Bucket.COMPLETED_THIS_MONTH, today=today)
        ),
    }
    keys = {
        "units": "responsible_unit_id",
        "officers": "assignee_id",
        "bodies": "responsible_body_id",
    }
    # Grouped by the three ids only (a hash of small integers); the few names come after.
    combinations = counted.order_by().values(*keys.values()).annotate(**counts)
    result: dict[str, dict[int, WorkloadRow]] = {kind: {} for kind in keys}
    for row in combinations:
        for kind, key in keys.items():
            if row[key] is None:
                continue
            found = result[kind].setdefault(row[key], WorkloadRow(key=row[key], name=""))
            for column in counts:
                setattr(found, column, getattr(found, column) + row[column])
    names = _workload_names({kind: list(rows) for kind, rows in result.items()})
    for kind, rows in result.items():
        for key, row in rows.items():
            row.name = names[kind].get(key, "")
    return {kind: list(rows.values()) for kind, rows in result.items()}


WORKLOAD_SORTS = ("name", *WORKLOAD_COLUMNS)


def workload_order(params) -> tuple[str, bool]:
    """The workload page's sort: a column (overdue first by default) and its direction."""
    sort = params.get("sort", "overdue")
    sort = sort if sort in WORKLOAD_SORTS else "overdue"
    return sort, params.get("dir", "desc" if sort != "name" else "asc") == "desc"


def sorted_workload(user, sort: str, descending: bool) -> dict[str, list[WorkloadRow]]:
    groups = workload(user)
    for rows in groups.values():
        rows.sort(key=lambda row: (getattr(row, sort), row.name), reverse=descending)
    return groups


def _workload_names(ids: dict[str, list[int]]) -> dict[str, dict[int, str]]:
    """Names of the units, officers and bodies a workload counts: a query each, only when some
    are counted."""
    names: dict[str, dict[int, str]] = {"units": {}, "officers": {}, "bodies": {}}
    if ids["units"]:
        names["units"] = dict(
            PoliceUnit.objects.filter(pk__in=ids["units"]).values_list("pk", "name")
        )
    if ids["officers"]:
        for pk, rank, first, last in Officer.objects.filter(pk__in=ids["officers"]).values_list(
            "pk", "rank", "user__first_name", "user__last_name"
        ):
            names["officers"][pk] = f"{rank} {f'{first} {last}'.strip()}".strip()
    if ids["bodies"]:
        for pk, name, translations in PartnerBody.objects.filter(pk__in=ids["bodies"]).values_list(
            "pk", "name", "name_translations"
        ):
            names["bodies"][pk] = pick_translation(name, translations)
    return names
