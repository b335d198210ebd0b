"""Indicator figures from the database: one query per table (a headline, a breakdown by a
dimension, or a month series), whatever the number of rows.

    headline(CONCERNS, rows, CONCERN_INDICATORS, period)          # {key: Figure}
    breakdown(CONCERNS, rows, indicators, period, "category")     # [Row]
    by_month(CONCERNS, rows, indicators, period)                  # [Row], every month present

``rows`` is a queryset of the source, or a ``monthly.read.MonthlyRows`` (concerns) or a
``monthly.actions.MonthlyActions`` (actions): the same figures read from the monthly tables
(``monitoring.monthly``).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.db.models.functions import TruncMonth

from councils.localized import pick_translation
from monitoring.indicators import Indicator, Kind, Source
from monitoring.monthly import actions as monthly_actions
from monitoring.monthly import read as monthly
from monitoring.monthly.actions import MonthlyActions
from monitoring.monthly.read import MonthlyRows
from monitoring.periods import Period

PREVIOUS = "prev_"


@dataclass
class Figure:
    indicator: Indicator
    value: float | int | None
    previous: float | int | None = None
    url: str = ""

    @property
    def change(self) -> float | None:
        if self.indicator.snapshot or self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def trend(self) -> str:
        """better / worse / same / "" (no comparison, or no better direction)."""
        change = self.change
        if change is None or self.indicator.higher_is_better is None:
            return "same" if change == 0 else ""
        if change == 0:
            return "same"
        return "better" if (change > 0) == self.indicator.higher_is_better else "worse"


@dataclass
class Row:
    key: object  # the dimension's value (an id, a choice, a month)
    label: str
    figures: dict[str, Figure] = field(default_factory=dict)


def _prepare(source: Source, rows: QuerySet, indicators, period: Period, *, compare: bool):
    needed = {name for i in indicators for name in i.needs}
    if needed:
        rows = rows.annotate(**{name: source.annotations[name]() for name in sorted(needed)})
    window = source.window(period)
    if compare:
        window |= source.window(period.previous())
    if source.snapshot_rows is not None and any(i.snapshot for i in indicators):
        window |= source.snapshot_rows
    measures = {}
    for item in indicators:
        measures[item.key] = item.measure(period)
        if compare and not item.snapshot:
            measures[PREVIOUS + item.key] = item.measure(period.previous())
    return rows.filter(window).order_by(), measures


def _figures(values: dict, indicators, compare: bool) -> dict[str, Figure]:
    return {
        i.key: Figure(
            i,
            _rounded(i, values.get(i.key)),
            _rounded(i, values.get(PREVIOUS + i.key)) if compare else None,
        )
        for i in indicators
    }


def _rounded(item: Indicator, value):
    if value is None:
        return None
    if item.kind == Kind.COUNT:
        return int(value)
    return round(float(value), 1)


def headline(
    source: Source, rows: QuerySet, indicators, period: Period, *, compare: bool = True
) -> dict[str, Figure]:
    if isinstance(rows, MonthlyRows):
        return _figures(
            monthly.headline(rows, indicators, period, compare=compare), indicators, compare
        )
    if isinstance(rows, MonthlyActions):
        return _figures(
            monthly_actions.headline(rows, period, compare=compare), indicators, compare
        )
    rows, measures = _prepare(source, rows, indicators, period, compare=compare)
    return _figures(rows.aggregate(**measures), indicators, compare)


def breakdown(
    source: Source,
    rows: QuerySet,
    indicators,
    period: Period,
    dimension: str,
    *,
    compare: bool = True,
) -> list[Row]:
    """One row per value of ``dimension`` that has rows in either period, largest first."""
    dim = source.dimensions[dimension]
    if isinstance(rows, MonthlyRows):
        values = monthly.breakdown(rows, indicators, period, dim, compare=compare)
    elif isinstance(rows, MonthlyActions):
        values = monthly_actions.breakdown(rows, period, dim, compare=compare)
    else:
        rows, measures = _prepare(source, rows, indicators, period, compare=compare)
        values = rows.values(dim.field, *dim.label_fields).annotate(**measures)
    choices = dict(dim.choices)
    result = []
    for values_row in values:
        key = values_row[dim.field]
        if dim.label_fields:
            name = values_row[dim.label_fields[0]]
            translations = values_row[dim.label_fields[1]] if len(dim.label_fields) > 1 else None
            label = pick_translation(name, translations) if name is not None else ""
        elif dim.choices:
            label = str(choices.get(key, key or ""))
        else:
            label = key or ""
        result.append(Row(key, label, _figures(values_row, indicators, compare)))
    first = indicators[0].key
    result.sort(key=lambda r: (-(r.figures[first].value or 0), r.label))
    return result


def by_month(source: Source, rows: QuerySet, indicators, period: Period) -> list[Row]:
    """The period's months in order, months without rows included (with zero counts)."""
    if isinstance(rows, MonthlyRows):
        values = monthly.by_month(rows, indicators, period)
    elif isinstance(rows, MonthlyActions):
        values = monthly_actions.by_month(rows, period)
    else:
        rows, measures = _prepare(source, rows, indicators, period, compare=False)
        month = (
            TruncMonth(source.anchor)
            if source.anchor_is_date
            else TruncMonth(source.anchor, tzinfo=period.zone)
        )
        values = {
            _as_date(v["month"]): v
            for v in rows.annotate(month=month).values("month").annotate(**measures)
        }
    result = []
    for first in period.months():
        found = values.get(first, {})
        figures = _figures(found, indicators, False)
        for item in indicators:
            if item.kind == Kind.COUNT and figures[item.key].value is None:
                figures[item.key].value = 0
        result.append(Row(first, first.strftime("%Y-%m"), figures))
    return result


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") else value
