"""Rate limits on the public pages: they count accepted concerns only, and they fail open
(logged) when the cache is down, so intake never depends on Redis."""

import logging
import uuid
from unittest import mock

import pytest
from django.urls import reverse

from concerns.models import Concern
from concerns.references import tracking_token_for
from notifications import tasks
from notifications.models import OutgoingEmail
from tests.concerns.test_public_views import report_data
from tests.factories import CategoryFactory, ConcernFactory, CouncilFactory, MunicipalityFactory
from tests.workers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def istok():
    municipality = MunicipalityFactory(code="IST", name="Istog")
    CouncilFactory(municipality=municipality)
    return municipality, CategoryFactory(code="lighting")


@pytest.fixture
def cache_down(settings):
    """Django's Redis cache pointed at a port nobody listens on: every call raises."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def test_a_report_is_accepted_and_the_outage_logged_when_the_cache_is_down(
    client, istok, cache_down, caplog
):
    caplog.set_level(logging.WARNING, logger="concerns.ratelimit")

    response = client.post(reverse("public:report"), report_data(*istok))

    assert response.status_code == 302
    assert Concern.objects.count() == 1
    assert "Rate limit report not applied: the cache is unavailable" in caplog.text


def test_tracking_works_when_the_cache_is_down(client, istok, cache_down, caplog):
    concern = ConcernFactory(municipality=istok[0])
    token = tracking_token_for(concern.submission_key)

    found = client.get(reverse("public:track_concern", args=[concern.reference, token]))
    wrong = client.post(
        reverse("public:track"), {"reference": concern.reference, "token": "x" * 22}
    )

    assert (found.status_code, wrong.status_code) == (200, 404)
    assert "Rate limit track not applied" in caplog.text


def test_forms_sent_back_with_errors_do_not_use_up_the_limit(client, istok, settings):
    settings.CSC = {**settings.CSC, "REPORT_RATE_LIMIT": "2/h"}
    url = reverse("public:report")
    for _ in range(5):
        assert client.post(url, report_data(*istok, description="short")).status_code == 400

    accepted = [client.post(url, report_data(*istok)).status_code for _ in range(2)]
    refused = client.post(url, report_data(*istok))

    assert accepted == [302, 302]
    assert refused.status_code == 429
    assert Concern.objects.count() == 2


def test_the_same_form_sent_twice_counts_once(client, istok, settings):
    settings.CSC = {**settings.CSC, "REPORT_RATE_LIMIT": "2/h"}
    url = reverse("public:report")
    data = report_data(*istok)
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # the back button: same concern

    assert client.post(url, report_data(*istok)).status_code == 302
    assert Concern.objects.count() == 2


def test_broker_down_at_submit_still_shows_the_receipt_and_leaves_the_email_to_the_sweep(
    client, istok, settings, caplog, django_capture_on_commit_callbacks
):
    settings.CSC = {**settings.CSC, "OUTBOX_RETRY_MINUTES": 0}
    with (
        mock.patch.object(
            tasks.send_outgoing_email, "delay", side_effect=ConnectionRefusedError("redis down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("public:report"), report_data(*istok))

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert OutgoingEmail.objects.get().sent_at is None
    assert "waits for the outbox sweep" in caplog.text
    assert tasks.deliver_pending_emails() == 1


@pytest.fixture
def redis_round_trips(require_redis, settings):
    """The cache on the test Redis; counts what is sent to it (one send per round trip: a
    pipeline sends all its commands at once)."""
    import redis
    from redis.connection import Connection

    prefix = f"csc-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": require_redis,
            "KEY_PREFIX": prefix,
        }
    }
    sent = []
    real = Connection.send_packed_command

    def counting(self, command, check_health=True):
        sent.append(command)
        return real(self, command, check_health)

    with mock.patch.object(Connection, "send_packed_command", counting):
        yield sent
    keys = redis.Redis.from_url(require_redis)
    for key in keys.scan_iter(match=f"{prefix}:*"):
        keys.delete(key)


def test_the_tracking_page_checks_its_limits_in_one_redis_round_trip(
    client, istok, redis_round_trips
):
    concern = ConcernFactory(municipality=istok[0])
    url = reverse(
        "public:track_concern", args=[concern.reference, tracking_token_for(concern.submission_key)]
    )
    client.get(url)  # the connection is open, the session cookie not yet relevant
    redis_round_trips.clear()

    response = client.get(url)

    assert response.status_code == 200
    assert len(redis_round_trips) == 1


def test_with_redis_the_tracking_page_counts_look_ups_and_failed_ones_block(
    client, istok, redis_round_trips, settings
):
    settings.CSC = {**settings.CSC, "TRACK_RATE_LIMIT": "3/h", "TRACK_FAILED_RATE_LIMIT": "2/h"}
    concern = ConcernFactory(municipality=istok[0])
    token = tracking_token_for(concern.submission_key)
    url = reverse("public:track_concern", args=[concern.reference, token])

    allowed = [client.get(url).status_code for _ in range(3)]
    over = client.get(url).status_code
    other_address = client.get(url, REMOTE_ADDR="192.0.2.7").status_code
    for _ in range(2):
        client.get(
            reverse("public:track_concern", args=[concern.reference, "x" * 22]),
            REMOTE_ADDR="192.0.2.8",
        )
    blocked = client.get(url, REMOTE_ADDR="192.0.2.8").status_code

    assert (allowed, over, other_address, blocked) == ([200, 200, 200], 429, 200, 429)


def test_with_redis_down_the_tracking_page_still_answers(client, istok, cache_down, caplog):
    caplog.set_level(logging.WARNING, logger="concerns.ratelimit")
    concern = ConcernFactory(municipality=istok[0])
    url = reverse(
        "public:track_concern", args=[concern.reference, tracking_token_for(concern.submission_key)]
    )

    assert client.get(url).status_code == 200
    assert "Rate limit track not applied" in caplog.text
