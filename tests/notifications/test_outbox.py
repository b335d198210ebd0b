"""Emails are written to the outbox with the change and sent after commit, exactly once,
even when the broker is down at that moment."""

import uuid
from unittest import mock

import pytest
from django.core import mail

from concerns import services
from config.celery import app as celery_app
from notifications import tasks
from notifications.models import OutgoingEmail
from notifications.services import deliver, queue_email
from tests.factories import CategoryFactory, CouncilFactory, MunicipalityFactory


def submission(municipality, category, email="drita@example.org"):
    return services.Submission(
        municipality=municipality,
        category=category,
        description="Broken street lights on the main road.",
        reporter_name="Drita",
        reporter_email=email,
        consent_to_contact=True,
    )


@pytest.fixture
def istok(db):
    municipality = MunicipalityFactory(code="IST", name="Istog")
    CouncilFactory(municipality=municipality)
    return municipality, CategoryFactory(code="lighting")


@pytest.mark.django_db
def test_email_is_sent_after_commit(istok, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        receipt = services.submit_concern(submission(*istok))
    email = OutgoingEmail.objects.get()
    assert email.sent_at is not None
    assert [m.to for m in mail.outbox] == [["drita@example.org"]]
    assert receipt.concern.reference in mail.outbox[0].subject


@pytest.mark.django_db
def test_nothing_is_sent_when_the_transaction_rolls_back(istok, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        mock.patch(
            "concerns.services.ConcernEvent.objects.create", side_effect=RuntimeError("boom")
        ),
    ):
        services.submit_concern(submission(*istok))
    assert callbacks == []
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_broker_down_keeps_the_concern_and_the_sweep_sends_the_email_later(
    istok, django_capture_on_commit_callbacks, settings
):
    settings.CSC = {**settings.CSC, "OUTBOX_RETRY_MINUTES": 0}
    with (
        mock.patch.object(
            tasks.send_outgoing_email, "delay", side_effect=ConnectionRefusedError("redis down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        receipt = services.submit_concern(submission(*istok))
    assert receipt.concern.pk is not None
    assert OutgoingEmail.objects.get().sent_at is None
    assert mail.outbox == []

    assert tasks.deliver_pending_emails() == 1
    assert len(mail.outbox) == 1
    # A second sweep, or a late task for the same email, sends nothing more.
    assert tasks.deliver_pending_emails() == 0
    assert tasks.send_outgoing_email(OutgoingEmail.objects.get().pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failed_send_is_recorded_and_retried(settings):
    settings.CSC = {**settings.CSC, "OUTBOX_RETRY_MINUTES": 0}
    email = queue_email(to="a@example.org", subject="S", body="B")
    with mock.patch("notifications.services.send_mail", side_effect=OSError("smtp down")):
        assert deliver(email.pk) is False
    email.refresh_from_db()
    assert (email.sent_at, email.attempts) == (None, 1)
    assert "smtp down" in email.last_error
    assert tasks.deliver_pending_emails() == 1
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 2


# --- With a real worker


def use_broker(url: str) -> None:
    """Point this process's Celery app at another broker, dropping pooled connections."""
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_sends_the_acknowledgement_through_redis(
    require_postgres, require_redis, tmp_path
):
    from django.conf import settings

    from tests.workers import celery_worker, wait_for

    municipality = MunicipalityFactory(code="IST", name="Istog")
    CouncilFactory(municipality=municipality)
    category = CategoryFactory(code="lighting")
    email_dir = tmp_path / "mail"
    email_dir.mkdir()
    with celery_worker(redis_url=settings.REDIS_URL, email_dir=email_dir):
        receipt = services.submit_concern(
            submission(municipality, category), submission_key=uuid.uuid4()
        )
        sent = wait_for(lambda: list(email_dir.iterdir()), timeout=60, log=tmp_path / "worker.log")
    assert receipt.concern.reference in sent[0].read_text()
    assert OutgoingEmail.objects.get().sent_at is not None


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_redis_outage_delays_the_email_but_loses_nothing(
    require_postgres, require_redis, tmp_path, caplog
):
    """Redis of the test's own, down at submission; brought up, the sweep sends the email."""
    from tests.workers import celery_worker, redis_server, wait_for

    municipality = MunicipalityFactory(code="IST", name="Istog")
    CouncilFactory(municipality=municipality)
    category = CategoryFactory(code="lighting")
    email_dir = tmp_path / "mail"
    email_dir.mkdir()
    with redis_server(start=False) as redis:
        original = celery_app.conf.broker_url
        use_broker(redis.url)
        try:
            receipt = services.submit_concern(submission(municipality, category))
            assert receipt.concern.pk is not None
            assert OutgoingEmail.objects.get().sent_at is None
            assert "waits for the outbox sweep" in caplog.text

            redis.start()
            use_broker(redis.url)
            with celery_worker(
                redis_url=redis.url,
                email_dir=email_dir,
                extra_env={"CSC_OUTBOX_RETRY_MINUTES": "0"},
            ):
                tasks.deliver_pending_emails.delay()
                wait_for(lambda: list(email_dir.iterdir()), timeout=60, log=tmp_path / "worker.log")
        finally:
            use_broker(original)
    email = OutgoingEmail.objects.get()
    assert email.sent_at is not None
    assert len(list(email_dir.iterdir())) == 1
