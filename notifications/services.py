"""Queue emails and in-app notifications inside the caller's transaction.

An email is an OutgoingEmail row written with the change that causes it; the Celery task is
queued after commit. If the broker is down at that moment the row stays unsent and the
periodic sweep (``deliver_pending_emails``) picks it up: delayed, never lost, never doubled.
A failed send is retried later and later (2, 4, 8 … minutes, at most every 6 hours) so that
an SMTP outage of a day costs no email; after MAX_ATTEMPTS failures (about three days) the
email is given up, marked and logged as an error.
"""

import logging
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from notifications.models import Heartbeat, Notification, OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 20
MAX_RETRY_DELAY = timedelta(hours=6)


def absolute_url(path: str) -> str:
    """A link for an email: emails leave the request, so they need the public address."""
    return settings.PUBLIC_BASE_URL + path


def queue_email(*, to: str, subject: str, body: str, reminder=None, concern=None) -> OutgoingEmail:
    email = OutgoingEmail.objects.create(
        to=to, subject=subject[:250], body=body, reminder=reminder, concern=concern
    )
    transaction.on_commit(lambda: enqueue_delivery(email.pk))
    return email


def enqueue_delivery(email_id: int) -> None:
    from notifications.tasks import send_outgoing_email

    try:
        send_outgoing_email.delay(email_id)
    except Exception:  # noqa: BLE001 — any broker failure: the sweep sends it later
        logger.warning("Broker unavailable; email %s waits for the outbox sweep", email_id)


def retry_delay(attempts: int) -> timedelta:
    """How long an email that failed ``attempts`` times waits before the sweep tries again."""
    # 2**9 minutes is past the cap already; the exponent is clamped so it cannot overflow.
    return min(timedelta(minutes=2 ** min(attempts, 10)), MAX_RETRY_DELAY)


def deliver(email_id: int) -> bool:
    """Send one outbox email if it is still unsent; True when it was sent now.

    The row is locked while sending so two workers given the same id never both send it.
    When Celery's soft time limit interrupts the send, the attempt is recorded like a failed
    one (so a hung server cannot take every sweep's time again a minute later) and the
    exception is raised again so the task stops.
    """
    interrupted = None
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, sent_at__isnull=True, given_up_at__isnull=True)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        try:
            send_mail(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to])
        except SoftTimeLimitExceeded as exc:
            _record_failure(email, exc)
            interrupted = exc
        except Exception as exc:  # noqa: BLE001 — recorded, retried by the sweep
            _record_failure(email, exc)
            return False
        else:
            email.sent_at = timezone.now()
            email.last_error = ""
            email.next_attempt_at = None
            email.save(update_fields=["attempts", "last_error", "next_attempt_at", "sent_at"])
    if interrupted is not None:
        raise interrupted
    return True


def _record_failure(email: OutgoingEmail, exc: BaseException) -> None:
    now = timezone.now()
    # SMTP errors quote the recipient; the admin shows last_error, so the address is masked.
    error = f"{type(exc).__name__}: {exc}"
    if email.to:
        error = error.replace(email.to, email.masked_to)
    email.last_error = error[:2000]
    if email.attempts >= MAX_ATTEMPTS:
        email.next_attempt_at = None
        email.given_up_at = now
        logger.error(
            "Email %s given up after %s attempts: %s", email.pk, email.attempts, email.last_error
        )
    else:
        email.next_attempt_at = now + retry_delay(email.attempts)
        logger.warning(
            "Sending email %s failed (attempt %s, next at %s): %s",
            email.pk,
            email.attempts,
            email.next_attempt_at.isoformat(timespec="seconds"),
            email.last_error,
        )
    email.save(update_fields=["attempts", "last_error", "next_attempt_at", "given_up_at"])


def notify(*, user, title: str, body: str = "", url: str = "", reminder=None) -> Notification:
    return Notification.objects.create(
        user=user, title=title[:250], body=body, url=url, reminder=reminder
    )


def record_heartbeat(name: str) -> None:
    """The tick, or a worker or beat starting or stopping (see ``Heartbeat``)."""
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})


def record_process_event(name: str) -> None:
    """From a Celery signal handler: a database that is down must not stop the process."""
    try:
        record_heartbeat(name)
    except Exception:  # noqa: BLE001 — logged; /healthz then still waits for a fresh tick
        logger.warning("Could not record %s in the heartbeat table", name, exc_info=True)
