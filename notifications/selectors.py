from django.db.models import QuerySet

from notifications.models import Notification


def notifications_of(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    rows = Notification.objects.filter(user=user).order_by("-created_at", "-id")
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.only("id", "title", "body", "url", "created_at", "read_at", "reminder_id")


def with_texts(notifications, reader):
    """``reader``'s notifications given, each with its title and text: an action reminder's are
    composed now, in the reader's language, with one query for all of them."""
    notifications = list(notifications)
    pending = [n for n in notifications if not n.title and n.reminder_id]
    if pending:
        from reminders.compose import compose_notifications

        compose_notifications(pending, reader)
    return notifications


def unread_count(user) -> int:
    """For the header of every staff page: one indexed COUNT, capped (the badge says 99+)."""
    return Notification.objects.filter(user=user, read_at__isnull=True)[:100].count()
