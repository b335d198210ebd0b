"""A municipality's public statistics for a year: aggregates only, small cells suppressed.

Sensitive categories appear in one table of their own, per category for the whole year (the
municipality-year level), and are left out of every other table: no other table's total can
then be used to work one of them out. The other tables share one grand total (the year's
concerns of the other categories, duplicates left out); if one table has to hide it, all do.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractQuarter
from django.utils.translation import gettext as _

from concerns.models import Category, Concern
from councils.models import Meeting, Municipality, Settlement
from monitoring.models import ConcernMonth, suppression_threshold
from monitoring.periods import year as year_period
from monitoring.suppression import SuppressedGrid, suppress
from monitoring.tables import Cell, Chart, Column, Table

Status = Concern.Status
OUTCOMES = (
    ("handled", (Status.NEW, Status.TRIAGED, Status.REOPENED, Status.ON_AGENDA, Status.IN_ACTION)),
    ("resolved", (Status.RESOLVED, Status.CLOSED)),
    ("rejected", (Status.REJECTED,)),
)


@dataclass
class PublicStatistics:
    municipality: Municipality
    year: int
    threshold: int
    tables: list[Table]
    meetings_held: int
    minutes_published: int

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)


def _zone(municipality):
    import zoneinfo

    from django.conf import settings

    return zoneinfo.ZoneInfo(municipality.time_zone or settings.TIME_ZONE)


@dataclass
class _Counts:
    categories: list  # active ones and those with concerns in the year
    by_quarter: dict  # (category id, quarter) -> concerns of plain categories
    sensitive: dict  # category id -> concerns of the year
    by_settlement: dict  # settlement id (None: not given) -> concerns of plain categories
    by_outcome: dict  # OUTCOMES key -> concerns of plain categories


def _counts_from_concerns(municipality, period) -> _Counts:
    concerns = (
        Concern.objects.filter(municipality=municipality)
        .filter(period.covers("created_at"))
        .exclude(status=Status.DUPLICATE)
    )
    plain = concerns.filter(category__is_sensitive=False)
    by_status = dict(plain.values_list("status").annotate(n=Count("id")).order_by())
    return _Counts(
        list(Category.objects.filter(Q(is_active=True) | Q(concerns__in=concerns)).distinct()),
        {
            (r["category_id"], r["quarter"]): r["n"]
            for r in plain.annotate(quarter=ExtractQuarter("created_at", tzinfo=period.zone))
            .values("category_id", "quarter")
            .annotate(n=Count("id"))
            .order_by()
        },
        dict(
            concerns.filter(category__is_sensitive=True)
            .values_list("category_id")
            .annotate(n=Count("id"))
            .order_by()
        ),
        dict(plain.values_list("settlement_id").annotate(n=Count("id")).order_by()),
        {key: sum(by_status.get(s, 0) for s in statuses) for key, statuses in OUTCOMES},
    )


def _counts_from_months(municipality, period) -> _Counts:
    """The same counts from the monthly tables (monitoring.monthly): one query for all."""
    rows = list(
        ConcernMonth.objects.filter(municipality=municipality, month__in=period.months())
        .values("category_id", "is_sensitive", "settlement_id", "month")
        .annotate(
            n=Sum(F("received") - F("duplicates")),
            resolved_n=Sum("resolved"),
            rejected_n=Sum("rejected"),
        )
        .order_by()
    )
    counts = _Counts([], {}, {}, {}, {key: 0 for key, _statuses in OUTCOMES})
    present = set()
    for row in rows:
        if not row["n"]:
            continue
        present.add(row["category_id"])
        if row["is_sensitive"]:
            counts.sensitive[row["category_id"]] = (
                counts.sensitive.get(row["category_id"], 0) + row["n"]
            )
            continue
        quarter = (row["category_id"], (row["month"].month - 1) // 3 + 1)
        counts.by_quarter[quarter] = counts.by_quarter.get(quarter, 0) + row["n"]
        place = row["settlement_id"]
        counts.by_settlement[place] = counts.by_settlement.get(place, 0) + row["n"]
        counts.by_outcome["resolved"] += row["resolved_n"]
        counts.by_outcome["rejected"] += row["rejected_n"]
        counts.by_outcome["handled"] += row["n"] - row["resolved_n"] - row["rejected_n"]
    counts.categories = list(Category.objects.filter(Q(is_active=True) | Q(pk__in=present)))
    return counts


def public_statistics(municipality: Municipality, year: int) -> PublicStatistics:
    period = year_period(year, _zone(municipality))
    threshold = suppression_threshold(municipality)
    councils = list(municipality.councils.select_related("municipality"))
    if all(c.zone.key == period.zone.key for c in councils):
        counts = _counts_from_months(municipality, period)
    else:
        counts = _counts_from_concerns(municipality, period)
    ordinary = [c for c in counts.categories if not c.is_sensitive]
    sensitive = [c for c in counts.categories if c.is_sensitive]
    quarter_cells = [[counts.by_quarter.get((c.pk, q), 0) for q in (1, 2, 3, 4)] for c in ordinary]
    settlements = list(Settlement.objects.filter(municipality=municipality))
    settlement_cells = [[counts.by_settlement.get(s.pk, 0)] for s in settlements] + [
        [counts.by_settlement.get(None, 0)]
    ]
    outcome_cells = [[counts.by_outcome[key]] for key, _statuses in OUTCOMES]
    sensitive_counts = counts.sensitive

    # The tables sharing the grand total: suppress, and hide it everywhere if one hides it.
    hide_total = False
    while True:
        grids = {
            "quarters": suppress(quarter_cells, threshold, hide_grand_total=hide_total),
            "settlements": suppress(
                settlement_cells, threshold, row_totals=False, hide_grand_total=hide_total
            ),
            "outcomes": suppress(
                outcome_cells, threshold, row_totals=False, hide_grand_total=hide_total
            ),
        }
        hidden = any(_grand_hidden(g) for g in grids.values())
        if hidden == hide_total:
            break
        hide_total = True
    sensitive_grid = suppress(
        [[sensitive_counts.get(c.pk, 0)] for c in sensitive], threshold, row_totals=False
    )

    quarter_labels = [
        _("January–March"),
        _("April–June"),
        _("July–September"),
        _("October–December"),
    ]
    tables = [
        _grid_table(
            "quarters",
            _("Concerns by category and quarter"),
            _("Category"),
            [c.display_name for c in ordinary],
            quarter_labels,
            grids["quarters"],
            chart=True,
        ),
        _grid_table(
            "settlements",
            _("Concerns by settlement"),
            _("Settlement"),
            [s.display_name for s in settlements] + [_("Place not given")],
            [_("Concerns")],
            grids["settlements"],
        ),
        _grid_table(
            "outcomes",
            _("Where the concerns stand"),
            _("Status"),
            [_("Being handled"), _("Resolved or closed"), _("Rejected")],
            [_("Concerns")],
            grids["outcomes"],
        ),
    ]
    if sensitive:
        tables.append(
            _grid_table(
                "sensitive",
                _("Sensitive categories, whole year"),
                _("Category"),
                [c.display_name for c in sensitive],
                [_("Concerns")],
                sensitive_grid,
            )
        )
    meetings = Meeting.objects.filter(council__municipality=municipality).filter(
        period.covers("planned_at")
    )
    counts = meetings.aggregate(
        held=Count("id", filter=Q(held_at__isnull=False) & ~Q(status=Meeting.Status.CANCELLED)),
        published=Count("id", filter=Q(status=Meeting.Status.PUBLISHED)),
    )
    return PublicStatistics(
        municipality, year, threshold, tables, counts["held"], counts["published"]
    )


def _grand_hidden(grid: SuppressedGrid) -> bool:
    rows, columns = grid.size
    return grid.is_hidden(rows, columns if grid.row_totals else 0)


def _grid_table(key, title, row_heading, row_labels, column_labels, grid, *, chart=False) -> Table:
    rows, columns = grid.size
    with_row_totals = grid.row_totals and columns > 1
    header = [Column("label", row_heading, numeric=False)]
    header += [Column(f"c{i}", label) for i, label in enumerate(column_labels)]
    if with_row_totals:
        header.append(Column("total", _("Total")))
    table = Table(
        key,
        title,
        header,
        description=_(
            "To protect the people behind small numbers, counts under %(n)d are hidden, and so "
            "are some other counts, so that totals do not give them away; every hidden count "
            "reads “< %(n)d or hidden”."
        )
        % {"n": grid.threshold},
    )
    width = columns + 1 if grid.row_totals else columns
    shown_columns = range(width) if with_row_totals else range(columns)
    for r, label in enumerate([*row_labels, _("Total")]):
        if r == rows and rows == 0:
            break
        cells = [Cell(label, label)]
        for c in shown_columns:
            cells.append(_cell(grid, r, c))
        table.rows.append(cells)
    if chart:
        table.chart = Chart("bar", tuple(f"c{i}" for i in range(columns)))
    return table


def _cell(grid: SuppressedGrid, row: int, column: int) -> Cell:
    if grid.is_hidden(row, column):
        # One mark for every hidden cell: telling "under N" from "hidden to protect another"
        # would let a reader solve a line (a total 5 more than the visible cells, with one
        # "< 5" and one other hidden, gives 0 and 5).
        return Cell(None, _("< %(n)d or hidden") % {"n": grid.threshold}, css="num suppressed")
    return Cell.of(grid.value(row, column))


def years_to_show(today) -> list[int]:
    return list(range(today.year, today.year - 5, -1))
