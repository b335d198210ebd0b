"""Medians and percentiles computed in the database, on PostgreSQL and on SQLite.

PostgreSQL has the ordered-set aggregate ``percentile_cont``. SQLite (``make run``) has none, so
the same interpolation is registered on each SQLite connection as an aggregate function written
in Python: the rows are still aggregated inside the database query, one query per table, and
both give the same answer (linear interpolation between the closest ranks).
"""

import math

from django.db.models import Aggregate, FloatField, Func


class Percentile(Aggregate):
    """``Percentile(expression, 0.9)``: the 90th percentile (continuous) of ``expression``."""

    function = "percentile_cont"
    name = "Percentile"
    output_field = FloatField()
    allow_distinct = False

    def __init__(self, expression, fraction: float, **extra):
        fraction = float(fraction)
        if not 0 <= fraction <= 1:
            raise ValueError("a percentile is a fraction between 0 and 1")
        self.fraction = fraction
        super().__init__(expression, **extra)

    templates = {
        "postgresql": "percentile_cont(%(fraction)r) WITHIN GROUP (ORDER BY %(expressions)s)",
        "sqlite": "csc_percentile(%(expressions)s, %(fraction)r)",
    }

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor not in self.templates:
            raise NotImplementedError(f"no percentile on {connection.vendor}")
        clone = self.copy()
        clone.template = self.templates[connection.vendor]
        return super(Percentile, clone).as_sql(
            compiler, connection, fraction=self.fraction, **extra_context
        )


def Median(expression, **extra) -> Percentile:  # noqa: N802 (reads as an aggregate)
    return Percentile(expression, 0.5, **extra)


class DaysBetween(Func):
    """Days (fractional) from one timestamp to another, as a float."""

    output_field = FloatField()
    arity = 2

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)",
            arg_joiner=" - ",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra_context,
        )

    def __init__(self, start, end, **extra):
        # end - start: the expressions are written in that order.
        super().__init__(end, start, **extra)


class PercentileCont:
    """SQLite aggregate: what PostgreSQL's ``percentile_cont`` computes."""

    def __init__(self):
        self.values: list[float] = []
        self.fraction = 0.5

    def step(self, value, fraction):
        if value is not None:
            self.values.append(float(value))
            self.fraction = float(fraction)

    def finalize(self):
        return percentile_cont(self.values, self.fraction)


def percentile_cont(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    lower, upper = math.floor(position), math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("csc_percentile", 2, PercentileCont)
