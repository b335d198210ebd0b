"""Queue emails and in-app notifications inside the caller's transaction.

An email is an OutgoingEmail row written with the change that causes it; the Celery task is
queued after commit. If the broker is down at that moment the row stays unsent and the
periodic sweep (``deliver_pending_emails``) picks it up: delayed, never lost. A failed send
is retried later and later (2, 4, 8 … minutes, at most every 6 hours) so that an SMTP outage
of a day costs no email; after MAX_ATTEMPTS failures (about three days) the email is given
up, marked and logged as an error.

Delivery is **at least once**, not exactly once: no mail system can make "the server accepted
the message" and "the row says sent" one event. ``deliver`` keeps the gap between them to one
UPDATE statement, and every repeat carries the row's Message-ID (see ``deliver``).
"""

import logging
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications.models import Heartbeat, Notification, OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 20
MAX_RETRY_DELAY = timedelta(hours=6)
# How long a worker's claim on an email lasts. Longer than Celery's hard time limit
# (config/celery.py), so a worker still sending is killed before another may claim the email.
CLAIM_LEASE = timedelta(minutes=5)


def absolute_url(path: str) -> str:
    """A link for an email: emails leave the request, so they need the public address."""
    return settings.PUBLIC_BASE_URL + path


def queue_email(
    *, to: str, subject: str, body: str, reminder=None, concern=None, attachments=()
) -> OutgoingEmail:
    """Write an outgoing email to the outbox; it is sent after the caller's transaction commits.

    ``reminder`` and ``concern`` say what the email is about (erasing a reporter's identity
    erases the emails of their concern); any other message needs neither. ``attachments``:
    text files as (filename, content, content type), e.g. a meeting's calendar invitation.
    """
    email = OutgoingEmail.objects.create(
        to=to,
        subject=subject[:250],
        body=body,
        reminder=reminder,
        concern=concern,
        attachments=[
            {"filename": name, "content": content, "content_type": content_type}
            for name, content, content_type in attachments
        ],
    )
    transaction.on_commit(lambda: enqueue_delivery(email.pk))
    return email


# Emails per delivery task when many are queued at once (a reminder scan): fewer broker
# messages, and each email is still claimed on its own, so a batch given twice sends nothing
# twice and a batch cut short (worker killed) leaves the rest to the sweep. A hundred: a first
# reminder scan hands off 15 000 emails (150 broker messages, not 300), and a batch sends well
# inside the task's soft time limit (60 s) unless the mail server takes over half a second an
# email, when the soft limit stops it and the sweep sends the rest.
DELIVERY_BATCH = 100


class BrokerUnavailable(RuntimeError):
    """Emails are in the outbox but could not be handed to a worker: the sweep sends them."""


def queue_emails(emails: list[OutgoingEmail]) -> "DeliveryHandOff":
    """Write many outbox rows in one statement; they are handed to workers after commit.

    For callers that decide many messages at once (the reminder scan). The after-commit step
    raises nothing (other on-commit work must still run): a broker failure is logged, and the
    returned hand-off's ``not_queued`` says how many emails wait for the sweep, so the caller
    can fail loudly once its transaction is over.
    """
    return hand_off_after_commit([email.pk for email in OutgoingEmail.objects.bulk_create(emails)])


def queue_email_rows(rows) -> "DeliveryHandOff":
    """``queue_emails`` for thousands of rows: one INSERT (``notifications.bulk``)."""
    from notifications.bulk import insert_emails

    return hand_off_after_commit(insert_emails(rows))


def hand_off_after_commit(ids: list[int]) -> "DeliveryHandOff":
    hand_off = DeliveryHandOff(ids)
    if ids:
        transaction.on_commit(hand_off)
    return hand_off


class DeliveryHandOff(list):
    """The ids of emails queued together, and after commit whether a worker got them."""

    def __init__(self, ids):
        super().__init__(ids)
        self.not_queued = 0

    def __call__(self) -> None:
        self.not_queued = enqueue_deliveries(list(self))


