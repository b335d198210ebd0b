"""The tables of a dashboard: a headline table (an indicator a row, this period and the one
before), a breakdown (a row per value of a dimension) and a month table; every count a link
to the list behind it."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from monitoring import figures
from monitoring.indicators import Kind
from monitoring.links import figure_url
from monitoring.periods import Period, end_of_month
from monitoring.tables import Cell, Chart, Column, Table


@dataclass
class Dashboard:
    title: str
    period: Period
    tables: list[Table] = field(default_factory=list)

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)


def headline_table(key: str, title: str, results: dict, period: Period, **filters) -> Table:
    table = Table(
        key,
        title,
        [
            Column("indicator", _("Indicator"), numeric=False),
            Column("value", _("This period")),
            Column("previous", _("Previous period")),
            Column("change", _("Change")),
            Column("definition", _("Definition"), numeric=False),
        ],
    )
    for figure in results.values():
        item = figure.indicator
        url = figure_url(item, period, **filters) if item.kind == Kind.COUNT else ""
        previous_url = (
            figure_url(item, period.previous(), **filters)
            if item.kind == Kind.COUNT and not item.snapshot
            else ""
        )
        table.rows.append(
            [
                Cell(str(item.name), str(item.name)),
                Cell.of(figure.value, item.kind, url=url),
                Cell.of(figure.previous, item.kind, url=previous_url)
                if not item.snapshot
                else Cell(None, _("now")),
                Cell.of(figure.change, "change", css=figure.trend),
                Cell(item.definition, item.definition),
            ]
        )
    return table


def breakdown_table(
    key: str,
    title: str,
    source,
    rows,
    indicators,
    period: Period,
    dimension: str,
    *,
    fixed: dict | None = None,
    compare_first: bool = True,
) -> Table:
    """A row per value of ``dimension``; the first indicator also with its previous value."""
    found = figures.breakdown(source, rows, indicators, period, dimension)
    dim = source.dimensions[dimension]
    first = indicators[0]
    columns = [Column("label", str(dim.label), numeric=False, sortable=True)]
    columns.append(Column(first.key, str(first.name), sortable=True))
    if compare_first and not first.snapshot:
        columns.append(Column("prev_" + first.key, _("Previous period"), sortable=True))
    columns += [Column(i.key, str(i.name), sortable=True) for i in indicators[1:]]
    table = Table(key, title, columns, description=_definitions(indicators))
    for row in found:
        filters = {**(fixed or {}), dimension: row.key}
        cells = [Cell(row.label or _("(none given)"), row.label or _("(none given)"))]
        f = row.figures[first.key]
        cells.append(Cell.of(f.value, first.kind, url=_url(first, period, filters, row.key)))
        if compare_first and not first.snapshot:
            cells.append(
                Cell.of(
                    f.previous, first.kind, url=_url(first, period.previous(), filters, row.key)
                )
            )
        for item in indicators[1:]:
            value = row.figures[item.key].value
            cells.append(Cell.of(value, item.kind, url=_url(item, period, filters, row.key)))
        table.rows.append(cells)
    return table


def _url(item, period, filters, key) -> str:
    if item.kind != Kind.COUNT or key is None or key == "":
        return ""
    return figure_url(item, period, **filters)


def _definitions(indicators) -> str:
    return " ".join(f"{i.name}: {i.definition}" for i in indicators)


def month_table(
    key: str,
    title: str,
    series: list[tuple],
    period: Period,
    *,
    kind="bar",
    fixed: dict | None = None,
) -> Table:
    """Months as rows; ``series``: (source, rows, indicator) each one query. A month's count
    links to the list of that month's days within the period (``fixed``: the rows' filters)."""
    columns = [Column("month", _("Month"), numeric=False)]
    values: dict = {}
    for source, rows, item in series:
        columns.append(Column(item.key, str(item.name)))
        for month in figures.by_month(source, rows, [item], period):
            days = Period(
                max(month.key, period.start), min(end_of_month(month.key), period.end), period.zone
            )
            url = figure_url(item, days, **(fixed or {})) if item.kind == Kind.COUNT else ""
            values.setdefault(month.label, []).append(
                Cell.of(month.figures[item.key].value, item.kind, url=url)
            )
    table = Table(
        key,
        title,
        columns,
        description=_definitions([s[2] for s in series]),
        chart=Chart(kind, tuple(c.key for c in columns[1:])),
    )
    table.rows = [[Cell(label, label), *cells] for label, cells in values.items()]
    return table
