"""The public form's fields, rendered once per language and municipality; the inbox filters'
lists, read once per language and scope.

Rendering the form's widgets and lists (categories with explanations, municipalities,
settlements) is most of the form page's time, and they change a few times a year. The blank
fields' HTML is kept in each process's memory under a version kept in the shared cache: saving
a category, municipality or settlement anywhere changes the version, so every process renders
anew. A deployment starts new processes, so new templates or translations show at once. A form
sent back with errors is never cached (it shows what was typed), nor are the CSRF token and the
form's one-time key, which stay outside the cached part.

The inbox's filter form offers categories, settlements and councils: three queries and their
labels on every list page. ``cached_choices`` keeps those lists per language and scope under
the same version, so the same saves (and a council's) draw them anew. Which rows a filter may
take is still checked against the scoped queryset when a filter is sent.
"""

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)
VERSION_KEY = "public-form:version"
MAX_ENTRIES = 200  # languages × municipalities; a bound, not a tuning knob
_rendered: dict[tuple, SafeString] = {}
_choices: dict[tuple, dict[str, list]] = {}


def _version() -> str | None:
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            if not cache.add(VERSION_KEY, version, timeout=None):
                version = cache.get(VERSION_KEY) or version
        return version
    except Exception as exc:  # noqa: BLE001 — the cache is down: render without it
        logger.warning("Public form rendered uncached: the cache is unavailable (%s)", exc)
        return None


def rendered_fields(key: tuple, render: Callable[[], str]) -> SafeString:
    """``render()``'s HTML for ``key`` (language, municipality), from memory while current."""
    version = _version()
    if version is None:
        return mark_safe(render())
    entry = (version, *key)
    html = _rendered.get(entry)
    if html is None:
        if len(_rendered) >= MAX_ENTRIES:
            _rendered.clear()
        html = _rendered[entry] = mark_safe(render())
    return html


def cached_choices(key: tuple, read: Callable[[], dict[str, list]]) -> dict[str, list]:
    """``read()``'s lists of (value, label) for ``key`` (language, scope), from memory while
    current; read anew, uncached, when the cache is down."""
    version = _version()
    if version is None:
        return read()
    entry = (version, *key)
    choices = _choices.get(entry)
    if choices is None:
        if len(_choices) >= MAX_ENTRIES:
            _choices.clear()
        choices = _choices[entry] = read()
    return choices


def invalidate() -> None:
    try:
        cache.delete(VERSION_KEY)
    except Exception as exc:  # noqa: BLE001
        logger.warning("Public form cache not invalidated: the cache is unavailable (%s)", exc)
    _rendered.clear()
    _choices.clear()


def _changed(sender, **kwargs) -> None:
    transaction.on_commit(invalidate)


def connect_signals() -> None:
    from concerns.models import Category
    from councils.models import Council, Municipality, Settlement

    for model in (Category, Municipality, Settlement, Council):
        post_save.connect(_changed, sender=model, dispatch_uid=f"public-form-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"public-form-{model.__name__}")
