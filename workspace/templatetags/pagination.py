"""Page numbers for every list page (templates/partials/pagination.html)."""

from django import template
from django.core.paginator import Page

register = template.Library()

ON_EACH_SIDE = 2


@register.simple_tag
def page_links(page: Page) -> list[int | None]:
    """Page numbers around the current one, the first, and the last when it is known;
    ``None`` where numbers are left out.

    A paginator whose ``count_is_exact`` is False (a count that stops at a bound, for speed)
    knows only that there are at least ``num_pages`` pages: its last page is not offered.
    """
    paginator = page.paginator
    last = paginator.num_pages
    exact = _count_is_exact(paginator)
    numbers = {1, *range(page.number - ON_EACH_SIDE, page.number + ON_EACH_SIDE + 1)}
    if exact:
        numbers.add(last)
    numbers = sorted(n for n in numbers if 1 <= n <= last)
    links: list[int | None] = []
    for number in numbers:
        if links and number != links[-1] + 1:
            links.append(None)
        links.append(number)
    if not exact:
        links.append(None)
    return links


def _count_is_exact(paginator) -> bool:
    """False for a bounded count (workspace.pagination.BoundedPaginator past its bound)."""
    if hasattr(paginator, "count_is_exact"):
        return paginator.count_is_exact
    return not getattr(paginator, "is_capped", False)


@register.filter
def count_is_exact(page: Page) -> bool:
    return _count_is_exact(page.paginator)
