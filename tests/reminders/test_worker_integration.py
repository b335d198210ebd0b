"""Reminders through real Celery workers on a Redis of the test's own, on PostgreSQL.

What is checked is what a commander would notice: one email per due reminder, whatever runs
twice; a worker killed mid-batch repeats at most the one email it was sending, with the same
Message-ID; with Redis stopped the scan fails loudly, keeps every row, and all goes out once.
"""

import email
import re
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from notifications import tasks
from notifications.models import OutgoingEmail
from notifications.services import BrokerUnavailable
from policing.models import FollowUpAction
from reminders.models import Reminder
from reminders.scan import run_scan
from tests.factories import (
    CouncilFactory,
    FollowUpActionFactory,
    MunicipalityFactory,
    PoliceUnitFactory,
    commander_of,
    officer_in,
)
from tests.resilience import use_broker
from tests.workers import celery_worker, redis_server, wait_for

pytestmark = [
    pytest.mark.services("postgres", "redis"),
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]
ACTION_LINK = re.compile(r"/staff/actions/(\d+)/")


def due_soon_actions(count: int) -> list[FollowUpAction]:
    municipality = MunicipalityFactory(code="IST", name="Istog")
    council = CouncilFactory(municipality=municipality)
    unit = PoliceUnitFactory(municipality=municipality)
    commander_of(unit, "commander.istog")
    officer = officer_in(unit, "officer.istog")
    tomorrow = timezone.localdate() + timedelta(days=1)
    return [
        FollowUpActionFactory(
            council=council,
            responsible_unit=unit,
            assignee=officer,
            status=FollowUpAction.Status.ASSIGNED,
            due_date=tomorrow,
        )
        for _ in range(count)
    ]


def messages_in(*folders: Path) -> list[email.message.Message]:
    """What the file backend wrote: messages separated by a line of dashes."""
    found = []
    for folder in folders:
        for path in folder.iterdir():
            for chunk in path.read_text(errors="replace").split("-" * 79):
                if chunk.strip():
                    found.append(email.message_from_string(chunk.strip()))
    return found


def per_action(messages) -> Counter:
    return Counter(
        int(ACTION_LINK.search(m.get_payload()).group(1))
        for m in messages
        if ACTION_LINK.search(m.get_payload())
    )


def unsent() -> int:
    return OutgoingEmail.objects.filter(sent_at__isnull=True).count()


def sweep_until_sent(log: Path, timeout: float = 90) -> None:
    def done():
        if unsent():
            tasks.deliver_pending_emails.delay()
            return False
        return True

    wait_for(done, timeout=timeout, interval=1, log=log)


@pytest.fixture
def broker():
    with redis_server() as redis:
        use_broker(redis.url)
        try:
            yield redis
        finally:
            from django.conf import settings

            use_broker(settings.CELERY_BROKER_URL)


def test_scans_run_twice_and_at_once_with_two_workers_send_one_email_each(broker, tmp_path):
    actions = due_soon_actions(12)
    first, second = tmp_path / "one" / "mail", tmp_path / "two" / "mail"
    first.mkdir(parents=True)
    second.mkdir(parents=True)
    env = {"CSC_OUTBOX_RETRY_MINUTES": "0"}
    with (
        celery_worker(redis_url=broker.url, email_dir=first, extra_env=env),
        celery_worker(redis_url=broker.url, email_dir=second, extra_env=env),
    ):
        errors = []

        def scan():
            try:
                run_scan()
            except Exception as exc:  # noqa: BLE001 — reported below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=scan) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        run_scan()  # and once more, after both
        assert errors == []
        sweep_until_sent(tmp_path / "one" / "worker.log")
        tasks.deliver_pending_emails.delay()  # a late duplicate would land now
        wait_for(lambda: len(messages_in(first, second)) >= 12, timeout=30)
        import time

        time.sleep(2)
    assert Reminder.objects.count() == 12
    sent = messages_in(first, second)
    assert per_action(sent) == Counter({a.pk: 1 for a in actions})
    assert len({m["Message-ID"] for m in sent}) == 12


def test_worker_killed_mid_batch_sends_the_rest_and_repeats_at_most_the_one_in_flight(
    broker, tmp_path
):
    actions = due_soon_actions(20)
    mail = tmp_path / "mail"
    mail.mkdir()
    env = {
        "EMAIL_URL": "",
        "EMAIL_BACKEND": "tests.reminders.slow_mail.EmailBackend",
        "EMAIL_FILE_PATH": str(mail),
        "CSC_TEST_MAIL_SECONDS": "0.25",
        "CSC_OUTBOX_RETRY_MINUTES": "0",
    }
    log = tmp_path / "worker.log"
    with celery_worker(redis_url=broker.url, email_dir=mail, extra_env=env) as worker:
        run_scan()  # one batch of 20 emails for the worker
        wait_for(
            lambda: OutgoingEmail.objects.filter(sent_at__isnull=False).count() >= 5,
            timeout=60,
            interval=0.05,
            log=log,
        )
        worker.kill()  # SIGKILL: no cleanup, the batch's message is never acknowledged
        worker.wait()
    sent_before = OutgoingEmail.objects.filter(sent_at__isnull=False).count()
    assert 5 <= sent_before < 20
    # At most one email was between the server's acceptance and its "sent" UPDATE, or being
    # sent: its claim holds until the lease ends. Here the lease is made to end now.
    claimed = OutgoingEmail.objects.filter(sent_at__isnull=True, next_attempt_at__gt=timezone.now())
    assert claimed.count() <= 1
    claimed.update(next_attempt_at=timezone.now())

    with celery_worker(redis_url=broker.url, email_dir=mail, extra_env=env):
        sweep_until_sent(log)
    messages = messages_in(mail)
    counts = per_action(messages)
    assert set(counts) == {a.pk for a in actions}  # every reminder went out
    repeated = [pk for pk, n in counts.items() if n > 1]
    assert len(repeated) <= 1 and all(counts[pk] == 2 for pk in repeated)
    for pk in repeated:  # the documented window: the same Message-ID both times
        ids = {m["Message-ID"] for m in messages if f"/staff/actions/{pk}/" in m.get_payload()}
        assert len(ids) == 1


def test_with_redis_stopped_the_scan_fails_loudly_and_everything_goes_out_once_it_is_back(
    broker, tmp_path
):
    actions = due_soon_actions(8)
    broker.stop()
    with pytest.raises(BrokerUnavailable, match="8 reminder emails are recorded"):
        run_scan()
    assert Reminder.objects.count() == 8  # no row lost
    assert unsent() == 8
    assert run_scan().counts() == {}  # a rerun decides nothing twice

    broker.start()
    use_broker(broker.url)
    mail = tmp_path / "mail"
    mail.mkdir()
    with celery_worker(
        redis_url=broker.url, email_dir=mail, extra_env={"CSC_OUTBOX_RETRY_MINUTES": "0"}
    ):
        sweep_until_sent(tmp_path / "worker.log")
    assert per_action(messages_in(mail)) == Counter({a.pk: 1 for a in actions})
