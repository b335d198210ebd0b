"""Cursor pagination for every list: the same two queries at any depth, no COUNT(*)."""

from datetime import UTC

from django.core.exceptions import ValidationError
from django.db import models
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
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        """A cursor is the client's text: its position must be a value of the ordering column
        before it reaches the database (a forged one is a 404, as DRF answers any bad cursor)."""
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        field = self._model._meta.get_field(self.ordering[0].lstrip("-"))
        try:
            value = field.to_python(cursor.position)
            if isinstance(field, models.DateTimeField):
                value = value.astimezone(UTC)
            elif isinstance(field, models.IntegerField):
                field.run_validators(value)
                if not -(2**63) <= value < 2**63:
                    raise ValueError
        except (ValidationError, ValueError, TypeError, OverflowError, AttributeError):
            raise NotFound(self.invalid_cursor_message) from None
        return cursor._replace(
            position=value.isoformat() if hasattr(value, "isoformat") else str(value)
        )
