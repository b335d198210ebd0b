"""Cursor pagination for every list: the same two queries at any depth, no COUNT(*)."""

from django.core.exceptions import ValidationError
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    """``?cursor=`` from the ``next``/``previous`` links, ``?page_size=`` up to 100.

    A list's ``ordering`` names a unique column last (``-created_at, -id``) so a page boundary
    inside equal timestamps neither repeats nor skips a row.
    """

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-id",)

    def paginate_queryset(self, queryset, request, view=None):
        # A forged cursor whose position is not a value of the ordering column: 404 as DRF
        # answers any other invalid cursor, never a 500.
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, TypeError, OverflowError, ValidationError):
            raise NotFound(self.invalid_cursor_message) from None
