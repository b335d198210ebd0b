"""Emails are written to the outbox with the change and sent after commit, at least once,
even when the broker is down at that moment; a repeat carries the same Message-ID."""

import logging
import re
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.core.mail.backends import locmem
from django.utils import timezone

from concerns import services
from config.celery import app as celery_app
from notifications import services as outbox
from notifications import tasks
from notifications.models import OutgoingEmail
from notifications.services import deliver, queue_email
from tests.factories import CategoryFactory, CouncilFactory, MunicipalityFactory

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


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
        mock.patch("concerns.models.ConcernEvent.objects.create", side_effect=RuntimeError("boom")),
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


def failing_send(message="smtp down", error: type[BaseException] = OSError):
    return mock.patch.object(locmem.EmailBackend, "send_messages", side_effect=error(message))


@pytest.mark.django_db
def test_failed_send_is_recorded_and_retried_after_a_wait(settings):
    settings.CSC = {**settings.CSC, "OUTBOX_RETRY_MINUTES": 0}
    with time_machine.travel(NOON, tick=False) as clock:
        email = queue_email(to="a@example.org", subject="S", body="B")
        with failing_send():
            assert deliver(email.pk) is False
        email.refresh_from_db()
        assert (email.sent_at, email.attempts) == (None, 1)
        assert "smtp down" in email.last_error
        assert email.next_attempt_at == NOON + timedelta(minutes=2)

        assert tasks.deliver_pending_emails() == 0
        clock.shift(timedelta(minutes=2))
        assert tasks.deliver_pending_emails() == 1
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 2
    assert email.next_attempt_at is None
    assert len(mail.outbox) == 1


def test_each_failure_waits_twice_as_long_up_to_six_hours():
    assert [outbox.retry_delay(n) for n in (1, 2, 3, 8)] == [
        timedelta(minutes=m) for m in (2, 4, 8, 256)
    ]
    assert outbox.retry_delay(9) == outbox.retry_delay(19) == timedelta(hours=6)
    assert outbox.retry_delay(1000) == timedelta(hours=6)


@pytest.mark.django_db
def test_an_smtp_outage_of_a_day_loses_no_email(settings):
    settings.CSC = {**settings.CSC, "OUTBOX_RETRY_MINUTES": 5}
    with time_machine.travel(NOON, tick=False) as clock:
        email = queue_email(to="a@example.org", subject="S", body="B")
        with failing_send():
            deliver(email.pk)  # the task queued after commit
            for _minute in range(24 * 60):  # beat runs the sweep every minute
                clock.shift(timedelta(minutes=1))
                tasks.deliver_pending_emails()
        email.refresh_from_db()
        assert email.sent_at is None and email.given_up_at is None
        assert email.attempts < outbox.MAX_ATTEMPTS
        clock.shift(timedelta(hours=6))
        assert tasks.deliver_pending_emails() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_unsent_email_is_given_up_after_max_attempts_and_logged(caplog):
    email = queue_email(to="drita@example.org", subject="S", body="B")
    OutgoingEmail.objects.filter(pk=email.pk).update(
        attempts=outbox.MAX_ATTEMPTS - 1, next_attempt_at=timezone.now()
    )
    with failing_send(), caplog.at_level(logging.WARNING, logger="notifications.services"):
        assert tasks.deliver_pending_emails() == 0
    email.refresh_from_db()
    assert email.attempts == outbox.MAX_ATTEMPTS
    assert email.given_up_at is not None and email.next_attempt_at is None
    [given_up] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "given up" in given_up.getMessage() and str(email.pk) in given_up.getMessage()

    with failing_send() as send, time_machine.travel(timedelta(days=30)):
        assert tasks.deliver_pending_emails() == 0
        assert deliver(email.pk) is False
    send.assert_not_called()
    email.refresh_from_db()
    assert email.attempts == outbox.MAX_ATTEMPTS


@pytest.mark.django_db
def test_recorded_error_masks_the_recipient_address():
    email = queue_email(to="drita@example.org", subject="S", body="B")
    refused = "{'drita@example.org': (550, b'mailbox unavailable')}"
    with failing_send(refused):
        deliver(email.pk)
    email.refresh_from_db()
    assert "drita@example.org" not in email.last_error
    assert "d***@example.org" in email.last_error


