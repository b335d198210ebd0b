"""Marking the (council, month) keys a write touches, and refreshing them once it commits.

Receivers note only ids and dates already on the instance (no query in the write's
transaction); after the commit, one refresh resolves them to keys and rebuilds each key once,
however many rows of it the transaction wrote.
"""

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save

logger = logging.getLogger(__name__)
_local = threading.local()


@dataclass
class Marked:
    # (council, created_at) of concerns and actions
    received: set[tuple[int, datetime]] = field(default_factory=set)
    concerns: set[int] = field(default_factory=set)
    actions: set[int] = field(default_factory=set)
    categories: set[int] = field(default_factory=set)
    councils: set[int] = field(default_factory=set)  # every month
    municipalities: set[int] = field(default_factory=set)  # every month of every council


def _mark(field_name: str, *values) -> None:
    """Add ``values`` to the marks and queue a refresh for the commit (right away outside a
    transaction). Every write queues one; the first to run takes all the marks, the others
    find none. A refresh queued in a savepoint rolled back is dropped by Django, and its
    marks go with the next refresh: refreshing a key that did not change changes nothing."""
    marked = getattr(_local, "marked", None)
    if marked is None:
        marked = _local.marked = Marked()
    getattr(marked, field_name).update(values)
    transaction.on_commit(_flush)


def _flush() -> None:
    """Resolve the marks to keys here (a few small queries) and hand the rebuild to a worker:
    a council's busy month takes a while to re-add at a million concerns, and the write that
    caused it has committed. With the broker down the keys wait for the nightly check."""
    marked, _local.marked = getattr(_local, "marked", None), None
    if marked is None:
        return
    from monitoring.tasks import refresh_monthly_figures

    try:
        keys, whole = keys_of(marked)
        keys = {c: months for c, months in keys.items() if c not in whole}
        if keys or whole:
            refresh_monthly_figures.delay(
                {str(c): sorted(m.isoformat() for m in months) for c, months in keys.items()},
                sorted(whole),
            )
    except Exception:  # noqa: BLE001 — the write has committed; the nightly check repairs
        logger.exception("queueing the refresh of the monthly figures failed")


def keys_of(marked: Marked) -> tuple[dict, set]:
    """({council id: {months}}, councils to rebuild whole) of the marks: a few queries."""
    from concerns.models import Concern
    from councils.models import Council
    from monitoring.models import ConcernMonth
    from monitoring.monthly.build import month_of
    from policing.models import FollowUpAction

    received = set(marked.received)  # and actions' (council, created_at)
    concerns = set(marked.concerns)
    if marked.actions:
        concerns |= set(
            FollowUpAction.objects.filter(pk__in=marked.actions, concern__isnull=False).values_list(
                "concern_id", flat=True
            )
        )
    if concerns:
        received |= set(
            Concern.objects.filter(pk__in=concerns).values_list("council_id", "created_at")
        )
        # An action's sensitivity is its concern's category's.
        received |= set(
            FollowUpAction.objects.filter(concern_id__in=concerns).values_list(
                "council_id", "created_at"
            )
        )
    whole = set(marked.councils)
    if marked.municipalities:
        whole |= set(
            Council.objects.filter(municipality_id__in=marked.municipalities).values_list(
                "pk", flat=True
            )
        )
    keys: dict[int, set] = {}
    if marked.categories:  # its concerns' figures and their actions' (of any month)
        whole |= set(
            ConcernMonth.objects.filter(category_id__in=marked.categories).values_list(
                "council_id", flat=True
            )
        )
    councils = {c for c, _at in received if c is not None}
    zones = {
        c.pk: c.zone for c in Council.objects.filter(pk__in=councils).select_related("municipality")
    }
    for council_id, created_at in received:
        if council_id in zones and created_at is not None:
            keys.setdefault(council_id, set()).add(month_of(created_at, zones[council_id]))
    return keys, whole


# --- Receivers -------------------------------------------------------------------------------


def _remember(sender, instance, **kwargs):
    """What the row was when loaded (from its own attributes: no query for a deferred field)."""
    values = instance.__dict__
    instance._monitoring_was = tuple(values.get(name) for name in sender._monitoring_fields)


def _concern_saved(sender, instance, **kwargs):
    was = getattr(instance, "_monitoring_was", (None, None))
    _mark("received", (instance.council_id, instance.created_at), was)
    _remember(sender, instance)


def _concern_deleted(sender, instance, **kwargs):
    _mark("received", (instance.council_id, instance.created_at))


def _event_changed(sender, instance, **kwargs):
    _mark("concerns", instance.concern_id)


def _action_changed(sender, instance, **kwargs):
    was = getattr(instance, "_monitoring_was", (None, None, None))
    _mark("received", (instance.council_id, instance.created_at), was[1:])
    concerns = {instance.concern_id, was[0]} - {None}
    if concerns:
        _mark("concerns", *concerns)
    _remember(sender, instance)


def _update_changed(sender, instance, **kwargs):
    _mark("actions", instance.action_id)


def _category_saved(sender, instance, created=False, **kwargs):
    was = getattr(instance, "_monitoring_was", (None,))[0]
    if not created and was is not None and was != instance.is_sensitive:
        _mark("categories", instance.pk)
    _remember(sender, instance)


def _council_saved(sender, instance, created=False, **kwargs):
    was = getattr(instance, "_monitoring_was", (None,))[0]
    if not created and was is not None and was != instance.time_zone:
        _mark("councils", instance.pk)
    _remember(sender, instance)


def _municipality_saved(sender, instance, created=False, **kwargs):
    was = getattr(instance, "_monitoring_was", (None,))[0]
    if not created and was is not None and was != instance.time_zone:
        _mark("municipalities", instance.pk)
    _remember(sender, instance)


def connect() -> None:
    from concerns.models import Category, Concern, ConcernEvent
    from councils.models import Council, Municipality
    from policing.models import FollowUpAction, ProgressUpdate

    remembered = {
        Concern: ("council_id", "created_at"),
        FollowUpAction: ("concern_id", "council_id", "created_at"),
        Category: ("is_sensitive",),
        Council: ("time_zone",),
        Municipality: ("time_zone",),
    }
    for model, fields in remembered.items():
        model._monitoring_fields = fields
        post_init.connect(_remember, sender=model, dispatch_uid=f"monthly-init-{model.__name__}")
    receivers = (
        (Concern, _concern_saved, _concern_deleted),
        (ConcernEvent, _event_changed, _event_changed),
        (FollowUpAction, _action_changed, _action_changed),
        (ProgressUpdate, _update_changed, _update_changed),
        (Category, _category_saved, None),
        (Council, _council_saved, None),
        (Municipality, _municipality_saved, None),
    )
    for model, saved, deleted in receivers:
        post_save.connect(saved, sender=model, dispatch_uid=f"monthly-save-{model.__name__}")
        if deleted is not None:
            post_delete.connect(
                deleted, sender=model, dispatch_uid=f"monthly-delete-{model.__name__}"
            )
