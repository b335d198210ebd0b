"""The periodic scan: decide the reminders that are due, record them, queue their messages.

Set-based: a handful of queries whatever the number of actions (``due_actions``,
``due_meetings``, ``digests``), then one INSERT of the reminder rows (``record``), the users'
channel preferences, and one INSERT per channel (``notifications.bulk``).

All in one transaction. The rows are inserted with ON CONFLICT DO NOTHING against the unique
(subject, kind, period) constraints and stamped with the scan's id; only the rows this scan
inserted get messages. So two scans at once (two beat instances, a task delivered twice)
decide each reminder once: on PostgreSQL the second INSERT waits for the first transaction
and then skips its rows; on SQLite writers take turns.

An action reminder's words are not composed here (``reminders.compose``): its email is
written with the recipient's language and composed by the worker that sends it, its in-app
notification with its link and composed when the list is shown. Digests and meeting
reminders, a handful, are composed here.

Emails are handed to workers after commit (notifications outbox). If the broker is down then,
the rows and emails are committed all the same and ``run_scan`` raises ``BrokerUnavailable``
(the beat task fails loudly, the command exits non-zero); the outbox sweep sends them once
the broker is back.
"""

import gc
import uuid
from contextlib import contextmanager
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from notifications.services import BrokerUnavailable
from reminders.channels import Outgoing, Preferences, configured_channels
from reminders.decisions import Clock, Decision, ScanResult
from reminders.digests import digest_decisions
from reminders.due_actions import action_decisions
from reminders.due_meetings import meeting_decisions
from reminders.messages import action_path, compose, language_for
from reminders.record import record

__all__ = ["Decision", "ScanResult", "decide", "run_scan"]


def decide(now: datetime | None = None) -> list[Decision]:
    """Every reminder due now that has no row yet: read-only (the dry run stops here)."""
    clock = Clock(now or timezone.now())
    return action_decisions(clock) + meeting_decisions(clock) + digest_decisions(clock)


def _send(decisions: list[Decision], mine: dict[tuple, int], channels) -> dict[str, int]:
    decided = [d for d in decisions if d.key in mine]
    preferences = Preferences({user.pk for d in decided for user in d.recipients})
    batches = {channel.name: [] for channel in channels}
    # A few hundred people receive tens of thousands of reminders: each one's channels and
    # language are worked out once per kind and council.
    routes: dict[tuple, tuple[list, str]] = {}
    for decision in decided:
        reminder_id = mine[decision.key]
        council = decision.council
        for user in decision.recipients:
            route = (user.pk, decision.kind, council.pk if council else None)
            if route not in routes:
                routes[route] = (
                    [
                        channel.name
                        for channel in channels
                        if channel.reaches(user)
                        and preferences.wants(user.pk, channel.name, decision.kind)
                    ],
                    language_for(user, council),
                )
            wanted, language = routes[route]
            if not wanted:
                continue
            if decision.action is not None:  # composed when sent or shown
                outgoing = Outgoing(
                    reminder_id, user, None, language, action_path(decision.action.pk)
                )
            else:
                message = compose(decision, user)
                outgoing = Outgoing(reminder_id, user, message, path=message.path)
            for name in wanted:
                batches[name].append(outgoing)
    for channel in channels:
        if batches[channel.name]:
            channel.send(batches[channel.name])
    return {name: len(batch) for name, batch in batches.items()}


@contextmanager
def _without_collector_pauses():
    """A first scan allocates some 100 000 small objects (rows, decisions, outgoing messages)
    that all live until it ends: Python's cyclic collector would walk them again and again, a
    third of the scan's Python time (bench/bench_reminders.py). They form no cycles, so
    reference counting frees them as before; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _commit_without_waiting_for_the_disk() -> None:
    """PostgreSQL's asynchronous commit for this transaction only: the scan's COMMIT returns
    before its WAL (tens of thousands of rows in a first scan) is flushed.

    Safe for the guarantees: if the database crashed in that fraction of a second, the scan's
    rows and messages are lost together and the next scan decides them again; nothing of
    them can have been sent, since a worker sends only after its claim (an UPDATE of the same
    outbox rows) has committed, and that commit flushes the WAL before it, the scan's
    included."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def run_scan(*, now: datetime | None = None, dry_run: bool = False) -> ScanResult:
    """Decide, record and queue every reminder due ``now``; see the module's docstring."""
    if dry_run:
        return ScanResult(decided=decide(now))
    scan = uuid.uuid4()
    channels = configured_channels()
    with _without_collector_pauses(), transaction.atomic():
        _commit_without_waiting_for_the_disk()
        decisions = decide(now)
        mine = record(decisions, scan) if decisions else {}
        result = ScanResult(
            decided=[d for d in decisions if d.key in mine],
            messages=_send(decisions, mine, channels) if mine else {},
        )
    result.not_queued = sum(getattr(channel, "not_queued", 0) for channel in channels)
    if result.not_queued:
        raise BrokerUnavailable(
            f"{result.not_queued} reminder emails are recorded but could not be queued: "
            "the outbox sweep sends them when the broker is back"
        )
    return result
