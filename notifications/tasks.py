from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from notifications import services
from notifications.models import Heartbeat, OutgoingEmail
from notifications.services import MAX_ATTEMPTS


@shared_task(ignore_result=True)
def send_outgoing_email(email_id: int) -> bool:
    # No Celery retries: deliver() records a failure on the row and the sweep retries it.
    return services.deliver(email_id)


@shared_task(ignore_result=True)
def send_outgoing_emails(email_ids: list[int]) -> int:
    """A batch queued together (a reminder scan); each email is claimed on its own."""
    services.compose_pending(email_ids)
    return sum(services.deliver(email_id) for email_id in email_ids)


@shared_task(ignore_result=True)
def deliver_pending_emails() -> int:
    """Send what the after-commit queueing could not (broker down) and failed sends whose
    waiting time is over."""
    now = timezone.now()
    queued_before = now - timedelta(minutes=settings.CSC["OUTBOX_RETRY_MINUTES"])
    ids = list(
        OutgoingEmail.objects.filter(
            sent_at__isnull=True, given_up_at__isnull=True, attempts__lt=MAX_ATTEMPTS
        )
        .filter(
            Q(next_attempt_at__isnull=True, created_at__lte=queued_before)
            | Q(next_attempt_at__lte=now)
        )
        .order_by("created_at")
        .values_list("id", flat=True)[:500]
    )
    services.compose_pending(ids)
    return sum(services.deliver(email_id) for email_id in ids)


@shared_task(ignore_result=True)
def purge_sent_emails(days: int = 30) -> int:
    """Sent and given-up emails carry tracking links: keep them only as long as support
    needs them."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = OutgoingEmail.objects.filter(
        Q(sent_at__lt=cutoff) | Q(given_up_at__lt=cutoff)
    ).delete()
    return deleted


@shared_task(ignore_result=True)
def heartbeat() -> None:
    """Scheduled by beat, run by a worker: a fresh row shows /healthz that both are alive."""
    services.record_heartbeat(Heartbeat.TICK)