@pytest.mark.django_db
def test_soft_time_limit_stops_the_task_and_the_email_waits_for_a_retry():
    email = queue_email(to="a@example.org", subject="S", body="B")
    with (
        failing_send("", error=SoftTimeLimitExceeded),
        pytest.raises(SoftTimeLimitExceeded),
    ):
        deliver(email.pk)
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == 1
    assert email.next_attempt_at > timezone.now()
    assert "SoftTimeLimitExceeded" in email.last_error


@pytest.mark.django_db
def test_soft_time_limit_stops_the_sweep_too():
    with time_machine.travel(NOON - timedelta(hours=1)):
        first = queue_email(to="a@example.org", subject="S", body="B")
        second = queue_email(to="b@example.org", subject="S", body="B")
    with (
        time_machine.travel(NOON),
        failing_send("", error=SoftTimeLimitExceeded),
        pytest.raises(SoftTimeLimitExceeded),
    ):
        tasks.deliver_pending_emails()
    assert OutgoingEmail.objects.get(pk=first.pk).attempts == 1
    assert OutgoingEmail.objects.get(pk=second.pk).attempts == 0


def test_send_task_leaves_retries_to_the_outbox():
    assert not getattr(tasks.send_outgoing_email, "autoretry_for", ())


@pytest.mark.django_db
def test_queued_email_is_linked_to_its_concern(istok, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        receipt = services.submit_concern(submission(*istok))
    email = queue_email(to="drita@example.org", subject="Update", body="B", concern=receipt.concern)
    assert email.concern == receipt.concern
    assert receipt.concern.emails.filter(pk=email.pk).exists()


@pytest.mark.django_db
def test_purge_removes_old_sent_and_given_up_emails_only():
    with time_machine.travel(NOON - timedelta(days=31)):
        sent = queue_email(to="a@example.org", subject="S", body="B")
        given_up = queue_email(to="b@example.org", subject="S", body="B")
        waiting = queue_email(to="c@example.org", subject="S", body="B")
        OutgoingEmail.objects.filter(pk=sent.pk).update(sent_at=timezone.now())
        OutgoingEmail.objects.filter(pk=given_up.pk).update(given_up_at=timezone.now())
    with time_machine.travel(NOON):
        assert tasks.purge_sent_emails() == 2
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [waiting.pk]


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


# --- At least once: the repeat window, and the Message-ID every repeat carries


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even an except Exception."""


def message_ids() -> list[str]:
    return [message.message()["Message-ID"] for message in mail.outbox]


@pytest.mark.django_db
def test_each_email_has_its_own_message_id_in_the_senders_domain(settings):
    settings.DEFAULT_FROM_EMAIL = "CSC Tracker <no-reply@csc.example.org>"
    first = queue_email(to="a@example.org", subject="S", body="B")
    second = queue_email(to="b@example.org", subject="S", body="B")

    assert deliver(first.pk) and deliver(second.pk)

    assert first.message_id != second.message_id
    assert re.fullmatch(r"<outbox\.[0-9a-f]{32}@csc\.example\.org>", first.message_id)
    assert message_ids() == [first.message_id, second.message_id]


@pytest.mark.django_db
def test_a_retried_email_carries_the_same_message_id(settings):
    settings.CSC = {**settings.CSC, "OUTBOX_RETRY_MINUTES": 0}
    email = queue_email(to="a@example.org", subject="S", body="B")
    attempts = []

    def refuse_once(backend, messages):
        attempts.append(messages[0].message()["Message-ID"])
        raise OSError("421 try again later")

    with mock.patch.object(locmem.EmailBackend, "send_messages", refuse_once):
        assert deliver(email.pk) is False
    with time_machine.travel(timedelta(minutes=2)):
        assert tasks.deliver_pending_emails() == 1

    assert attempts == [email.message_id]
    assert message_ids() == [email.message_id]


@pytest.mark.django_db
def test_worker_killed_after_the_server_accepted_sends_it_again_with_the_same_message_id():
    """The one window left: the server has the message, the row is not marked sent yet."""
    email = queue_email(to="drita@example.org", subject="S", body="B")
    with (
        mock.patch("notifications.services.mark_sent", side_effect=WorkerKilled),
        pytest.raises(WorkerKilled),
    ):
        deliver(email.pk)
    assert len(mail.outbox) == 1

    # Celery gives the killed task to another worker at once (acks_late): the claim holds.
    assert tasks.send_outgoing_email(email.pk) is False
    assert tasks.deliver_pending_emails() == 0
    with time_machine.travel(outbox.CLAIM_LEASE + timedelta(seconds=1)):
        assert tasks.deliver_pending_emails() == 1
        assert tasks.deliver_pending_emails() == 0

    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 2
    assert message_ids() == [email.message_id, email.message_id]


@pytest.mark.django_db
def test_claimed_email_is_left_alone_by_a_second_sweep(settings):
    settings.CSC = {**settings.CSC, "OUTBOX_RETRY_MINUTES": 0}
    email = queue_email(to="a@example.org", subject="S", body="B")

    assert outbox.claim(email.pk) is not None  # another worker is sending it
    assert outbox.claim(email.pk) is None
    assert tasks.deliver_pending_emails() == 0
    assert deliver(email.pk) is False
    assert mail.outbox == []


def test_a_claim_outlasts_celerys_hard_time_limit():
    assert outbox.CLAIM_LEASE.total_seconds() > celery_app.conf.task_time_limit


class RecordingBackend(locmem.EmailBackend):
    """Notes, when the connection closes, whether the email was already marked sent."""

    closed_after_sent: list[bool] = []

    def close(self):
        RecordingBackend.closed_after_sent.append(
            OutgoingEmail.objects.filter(sent_at__isnull=False).exists()
        )


@pytest.mark.django_db
def test_email_is_marked_sent_before_the_connection_is_closed(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.RecordingBackend"
    RecordingBackend.closed_after_sent = []
    email = queue_email(to="a@example.org", subject="S", body="B")

    assert deliver(email.pk) is True

    assert RecordingBackend.closed_after_sent == [True]


@pytest.mark.django_db
def test_email_without_a_recipient_is_a_failure_not_a_send():
    email = queue_email(to="", subject="S", body="B")

    assert deliver(email.pk) is False

    email.refresh_from_db()
    assert email.sent_at is None and "no recipient" in email.last_error


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_workers_given_the_same_email_send_it_once(require_postgres):
    from django.db import connection

    # Written without queue_email: in autocommit its on-commit task would send it at once.
    email = OutgoingEmail.objects.create(to="a@example.org", subject="S", body="B")
    start = threading.Barrier(2)
    real_send = locmem.EmailBackend.send_messages

    def slow_send(backend, messages):
        time.sleep(0.3)  # a slow SMTP server: the other worker comes while this one sends
        return real_send(backend, messages)

    def worker(results):
        try:
            start.wait()
            results.append(deliver(email.pk))
        finally:
            connection.close()

    results = []
    with mock.patch.object(locmem.EmailBackend, "send_messages", slow_send):
        threads = [threading.Thread(target=worker, args=(results,)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(results) == [False, True]
    assert message_ids() == [email.message_id]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_send_every_email_once(require_postgres, settings):
    from django.db import connection

    settings.CSC = {**settings.CSC, "OUTBOX_RETRY_MINUTES": 0}
    emails = [
        OutgoingEmail.objects.create(to=f"r{n}@example.org", subject="S", body="B")
        for n in range(20)
    ]
    start = threading.Barrier(2)
    real_send = locmem.EmailBackend.send_messages

    def slow_send(backend, messages):
        time.sleep(0.02)
        return real_send(backend, messages)

    def sweep(results):
        try:
            start.wait()
            results.append(tasks.deliver_pending_emails())
        finally:
            connection.close()

    results = []
    with mock.patch.object(locmem.EmailBackend, "send_messages", slow_send):
        threads = [threading.Thread(target=sweep, args=(results,)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sum(results) == 20
    assert sorted(message_ids()) == sorted(email.message_id for email in emails)


@pytest.mark.django_db(transaction=True)
def test_migration_gives_existing_emails_each_their_own_message_id():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("notifications", "0002_outbox_backoff")])
    old = executor.loader.project_state([("notifications", "0002_outbox_backoff")]).apps
    Historical = old.get_model("notifications", "OutgoingEmail")
    for n in range(3):
        Historical.objects.create(to=f"r{n}@example.org", subject="S", body="B")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    ids = list(OutgoingEmail.objects.values_list("message_id", flat=True))
    assert len(set(ids)) == 3 and all(i.startswith("<outbox.") for i in ids)
