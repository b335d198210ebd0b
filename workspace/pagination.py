"""Pagination for staff lists that stays flat however many rows a scope holds."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet


class BoundedPaginator(Paginator):
    """Counts at most ``count_limit`` rows: beyond that the page says "more than 10000".

    An exact ``COUNT(*)`` reads every matching row, so a list over a million concerns spends
    most of its time counting them; ``COUNT(*)`` over ``LIMIT count_limit + 1`` stops early and
    costs the same at any size. Pages past the bound are not reachable by number: narrowing
    the filters or reversing the sort reaches those rows.
    """

    count_limit = 10_000

    @cached_property
    def _bounded_count(self) -> int:
        rows = self.object_list
        if isinstance(rows, QuerySet):
            # The first N rows in any order are as many as the first N in the page's order:
            # without ORDER BY, the joins of select_related and the page's annotations, the
            # database stops after N matching index entries instead of sorting every match.
            rows = rows.order_by().values("pk")
        return rows[: self.count_limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.count_limit)

    @property
    def is_capped(self) -> bool:
        """Whether more rows match than were counted."""
        return self._bounded_count > self.count_limit
