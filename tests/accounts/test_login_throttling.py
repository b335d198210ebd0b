"""Wrong passwords are counted per account and address (django-axes, in the database): five
lock that pair out for 15 minutes with a page in the user's language; a success resets it."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.concerns.test_ratelimit import cache_down  # noqa: F401 — fixture
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def staff():
    return UserFactory(username="secretary.istok")


def sign_in(client, password, *, url=LOGIN, address="203.0.113.7", **headers):
    return client.post(
        url,
        {"username": "secretary.istok", "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def test_five_wrong_passwords_pause_signing_in_even_with_the_right_one(client, staff):
    answers = [sign_in(client, "wrong").status_code for _ in range(5)]
    locked = sign_in(client, PASSWORD)

    assert answers[:4] == [200] * 4
    assert answers[4] == 429
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_in_the_users_language(client, staff):
    for _ in range(5):
        response = sign_in(client, "wrong", HTTP_ACCEPT_LANGUAGE="sq")
    assert response.status_code == 429
    assert '<html lang="sq"' in response.content.decode()
    assert "Sign-in paused" not in response.content.decode()


def test_another_address_can_still_sign_in_to_the_account(client, staff):
    for _ in range(5):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD, address="198.51.100.20").status_code == 302


def test_a_successful_sign_in_resets_the_count(client, staff):
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    answers = [sign_in(client, "wrong").status_code for _ in range(4)]
    assert answers == [200] * 4
    assert sign_in(client, PASSWORD).status_code == 302


def test_signing_in_works_again_after_the_pause(client, staff):
    for _ in range(5):
        sign_in(client, "wrong")
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert sign_in(client, PASSWORD).status_code == 302


def test_the_admin_sign_in_is_throttled_too(client):
    UserFactory(username="secretary.istok", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(5):
        sign_in(client, "wrong", url=url)
    assert sign_in(client, PASSWORD, url=url).status_code == 429


def test_throttling_counts_in_the_database_so_it_works_with_the_cache_down(
    client,
    staff,
    cache_down,  # noqa: F811
):
    for _ in range(5):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 429


def test_signing_in_without_a_client_address_works(client, staff):
    # gunicorn on a unix socket passes no REMOTE_ADDR: axes stored "unknown" in an inet column.
    assert sign_in(client, PASSWORD, address="").status_code == 302
    client.force_login(staff)


def test_a_username_longer_than_any_account_is_a_form_error(client, staff):
    response = client.post(LOGIN, {"username": "ب" * 300, "password": "wrong"})
    assert response.status_code == 200
