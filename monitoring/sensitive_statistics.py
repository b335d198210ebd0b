"""Sensitive categories on the national dashboard: as on the public page, only per
municipality and whole year, each count under the municipality's threshold hidden and its
other counts hidden with it so that the row's total does not give one away.

The national coordinator reads no sensitive concern; these aggregates are what the public
page may show, side by side. They come from the monthly tables (one query for every
municipality), each month in its council's time zone: a municipality's own year.
"""

from datetime import date

from django.db.models import F, Sum
from django.utils.translation import gettext as _

from concerns.models import Category
from monitoring.models import ConcernMonth, suppression_thresholds
from monitoring.periods import add_months
from monitoring.suppression import suppress
from monitoring.tables import Cell, Column, Table


def sensitive_by_municipality_table(municipalities: list, year: int) -> Table:
    categories = list(Category.objects.filter(is_sensitive=True))
    months = [add_months(date(year, 1, 1), i) for i in range(12)]
    counts = {
        (r["municipality_id"], r["category_id"]): r["n"]
        for r in ConcernMonth.objects.filter(
            is_sensitive=True,
            month__in=months,
            municipality_id__in=[m.pk for m in municipalities],
        )
        .values("municipality_id", "category_id")
        .annotate(n=Sum(F("received") - F("duplicates")))
        .order_by()
    }
    thresholds = suppression_thresholds(m.pk for m in municipalities)
    columns = [Column("municipality", _("Municipality"), numeric=False, sortable=True)]
    columns += [Column(f"c{c.pk}", c.display_name) for c in categories]
    columns.append(Column("total", _("Total")))
    table = Table(
        "sensitive",
        _("Sensitive categories, %(year)d, by municipality") % {"year": year},
        columns,
        description=_(
            "Concerns of the sensitive categories received in the year (duplicates left out), "
            "only per municipality and year, as the public statistics show them: counts under "
            "the municipality's threshold are hidden, and so are others of the row so that its "
            "total does not give them away."
        ),
    )
    if not categories:
        return table
    for municipality in municipalities:
        threshold = thresholds[municipality.pk]
        grid = suppress(
            [[counts.get((municipality.pk, c.pk), 0) or 0 for c in categories]], threshold
        )
        cells = [Cell(str(municipality), str(municipality))]
        for column in range(len(categories) + 1):
            if grid.is_hidden(0, column):
                text = _("< %(n)d or hidden") % {"n": threshold}
                cells.append(Cell(None, text, css="num suppressed"))
            else:
                cells.append(Cell.of(grid.value(0, column)))
        table.rows.append(cells)
    return table
