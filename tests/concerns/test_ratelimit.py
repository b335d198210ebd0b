"""Rate limits on the public pages: they count accepted concerns only, and they fail open
(logged) when the cache is down, so intake never depends on Redis."""

import logging
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
