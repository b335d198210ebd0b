"""/healthz: 200 when the database and the broker answer, 503 naming what is down; the worker
heartbeat is reported but does not fail the check."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.db.utils import OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from config import health
from notifications import tasks
from notifications.models import Heartbeat

pytestmark = pytest.mark.django_db

URL = "/healthz"


@pytest.fixture
def broker_available(request):
    """The broker of the default settings: kombu's filesystem transport, or Redis when set."""
    if settings.REDIS_URL:
        request.getfixturevalue("require_redis")
        return "redis"
    return "filesystem"


def test_healthy_when_database_and_broker_answer(client, broker_available):
    response = client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert "failing" not in body
    assert body["checks"]["database"] == {"ok": True, "vendor": connection.vendor}
    assert body["checks"]["broker"]["ok"] is True
    assert body["checks"]["broker"]["transport"] == broker_available


def test_health_is_never_cached(client, broker_available):
    response = client.get(URL)
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_health_answers_get_only(client):
    assert client.post(URL).status_code == 405


class _BrokenCursor:
    def __enter__(self):
        raise OperationalError("could not connect to server")

    def __exit__(self, *exc):
        return False


class _BrokenConnection:
    vendor = "postgresql"

    def cursor(self):
        return _BrokenCursor()


def test_database_down_gives_503_naming_the_database(client, monkeypatch, broker_available):
    monkeypatch.setattr(health, "connection", _BrokenConnection())

    response = client.get(URL)

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failing"] == ["database"]
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert body["checks"]["broker"]["ok"] is True
    # Without a database the worker heartbeat cannot be read, so it is not reported.
    assert "worker" not in body["checks"]


def test_broker_down_gives_503_naming_the_broker(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise BrokerError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(health.celery_app, "connection_for_write", refuse)

    response = client.get(URL)

    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["broker"]
    assert body["checks"]["broker"] == {"ok": False, "error": "OperationalError"}
    assert body["checks"]["database"]["ok"] is True


def test_both_down_names_both(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(health, "connection", _BrokenConnection())
    monkeypatch.setattr(health.celery_app, "connection_for_write", refuse)

    response = client.get(URL)

    assert response.status_code == 503
    assert response.json()["failing"] == ["database", "broker"]


def test_worker_is_not_ok_without_a_heartbeat(client, broker_available):
    response = client.get(URL)

    assert response.status_code == 200  # a stopped worker delays emails; the site still serves
    assert response.json()["checks"]["worker"] == {"ok": False, "last_seen": None}


def test_worker_is_ok_after_the_heartbeat_task_ran(client, broker_available):
    tasks.heartbeat()

    worker = client.get(URL).json()["checks"]["worker"]

    assert worker["ok"] is True
    assert worker["last_seen"] == Heartbeat.objects.get(name="worker").seen_at.isoformat()


def test_heartbeat_through_celery_counts_too(client, broker_available):
    tasks.heartbeat.delay()  # eager in tests
    assert client.get(URL).json()["checks"]["worker"]["ok"] is True


def test_stale_heartbeat_is_not_ok(client, broker_available):
    Heartbeat.objects.create(name="worker", seen_at=timezone.now() - timedelta(minutes=10))

    worker = client.get(URL).json()["checks"]["worker"]

    assert worker["ok"] is False
    assert worker["last_seen"] is not None


@pytest.mark.django_db
def test_missing_filesystem_broker_folder_gives_503_naming_the_broker(client, tmp_path):
    from config.celery import app

    saved = (app.conf.broker_url, app.conf.broker_transport_options)
    app.conf.broker_url = "filesystem://"
    app.conf.broker_transport_options = {"data_folder_in": str(tmp_path / "absent")}
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url, app.conf.broker_transport_options = saved
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]


# --- Restarts: a tick from before the latest start or stop of a worker or beat is not alive


def test_a_tick_from_before_the_worker_restarted_does_not_count(client, broker_available):
    from celery import signals

    Heartbeat.objects.create(name="worker", seen_at=timezone.now() - timedelta(seconds=10))
    signals.worker_ready.send(sender=None)

    worker = client.get(URL).json()["checks"]["worker"]
    assert worker["ok"] is False
    assert (
        worker["restarted_at"] == Heartbeat.objects.get(name="worker-started").seen_at.isoformat()
    )

    tasks.heartbeat()  # the new worker runs beat's next tick
    assert client.get(URL).json()["checks"]["worker"]["ok"] is True


def test_a_tick_from_before_beat_restarted_does_not_count(client, broker_available):
    from celery import signals

    tasks.heartbeat()
    signals.beat_init.send(sender=None)

    assert client.get(URL).json()["checks"]["worker"]["ok"] is False
    tasks.heartbeat()
    assert client.get(URL).json()["checks"]["worker"]["ok"] is True


def test_a_stopped_worker_is_not_alive_though_its_last_tick_is_fresh(client, broker_available):
    from celery import signals

    tasks.heartbeat()
    signals.worker_shutdown.send(sender=None)

    assert client.get(URL).json()["checks"]["worker"]["ok"] is False


def test_a_database_error_at_worker_start_is_logged_not_raised(monkeypatch, caplog):
    from celery import signals

    from notifications import services

    def refuse(name):
        raise OperationalError("database is down")

    monkeypatch.setattr(services, "record_heartbeat", refuse)
    signals.worker_ready.send(sender=None)
    assert "Could not record worker-started" in caplog.text


def test_a_tick_that_waited_in_the_queue_expires_instead_of_counting_late():
    from config.celery import app

    assert app.conf.beat_schedule["heartbeat"]["options"]["expires"] < 60
