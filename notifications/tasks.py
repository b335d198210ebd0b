from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from notifications import services
from notifications.models import Heartbeat, OutgoingEmail

MAX_ATTEMPTS = 10


@shared_task(
    autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5, ignore_result=True
)
def send_outgoing_email(email_id: int) -> bool:
    return services.deliver(email_id)


@shared_task(ignore_result=True)
def deliver_pending_emails() -> int:
    """Send what the after-commit queueing could not (broker down) or what failed before."""
    cutoff = timezone.now() - timedelta(minutes=settings.CSC["OUTBOX_RETRY_MINUTES"])
    ids = list(
        OutgoingEmail.objects.filter(
            sent_at__isnull=True, created_at__lte=cutoff, attempts__lt=MAX_ATTEMPTS
        )
        .order_by("created_at")
        .values_list("id", flat=True)[:500]
    )
    return sum(services.deliver(email_id) for email_id in ids)


@shared_task(ignore_result=True)
def purge_sent_emails(days: int = 30) -> int:
    """Sent emails carry tracking links: keep them only as long as support needs them."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = OutgoingEmail.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


@shared_task(ignore_result=True)
def heartbeat() -> None:
    """Scheduled by beat, run by a worker: a fresh row shows /healthz that both are alive."""
    Heartbeat.objects.update_or_create(name="worker", defaults={"seen_at": timezone.now()})
