"""Concern figures read from the monthly tables: the same ``Figure`` and ``Row`` results as
``monitoring.figures`` computes from the concerns, one or two queries per table (the counts,
and the duration histograms when the table has a median or a percentile)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, Sum

from monitoring.models import ConcernDuration, ConcernMonth
from monitoring.periods import Period
from workspace.scopes import scope_of

Measure = ConcernDuration.Measure
PERCENTILES = {
    "days_to_triage_median": (Measure.TRIAGE, 0.5),
    "days_to_triage_p90": (Measure.TRIAGE, 0.9),
    "days_to_action_median": (Measure.ACTION, 0.5),
    "days_to_action_p90": (Measure.ACTION, 0.9),
    "days_to_resolution_median": (Measure.RESOLUTION, 0.5),
    "days_to_resolution_p90": (Measure.RESOLUTION, 0.9),
}
SUMS = ("received", "duplicates", "rejected", "resolved", "triaged_in_time", "told", "reopened")
# The breakdowns the histograms are kept for; council and municipality group the "all" rows.
DURATION_DIMENSIONS = {"category", "channel", "settlement"}


@dataclass(frozen=True)
class MonthlyRows:
    """The concerns a reader counts, as a condition on the monthly tables' rows; ``figures``
    reads from the tables when given one of these instead of a queryset of concerns."""

    condition: Q
    zone_key: str


def monthly_rows(user, period: Period, councils=None) -> MonthlyRows | None:
    """The rows of ``councils`` (Council objects, municipality selected; None: every council)
    ``user`` counts, or
    None when the tables cannot answer: a period not of whole months, a council in another
    time zone than the period's, or a reader whose concerns are not whole councils."""
    if not period.whole_months:
        return None
    every = councils is None
    if every:
        from councils.models import Council

        councils = list(Council.objects.select_related("municipality"))
    if any(c.zone.key != period.zone.key for c in councils):
        return None
    scope = scope_of(user)
    ids = {c.pk for c in councils}
    if scope.reads_everything:
        plain = ids
        if every:
            readable = sorted(scope.reads_sensitive_of)
            return MonthlyRows(
                Q(is_sensitive=False) | Q(council_id__in=readable, is_sensitive=True),
                period.zone.key,
            )
    else:
        plain = ids & scope.member_of
        if scope.commands and ids - scope.member_of:
            return None  # concerns referred to their units: not whole councils
    sensitive = ids & (scope.reads_sensitive_of if scope.is_authenticated else frozenset())
    condition = Q(council_id__in=sorted(plain), is_sensitive=False) | Q(
        council_id__in=sorted(sensitive), is_sensitive=True
    )
    return MonthlyRows(condition, period.zone.key)


def public_rows(municipality, councils, period: Period, *, sensitive: bool) -> MonthlyRows | None:
    """A municipality's concerns of one kind (sensitive or not), for the public page."""
    if not period.whole_months or any(c.zone.key != period.zone.key for c in councils):
        return None
    return MonthlyRows(Q(municipality_id=municipality.pk, is_sensitive=sensitive), period.zone.key)


def _months(period: Period, compare: bool) -> tuple[list[date], list[date]]:
    return period.months(), period.previous().months() if compare else []


def _sums(current: list[date], previous: list[date]) -> dict:
    sums = {f"sum_{name}": Sum(name, filter=Q(month__in=current)) for name in SUMS}
    if previous:
        sums |= {f"prev_sum_{name}": Sum(name, filter=Q(month__in=previous)) for name in SUMS}
    return sums


def _count_values(sums: dict, prefix: str) -> dict:
    def get(name):
        return sums.get(f"{prefix}sum_{name}") or 0

    received = get("received")
    handled = received - get("duplicates") - get("rejected")
    answerable = received - get("duplicates")
    return {
        "concerns_received": received,
        "triaged_in_time": get("triaged_in_time") * 100.0 / handled if handled else None,
        "reopened": get("reopened"),
        "residents_told": get("told") * 100.0 / answerable if answerable else None,
    }


