"""Outbox emails and in-app notifications written by the thousand in one statement each.

For callers that decide many messages at once (the reminder scan: 15 000 in a first scan).
On PostgreSQL the rows travel as one array per column into ``INSERT … SELECT FROM unnest``:
no model instance and no per-value preparation in Python, which cost the scan seconds.
Elsewhere (SQLite: ``make run``'s demo, a few dozen rows) Django's ``bulk_create`` writes them.
Both paths write the same rows, with the defaults the models give.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from notifications.models import Notification, OutgoingEmail, new_message_ids


@dataclass(frozen=True)
class EmailRow:
    to: str
    reminder_id: int | None = None
    # Empty subject and body: composed when sent (``reminders.compose``), in ``language``.
    subject: str = ""
    body: str = ""
    language: str = ""


@dataclass(frozen=True)
class InAppRow:
    user_id: int
    url: str = ""
    reminder_id: int | None = None
    # Empty title: composed when shown (``notifications.selectors.with_texts``).
    title: str = ""
    body: str = ""


def in_one_statement() -> bool:
    """Whether rows go in as arrays (PostgreSQL); else through ``bulk_create``."""
    return connection.vendor == "postgresql"


def _columns(model, names):
    return ", ".join(connection.ops.quote_name(model._meta.get_field(n).column) for n in names)


def insert_emails(rows: list[EmailRow]) -> list[int]:
    """Write the outbox rows (unsent, a fresh Message-ID each); returns their ids."""
    if not rows:
        return []
    if not in_one_statement():
        created = OutgoingEmail.objects.bulk_create(
            [
                OutgoingEmail(
                    to=r.to,
                    subject=r.subject[:250],
                    body=r.body,
                    language=r.language,
                    reminder_id=r.reminder_id,
                )
                for r in rows
            ]
        )
        return [email.pk for email in created]
    names = ("to", "subject", "body", "language", "reminder", "message_id")
    fixed = ("attachments", "created_at", "attempts", "last_error")
    sql = (
        f"INSERT INTO {connection.ops.quote_name(OutgoingEmail._meta.db_table)} "
        f"({_columns(OutgoingEmail, names)}, {_columns(OutgoingEmail, fixed)}) "
        "SELECT r.*, '[]'::jsonb, %s, 0, '' FROM unnest("
        "%s::text[], %s::text[], %s::text[], %s::text[], %s::bigint[], %s::text[]) AS r "
        "RETURNING id"
    )
    params = [
        timezone.now(),
        [r.to for r in rows],
        [r.subject[:250] for r in rows],
        [r.body for r in rows],
        [r.language for r in rows],
        [r.reminder_id for r in rows],
        new_message_ids(len(rows)),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


def insert_notifications(rows: list[InAppRow]) -> int:
    """Write the in-app notifications (unread); returns how many."""
    if not rows:
        return 0
    if not in_one_statement():
        Notification.objects.bulk_create(
            [
                Notification(
                    user_id=r.user_id,
                    title=r.title[:250],
                    body=r.body,
                    url=r.url,
                    reminder_id=r.reminder_id,
                )
                for r in rows
            ]
        )
        return len(rows)
    names = ("user", "title", "body", "url", "reminder")
    sql = (
        f"INSERT INTO {connection.ops.quote_name(Notification._meta.db_table)} "
        f"({_columns(Notification, names)}, {_columns(Notification, ['created_at'])}) "
        "SELECT r.*, %s FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], "
        "%s::bigint[]) AS r"
    )
    params = [
        timezone.now(),
        [r.user_id for r in rows],
        [r.title[:250] for r in rows],
        [r.body for r in rows],
        [r.url for r in rows],
        [r.reminder_id for r in rows],
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    return len(rows)