def enqueue_deliveries(email_ids: list[int]) -> int:
    """Queue delivery tasks in batches; returns how many emails could not be queued.

    At the first broker failure it stops (each failure costs the connection timeout, and
    the sweep will send every unsent row anyway) and logs an error with the count."""
    from notifications.tasks import send_outgoing_emails

    start = 0
    try:
        # One producer (one broker connection) for all the batches: a scan hands off hundreds.
        with send_outgoing_emails.app.producer_or_acquire() as producer:
            for start in range(0, len(email_ids), DELIVERY_BATCH):
                send_outgoing_emails.apply_async(
                    (email_ids[start : start + DELIVERY_BATCH],), producer=producer
                )
    except Exception:  # noqa: BLE001 — any broker failure: the sweep sends them later
        missing = len(email_ids) - start
        logger.error("Broker unavailable: %s emails wait in the outbox for the sweep", missing)
        return missing
    return 0


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
    """Send one outbox email if it is due and no other worker is sending it; True when sent now.

    Three short steps, none inside a long transaction:

    1. claim: one UPDATE takes the row if it is unsent and due, counts the attempt and sets
       ``next_attempt_at`` to the end of a lease (CLAIM_LEASE), so a second worker or sweep
       given the same id finds nothing to do, on PostgreSQL as on SQLite;
    2. send over a connection opened for it;
    3. mark sent: one UPDATE, right after the server accepted the message and before the
       connection is closed (a slow QUIT must not widen the gap).

    So an email is sent twice only when the worker dies (SIGKILL, power cut, database gone)
    between the server's acceptance and that one statement: after the lease the sweep sends
    it again. Every attempt carries the row's ``message_id``, so a repeat is recognisable as
    the same message and mail servers and clients that drop duplicates by Message-ID drop it.

    A failure records the attempt and its error and waits (``retry_delay``). When Celery's
    soft time limit interrupts the send, the attempt is recorded the same way (so a hung
    server cannot take every sweep's time again a minute later) and the exception is raised
    again so the task stops.
    """
    email = claim(email_id)
    if email is None:
        return False
    connection = get_connection()
    try:
        if not email.to:  # erased on a data protection request after it was claimed
            raise ValueError("the email has no recipient")
        if needs_composing(email):
            compose_emails([email])
        connection.open()
        if not connection.send_messages([email_message(email, connection=connection)]):
            raise ValueError("the email backend sent nothing")
    except SoftTimeLimitExceeded as exc:
        _record_failure(email, exc)
        _close(connection)
        raise
    except Exception as exc:  # noqa: BLE001 — recorded, retried by the sweep
        _record_failure(email, exc)
        _close(connection)
        return False
    mark_sent(email)
    _close(connection)
    return True


def needs_composing(email: OutgoingEmail) -> bool:
    """A reminder's email is written empty by the scan and composed when it is sent."""
    return email.reminder_id is not None and not email.subject


def compose_emails(emails: list[OutgoingEmail]) -> None:
    """Compose (and store, so every attempt sends the same words) the reminder emails given.

    The outbox knows reminders already (its ``reminder`` key); the words are theirs."""
    from reminders.compose import compose_emails as compose

    compose([email for email in emails if needs_composing(email)])


def compose_pending(email_ids: list[int]) -> None:
    """Before a batch is sent: compose its reminder emails with a few queries for all of them
    rather than a few per email. A failure here is left to ``deliver``, which records it."""
    try:
        compose_emails(
            list(
                OutgoingEmail.objects.filter(
                    pk__in=email_ids, subject="", reminder__isnull=False, sent_at__isnull=True
                )
            )
        )
    except Exception:  # noqa: BLE001 — each email is composed again, and fails visibly, on its own
        logger.warning("Composing a batch of reminder emails failed", exc_info=True)


def claim(email_id: int) -> OutgoingEmail | None:
    """Take an unsent, due email for one worker until CLAIM_LEASE is over; None if not free."""
    now = timezone.now()
    claimed = (
        OutgoingEmail.objects.filter(
            pk=email_id,
            sent_at__isnull=True,
            given_up_at__isnull=True,
            attempts__lt=MAX_ATTEMPTS,
        )
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(attempts=F("attempts") + 1, next_attempt_at=now + CLAIM_LEASE)
    )
    return OutgoingEmail.objects.get(pk=email_id) if claimed else None


def email_message(email: OutgoingEmail, *, connection=None) -> EmailMessage:
    """The message for an outbox row: the same Message-ID on every attempt."""
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={"Message-ID": email.message_id},
        connection=connection,
    )
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["content_type"])
    return message


def mark_sent(email: OutgoingEmail) -> None:
    """One statement, in autocommit: the window in which a send can be repeated."""
    email.sent_at = timezone.now()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        sent_at=email.sent_at, last_error="", next_attempt_at=None
    )


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001 — the message is sent (or recorded as failed) already
        logger.warning("Closing the email connection failed", exc_info=True)


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


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def set_channel_preferences(user, modes: dict[str, str]) -> None:
    """``modes``: channel name -> ChannelPreference.Mode; "all" is the default and needs no row."""
    from notifications.models import ChannelPreference

    with transaction.atomic():
        for channel, mode in modes.items():
            if mode == ChannelPreference.Mode.ALL:
                ChannelPreference.objects.filter(user=user, channel=channel).delete()
            else:
                ChannelPreference.objects.update_or_create(
                    user=user, channel=channel, defaults={"mode": mode}
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
