"""Redis stopped in the middle of a run of submissions: the scenario shared by the integration
test (a short run in CI) and bench/bench_resilience.py (the full run).

The web side is the Django test client in this process, with its cache and Celery broker on a
private redis-server; a real Celery worker process sends the emails. Redis is stopped for the
middle third of the submissions and started again (empty: what was queued is gone), then the
outbox sweep is queued until every acknowledgement is sent.
"""

import contextlib
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings


@dataclass
class OutageRun:
    statuses: Counter = field(default_factory=Counter)
    statuses_during_outage: Counter = field(default_factory=Counter)
    saved: int = 0
    emails: int = 0
    sent_rows: int = 0
    references_mailed_more_than_once: list = field(default_factory=list)
    references_never_mailed: list = field(default_factory=list)
    seconds_to_deliver: float = 0.0


def use_broker(url: str) -> None:
    from config.celery import app

    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


def _form(municipality, category, number: int) -> dict:
    return {
        "municipality": municipality.pk,
        "category": category.pk,
        "description": f"Street lights out on the main road, report {number}.",
        "reporter_name": "Drita",
        "reporter_email": f"resident{number}@example.org",
        "consent_to_contact": "on",
        "submission_key": str(uuid.uuid4()),
        "website": "",
    }


def run_outage(*, count: int, redis, email_dir: Path, worker_log: Path, timeout: float = 120):
    """Submit ``count`` concerns with Redis stopped for the middle third; returns the figures."""
    from concerns.models import Category, Concern
    from councils.models import Council
    from notifications import tasks
    from notifications.models import OutgoingEmail
    from tests.workers import celery_worker, wait_for

    council = Council.objects.filter(level=Council.Level.MUNICIPAL, is_active=True).first()
    municipality = council.municipality
    category = Category.objects.filter(is_active=True).first()
    run = OutageRun()
    cache_settings = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis.url,
            "KEY_PREFIX": "resilience",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    saved_broker = settings.CELERY_BROKER_URL
    before = set(Concern.objects.values_list("pk", flat=True))
    with override_settings(
        CACHES=cache_settings,
        CSC={**settings.CSC, "REPORT_RATE_LIMIT": "100000/h", "OUTBOX_RETRY_MINUTES": 0},
    ):
        caches.close_all()
        use_broker(redis.url)
        client = Client(raise_request_exception=False)
        try:
            with celery_worker(
                redis_url=redis.url,
                email_dir=email_dir,
                extra_env={"CSC_OUTBOX_RETRY_MINUTES": "0"},
            ):
                third = count // 3
                for number in range(count):
                    if number == third:
                        redis.stop()
                    if number == 2 * third:
                        redis.start()
                    response = client.post("/report/", _form(municipality, category, number))
                    run.statuses[response.status_code] += 1
                    if third <= number < 2 * third:
                        run.statuses_during_outage[response.status_code] += 1
                new = Concern.objects.exclude(pk__in=before)
                run.saved = new.count()
                started = time.monotonic()

                def all_sent():
                    pending = OutgoingEmail.objects.filter(
                        concern__in=new, sent_at__isnull=True
                    ).count()
                    if pending:
                        # The broker may still be reconnecting: try again next time round.
                        with contextlib.suppress(Exception):
                            tasks.deliver_pending_emails.delay()
                        time.sleep(1)
                    return pending == 0

                wait_for(all_sent, timeout=timeout, interval=1, log=worker_log)
                run.seconds_to_deliver = time.monotonic() - started
                time.sleep(2)  # a late duplicate task would land now
        finally:
            use_broker(saved_broker)
            caches.close_all()
    run.sent_rows = OutgoingEmail.objects.filter(concern__in=new, sent_at__isnull=False).count()
    # The file backend appends each message and a line of dashes, several to a file at times.
    messages = [
        message
        for path in email_dir.iterdir()
        for message in path.read_text(errors="replace").split("-" * 79)
        if message.strip()
    ]
    run.emails = len(messages)
    mailed = Counter()
    references = list(new.values_list("reference", flat=True))
    for message in messages:
        for reference in references:
            if reference in message:
                mailed[reference] += 1
    run.references_mailed_more_than_once = [r for r, n in mailed.items() if n > 1]
    run.references_never_mailed = [r for r in references if mailed[r] == 0]
    return run
