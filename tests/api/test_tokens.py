"""API tokens: created by the owner (staff page) or an administrator, hashed, named, expiring,
revocable; per-user throttling."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import create_token
from tests.api.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def token_client(text: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {text}")
    return client


def test_a_user_creates_a_named_token_on_their_page_and_sees_it_once(world, client):
    client.force_login(world.member)
    response = client.post("/staff/api-tokens/", {"name": "Statistics export", "days": "90"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=world.member)
    page = response.content.decode()
    text = page.split('class="token-once">')[1].split("<")[0]
    assert text.startswith("csc_") and text.startswith(token.token_key)
    assert token.name == "Statistics export"
    assert token.digest != text and text not in token.digest  # stored hashed
    assert timedelta(days=89) < token.expiry - timezone.now() <= timedelta(days=90)
    again = client.get("/staff/api-tokens/").content.decode()
    assert "Statistics export" in again and text not in again
    assert token_client(text).get("/api/v1/concerns/").status_code == 200


def test_a_token_reads_as_its_owner(world):
    _token, text = create_token(world.pej_secretary, name="Peja", days=30, by=world.pej_secretary)
    client = token_client(text)
    ids = {row["id"] for row in client.get("/api/v1/concerns/").json()["results"]}
    assert ids == {world.pej_concern.pk}
    assert client.get(f"/api/v1/concerns/{world.concern.pk}/").status_code == 404


def test_a_token_name_is_unique_per_user(world, client):
    client.force_login(world.member)
    client.post("/staff/api-tokens/", {"name": "Export", "days": "30"})
    response = client.post("/staff/api-tokens/", {"name": "Export", "days": "30"})
    assert response.status_code == 400
    assert ApiToken.objects.filter(user=world.member).count() == 1


def test_a_lifetime_not_offered_is_refused(world, client):
    client.force_login(world.member)
    response = client.post("/staff/api-tokens/", {"name": "Forever", "days": "100000"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused_at_once(world, client):
    token, text = create_token(world.member, name="Old", days=30, by=world.member)
    client.force_login(world.member)
    response = client.post(f"/staff/api-tokens/{token.token_key}/revoke/")
    assert response.status_code == 302
    answer = token_client(text).get("/api/v1/concerns/")
    assert answer.status_code == 401
    assert answer.json()["code"] == "authentication_failed"


def test_no_one_revokes_another_users_token(world, client):
    token, text = create_token(world.member, name="Mine", days=30, by=world.member)
    client.force_login(world.secretary)
    assert client.post(f"/staff/api-tokens/{token.token_key}/revoke/").status_code == 404
    assert token_client(text).get("/api/v1/concerns/").status_code == 200


def test_an_expired_token_is_refused(world):
    token, text = create_token(world.member, name="Short", days=30, by=world.member)
    ApiToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    assert token_client(text).get("/api/v1/concerns/").status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(world):
    _token, text = create_token(world.member, name="Leaver", days=30, by=world.member)
    world.member.is_active = False
    world.member.save()
    assert token_client(text).get("/api/v1/concerns/").status_code == 401


def test_a_bogus_token_is_401_with_the_error_shape():
    response = token_client("csc_not-a-token").get("/api/v1/concerns/")
    assert response.status_code == 401
    assert response.json()["status"] == 401
    assert response["WWW-Authenticate"] == "Token"


def test_the_last_use_is_recorded(world):
    token, text = create_token(world.member, name="Used", days=30, by=world.member)
    token_client(text).get("/api/v1/categories/")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_only_the_owner_or_an_administrator_creates_a_token_for_a_user(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        create_token(world.member, name="Not mine", days=30, by=world.secretary)
    admin = UserFactory(is_superuser=True, is_staff=True)
    _token, text = create_token(world.member, name="From admin", days=30, by=admin)
    assert token_client(text).get("/api/v1/concerns/").status_code == 200


def test_an_administrator_creates_a_token_in_the_admin_and_sees_it_once(world, client):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        "/admin/api/apitoken/add/",
        {"user": world.member.pk, "name": "Integration", "days": "30"},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=world.member)
    assert token.created_by == admin
    page = response.content.decode()
    text = page.split("shown only this once: ")[1].split("<")[0].strip()
    assert text.startswith(token.token_key)
    assert token_client(text).get("/api/v1/categories/").status_code == 200
    listing = client.get("/admin/api/apitoken/").content.decode()
    # The digest (a SHA-512 of the token, knox's key) names rows; the token is nowhere.
    assert "Integration" in listing and text not in listing


def test_the_command_prints_a_token_for_the_demo(world, capsys):
    call_command("create_api_token", "member.istok", "--name", "Demo")
    text = capsys.readouterr().out.strip()
    assert token_client(text).get("/api/v1/categories/").status_code == 200


def test_requests_past_the_users_rate_are_429_with_the_error_shape(world, settings):
    from rest_framework.settings import api_settings

    from api.throttling import ApiUserThrottle

    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "api_user": "3/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    api_settings.reload()
    ApiUserThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        _token, text = create_token(world.member, name="Busy", days=30, by=world.member)
        session = client_for(world.member)
        for _ in range(2):
            assert token_client(text).get("/api/v1/categories/").status_code == 200
        # The session and the token are one user: the third request is the last allowed.
        assert session.get("/api/v1/categories/").status_code == 200
        response = token_client(text).get("/api/v1/categories/")
        assert response.status_code == 429
        assert response.json()["code"] == "throttled"
        assert "Retry-After" in response
        other = client_for(world.secretary).get("/api/v1/categories/")
        assert other.status_code == 200  # per user, not global
    finally:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK}
        api_settings.reload()
        ApiUserThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
