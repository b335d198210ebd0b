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

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Choices, QuerySet
from django.http import QueryDict
from django.utils import translation

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
        for item in in_chunks(items) if isinstance(items, QuerySet) else items:
            yield self.row(item)


def in_chunks(items: QuerySet, size: int | None = None) -> Iterator:
    """The rows of ``items`` in its order, holding no more than ``size`` of them at a time.

    Not ``.iterator()``: server-side cursors are off (DISABLE_SERVER_SIDE_CURSORS, for a
    transaction-pooling pgbouncer), so it would read the whole result at once. The ordered ids
    come first (one query, a few MB for a million rows), then the rows a chunk of ids at a time,
    put back in that order. A list cut to its first rows (a page's limit) is small: read as is.
    """
    if items.query.is_sliced:
        yield from items
        return
    size = size or STREAM_CHUNK
    ids = list(items.values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        found = {item.pk: item for item in items.order_by().filter(pk__in=chunk)}
        yield from (found[pk] for pk in chunk if pk in found)


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


_LABELS: dict[tuple, dict] = {}


def label(choices: type[Choices], value) -> str:
    """``value``'s label in the active language: get_FOO_display() hashes and translates every
    choice of the field on each call, the better half of a row's cost in a file of many."""
    key = (choices, translation.get_language())
    labels = _LABELS.get(key)
    if labels is None:
        labels = _LABELS[key] = {k: str(v) for k, v in choices.choices}
    return labels.get(value, value or "")


_REGISTRY: dict[str, ListExport] = {}


def register(spec: ListExport) -> ListExport:
    _REGISTRY[spec.name] = spec
    return spec


def get(name: str) -> ListExport | None:
    return _REGISTRY.get(name)
