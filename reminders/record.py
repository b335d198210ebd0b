"""The scan's reminder rows: one INSERT … ON CONFLICT DO NOTHING for all of them.

The unique (subject, kind, period) constraints keep one row per reminder whatever runs at
once; each row is stamped with the scan's id. On PostgreSQL the rows go in as one array per
column (``unnest``) and ``RETURNING`` gives back exactly the rows this statement inserted,
those this scan decided; a concurrent scan's conflicting row makes the INSERT wait for that
transaction, then skip the row. The rows are inserted in one order (sorted by key), so two
scans wait on each other in one direction and cannot deadlock. Elsewhere (SQLite, where
writers take turns) ``bulk_create`` inserts them and the rows with the scan's id are read back.
"""

import json
import uuid

from django.db import connection
from django.utils import timezone

from notifications import bulk
from reminders.decisions import Decision
from reminders.models import Reminder


def _order(decision: Decision) -> tuple:
    action_id, meeting_id, digest_for_id, kind, period = decision.key
    return (kind, action_id or 0, meeting_id or 0, digest_for_id or 0, period)


def record(decisions: list[Decision], scan: uuid.UUID) -> dict[tuple, int]:
    """Insert the decisions' rows; returns {decision key: row id} for those this scan inserted."""
    decisions = sorted(decisions, key=_order)
    if bulk.in_one_statement():
        return _record_postgresql(decisions, scan)
    Reminder.objects.bulk_create(
        [
            Reminder(
                action_id=d.action_id,
                meeting=d.meeting,
                digest_for=d.digest_for,
                kind=d.kind,
                period=d.period,
                days=d.days,
                recipients=[user.pk for user in d.recipients],
                scan=scan,
            )
            for d in decisions
        ],
        ignore_conflicts=True,
    )
    rows = Reminder.objects.filter(scan=scan).values_list(
        "pk", "action_id", "meeting_id", "digest_for_id", "kind", "period"
    )
    return {tuple(row[1:]): row[0] for row in rows}


def _record_postgresql(decisions: list[Decision], scan: uuid.UUID) -> dict[tuple, int]:
    table = connection.ops.quote_name(Reminder._meta.db_table)
    sql = (
        f"INSERT INTO {table} (action_id, meeting_id, digest_for_id, kind, period, days, "
        "recipients, scan, reason, created_at) "
        "SELECT r.action_id, r.meeting_id, r.digest_for_id, r.kind, r.period, r.days, "
        "r.recipients::jsonb, %s::uuid, '', %s "
        "FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::text[], %s::text[], "
        "%s::integer[], %s::text[]) "
        "AS r (action_id, meeting_id, digest_for_id, kind, period, days, recipients) "
        "ON CONFLICT DO NOTHING "
        "RETURNING id, action_id, meeting_id, digest_for_id, kind, period"
    )
    keys = [d.key for d in decisions]
    params = [
        str(scan),
        timezone.now(),
        [k[0] for k in keys],
        [k[1] for k in keys],
        [k[2] for k in keys],
        [str(k[3]) for k in keys],
        [k[4] for k in keys],
        [d.days for d in decisions],
        [json.dumps([user.pk for user in d.recipients]) for d in decisions],
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {tuple(row[1:]): row[0] for row in cursor.fetchall()}
