"""A list a page shows, declared once so that its file is exactly the page's rows.

An app declares each exported list in its ``exports`` module::

    INBOX = register(ListExport(
        name="concerns.inbox",
        filename="concerns",
        title=_("Concerns"),
        columns=lambda: [_("Reference"), ...],      # called in the reader's language
        rows=lambda user, params: selectors.inbox(user, ...),  # the page's own scoped rows
        row=lambda concern: [concern.reference, ...],
    ))

``rows`` takes the page's query parameters (a QueryDict), so the streamed file and the file a
background task writes later from the same parameters hold the same rows. A row never carries
reporter identity; what a list may show of sensitive concerns is the list's own policy.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import QueryDict

STREAM_CHUNK = 2000


@dataclass(frozen=True)
class ListExport:
    name: str
    filename: str
    title: object
    columns: Callable[[], list]
    rows: Callable[[object, QueryDict], QuerySet | list]
    row: Callable[[object], list]

    def items(self, user, params: QueryDict) -> QuerySet | list:
        return self.rows(user, params)

    def lines(self, items: QuerySet | list) -> Iterator[list]:
        """The header, then a row per item; a queryset is read in chunks, not all at once."""
        yield [str(label) for label in self.columns()]
        source: Iterable = (
            items.iterator(chunk_size=STREAM_CHUNK) if isinstance(items, QuerySet) else items
        )
        for item in source:
            yield self.row(item)


def count_up_to(items: QuerySet | list, limit: int) -> int:
    """How many rows, counting no further than ``limit`` (cheap on a list of millions)."""
    if isinstance(items, QuerySet):
        return _unordered(items)[:limit].count()
    return min(len(items), limit)


def count(items: QuerySet | list) -> int:
    return _unordered(items).count() if isinstance(items, QuerySet) else len(items)


def _unordered(items: QuerySet) -> QuerySet:
    """Counting needs no order; a list cut to its first rows keeps the order that chose them."""
    return items if items.query.is_sliced else items.order_by()


_REGISTRY: dict[str, ListExport] = {}


def register(spec: ListExport) -> ListExport:
    _REGISTRY[spec.name] = spec
    return spec


def get(name: str) -> ListExport | None:
    return _REGISTRY.get(name)
