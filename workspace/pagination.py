"""Pagination for staff lists that stays flat however many rows a scope holds."""

from functools import cached_property

from django.core.paginator import Paginator


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
        return self.object_list[: self.count_limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.count_limit)

    @property
    def is_capped(self) -> bool:
        """Whether more rows match than were counted."""
        return self._bounded_count > self.count_limit
