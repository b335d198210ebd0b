"""What a dashboard shows: tables of cells, each optionally drawn as a chart and exported.

A table is the unit of everything: one query builds it, the page shows it (with its chart and
the table itself as the chart's text alternative), and ``?export=csv&table=<key>`` streams it.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format


@dataclass
class Cell:
    value: object = None
    text: str = ""
    url: str = ""
    note: str = ""  # e.g. the definition of the indicator a row is about
    css: str = ""

    @classmethod
    def of(cls, value, kind: str = "count", *, url: str = "", css: str = "") -> "Cell":
        return cls(value, display(value, kind), url, css=f"num {css}".strip())


def display(value, kind: str = "count") -> str:
    if value is None:
        return "–"
    if kind == "percent":
        return f"{number_format(value, 1)} %"
    if kind == "days":
        return number_format(value, 1)
    if kind == "change":
        sign = "+" if value > 0 else ""
        return f"{sign}{number_format(value, 1 if isinstance(value, float) else 0)}"
    if isinstance(value, float):
        return number_format(value, 1)
    return number_format(value, 0, force_grouping=True)


@dataclass
class Column:
    key: str
    label: str
    numeric: bool = True
    sortable: bool = False


@dataclass
class Chart:
    """Draw the table as a chart: the first column labels the x axis; ``series`` are the keys
    of the numeric columns drawn."""

    kind: str  # "bar" or "line"
    series: tuple[str, ...]
    unit: str = ""


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    description: str = ""
    chart: Chart | None = None
    footer: list[Cell] | None = None

    def chart_data(self) -> dict | None:
        if self.chart is None:
            return None
        index = {c.key: i for i, c in enumerate(self.columns)}
        return {
            "kind": self.chart.kind,
            "unit": self.chart.unit,
            "labels": [row[0].text for row in self.rows],
            "series": [
                {
                    "label": self.columns[index[key]].label,
                    "data": [row[index[key]].value for row in self.rows],
                }
                for key in self.chart.series
            ],
        }

    def sorted_by(self, key: str, descending: bool) -> "Table":
        """Rows by column ``key``; rows without a value last either way."""
        index = next((i for i, c in enumerate(self.columns) if c.key == key), None)
        if index is None:
            return self
        present = [r for r in self.rows if r[index].value is not None]
        missing = [r for r in self.rows if r[index].value is None]

        def order(row):
            value = row[index].value
            return value.lower() if isinstance(value, str) else value

        present.sort(key=order, reverse=descending)
        self.rows = present + missing
        return self
