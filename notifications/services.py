"""Queue emails and in-app notifications inside the caller's transaction.

An email is an OutgoingEmail row written with the change that causes it; the Celery task is
queued after commit. If the broker is down at that moment the row stays unsent and the
periodic sweep (``deliver_pending_emails``) picks it up: delayed, never lost, never doubled.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from notifications.models import Notification, OutgoingEmail

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """A link for an email: emails leave the request, so they need the public address."""
    return settings.PUBLIC_BASE_URL + path


def queue_email(*, to: str, subject: str, body: str, reminder=None) -> OutgoingEmail:
    email = OutgoingEmail.objects.create(to=to, subject=subject[:250], body=body, reminder=reminder)
    transaction.on_commit(lambda: enqueue_delivery(email.pk))
    return email


def enqueue_delivery(email_id: int) -> None:
    from notifications.tasks import send_outgoing_email

    try:
        send_outgoing_email.delay(email_id)
    except Exception:  # noqa: BLE001 — any broker failure: the sweep sends it later
        logger.warning("Broker unavailable; email %s waits for the outbox sweep", email_id)


def deliver(email_id: int) -> bool:
    """Send one outbox email if it is still unsent; True when it was sent now.

    The row is locked while sending so two workers given the same id never both send it.
    """
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, sent_at__isnull=True)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        try:
            send_mail(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to])
        except Exception as exc:  # noqa: BLE001 — recorded, retried by the sweep
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            email.save(update_fields=["attempts", "last_error"])
            logger.warning("Sending email %s failed: %s", email.pk, email.last_error)
            return False
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "sent_at"])
    return True


def notify(*, user, title: str, body: str = "", url: str = "", reminder=None) -> Notification:
    return Notification.objects.create(
        user=user, title=title[:250], body=body, url=url, reminder=reminder
    )
