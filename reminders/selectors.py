from dataclasses import dataclass

from django.db.models import Count, Q

from accounts.models import User
from reminders.models import Reminder


@dataclass(frozen=True)
class LogEntry:
    reminder: Reminder
    recipients: list[User]
    emails: int
    emails_sent: int


def reminder_log(action) -> list[LogEntry]:
    """An action's reminders, newest first, with whom they went to and what was sent: two
    queries whatever the number of reminders."""
    reminders = list(
        Reminder.objects.filter(action=action)
        .annotate(
            email_count=Count("emails", distinct=True),
            sent_count=Count("emails", filter=Q(emails__sent_at__isnull=False), distinct=True),
        )
        .order_by("-created_at", "-id")
    )
    ids = {pk for r in reminders for pk in r.recipients}
    users = User.objects.in_bulk(ids) if ids else {}
    return [
        LogEntry(
            r,
            [users[pk] for pk in r.recipients if pk in users],
            r.email_count,
            r.sent_count,
        )
        for r in reminders
    ]
