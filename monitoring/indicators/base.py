"""What an indicator, a source table and a breakdown are."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Expression, FloatField, Q, Value
from django.db.models.functions import Cast, NullIf
from django.utils.functional import Promise

from monitoring.periods import Period


class Kind:
    COUNT = "count"
    PERCENT = "percent"
    DAYS = "days"


def targets() -> dict[str, int]:
    """The N of "within N days": the triage target is the inbox's; minutes have their own."""
    return {
        "triage_days": settings.CSC["TRIAGE_TARGET_DAYS"],
        "minutes_days": settings.CSC.get("MINUTES_TARGET_DAYS", 30),
    }


@dataclass(frozen=True)
class Dimension:
    """A breakdown: rows grouped by ``field``; ``label_fields`` name each row."""

    key: str
    label: Promise
    field: str
    label_fields: tuple[str, ...] = ()
    choices: tuple = ()  # for a choice field: its (value, label) pairs


@dataclass(frozen=True)
class Source:
    """A table the indicators aggregate, with where its rows sit in time."""

    key: str
    queryset: Callable  # (user) -> the rows that user may count, from the app's policies
    anchor: str  # datetime (or date, ``anchor_is_date``) placing a row in a period
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    anchor_is_date: bool = False
    # Per-row expressions some measures use, by name; added only when one of them is asked for.
    annotations: dict[str, Callable[[], Expression]] = field(default_factory=dict)
    # Rows counted "now" whatever their anchor (open actions), besides those of the periods.
    snapshot_rows: Q | None = None
    # Other fields that place a row in a period for some measures (an action's due date).
    other_dates: tuple[str, ...] = ()
    # Rows that belong to a period otherwise than by an anchor (a membership current at its end).
    in_period_rows: Callable[[Period], Q] | None = None

    def window(self, period: Period) -> Q:
        """Every row some measure of this period may count."""
        condition = self.in_period(period)
        for name in self.other_dates:
            condition |= period.covers_day(name)
        return condition

    def in_period(self, period: Period) -> Q:
        if self.in_period_rows is not None:
            return self.in_period_rows(period)
        if self.anchor_is_date:
            return period.covers_day(self.anchor)
        return period.covers(self.anchor)


@dataclass(frozen=True)
class Indicator:
    key: str
    source: str
    name: Promise
    definition_text: Promise
    kind: str
    measure: Callable[[Period], Expression]
    # "now" rather than per period (open actions): not compared with the previous period.
    snapshot: bool = False
    # Higher is better (for the arrow of the change); None: neither.
    higher_is_better: bool | None = None
    needs: tuple[str, ...] = ()  # names of the source's annotations the measure reads
    # The list behind a count: "inbox", "actions" or "meetings", and its extra filters.
    list_name: str = ""
    list_filters: dict = field(default_factory=dict)
    # The action list's dates the period selects: "created" or "due" ("": a snapshot, no dates).
    list_dates: str = ""

    @property
    def definition(self) -> str:
        return str(self.definition_text) % targets()


def count(condition: Q) -> Expression:
    return Count("pk", filter=condition)


def share(numerator: Q, denominator: Q) -> Expression:
    """Percent of the ``denominator`` rows that also meet ``numerator``; None without rows."""
    return (
        Cast(Count("pk", filter=denominator & numerator), FloatField())
        * Value(100.0)
        / NullIf(Cast(Count("pk", filter=denominator), FloatField()), Value(0.0))
    )