def percentile(histogram: list[tuple[int, int]], fraction: float) -> float | None:
    """``percentile_cont`` of the values a histogram [(value, how many)] stands for."""
    total = sum(n for _value, n in histogram)
    if not total:
        return None
    position = fraction * (total - 1)
    lower, upper = int(position), int(-(-position // 1))
    low = high = None
    seen = 0
    for value, n in sorted(histogram):
        seen += n
        if low is None and seen > lower:
            low = value
        if seen > upper:
            high = value
            break
    return low + (high - low) * (position - lower)


def _durations(rows: MonthlyRows, group: str | None, dimension: str, indicators, months):
    """{(group value, period prefix, measure): percentile input} for the indicators' measures."""
    current, previous = months
    measures = sorted({PERCENTILES[i.key][0] for i in indicators if i.key in PERCENTILES})
    if not measures:
        return {}
    sums = {"now": Sum("concerns", filter=Q(month__in=current))}
    if previous:
        sums["before"] = Sum("concerns", filter=Q(month__in=previous))
    found = (
        ConcernDuration.objects.filter(rows.condition)
        .filter(dimension=dimension, measure__in=measures, month__in=current + previous)
        .values(*([group] if group else []), "measure", "minutes")
        .annotate(**sums)
        .order_by()
    )
    histograms: dict[tuple, list] = {}
    for row in found:
        key = row[group] if group else None
        histograms.setdefault((key, "", row["measure"]), []).append(
            (row["minutes"], row["now"] or 0)
        )
        if previous:
            histograms.setdefault((key, "prev_", row["measure"]), []).append(
                (row["minutes"], row["before"] or 0)
            )
    return histograms


def _values(counts: dict, histograms: dict, key, indicators, compare: bool) -> dict:
    values = {}
    for prefix in ("", "prev_") if compare else ("",):
        base = _count_values(counts, prefix)
        for item in indicators:
            if item.key in PERCENTILES:
                measure, fraction = PERCENTILES[item.key]
                days = percentile(histograms.get((key, prefix, measure), []), fraction)
                values[prefix + item.key] = None if days is None else days / 1440
            else:
                values[prefix + item.key] = base[item.key]
    return values


def headline(rows: MonthlyRows, indicators, period: Period, *, compare: bool = True) -> dict:
    months = _months(period, compare)
    counts = (
        ConcernMonth.objects.filter(rows.condition)
        .filter(month__in=months[0] + months[1])
        .aggregate(**_sums(*months))
    )
    histograms = _durations(rows, None, "all", indicators, months)
    return _values(counts, histograms, None, indicators, compare)


def breakdown(
    rows: MonthlyRows, indicators, period: Period, dim, *, compare: bool = True
) -> list[dict]:
    """Per value of the dimension ``dim`` with rows in either period: its label fields and
    the indicators' values (``prev_``-prefixed for the previous period)."""
    months = _months(period, compare)
    counts = (
        ConcernMonth.objects.filter(rows.condition)
        .filter(month__in=months[0] + months[1])
        .values(dim.field, *dim.label_fields)
        .annotate(**_sums(*months))
        .order_by()
    )
    dimension = dim.key if dim.key in DURATION_DIMENSIONS else "all"
    histograms = _durations(rows, dim.field, dimension, indicators, months)
    result = []
    for row in counts:
        values = _values(row, histograms, row[dim.field], indicators, compare)
        result.append({**{f: row[f] for f in (dim.field, *dim.label_fields)}, **values})
    return result


def by_month(rows: MonthlyRows, indicators, period: Period) -> dict[date, dict]:
    """Counts per month of the period (months without concerns left out)."""
    found = (
        ConcernMonth.objects.filter(rows.condition)
        .filter(month__in=period.months())
        .values("month")
        .annotate(**_sums(period.months(), []))
        .order_by()
    )
    return {row["month"]: _values(row, {}, None, indicators, False) for row in found}
