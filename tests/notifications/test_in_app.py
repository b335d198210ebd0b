"""In-app notifications: the unread count in the header, the list, mark read, preferences."""

import pytest
from django.urls import reverse

from notifications.models import ChannelPreference, Notification
from tests.factories import CouncilFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db
INBOX = reverse("notifications:inbox")


@pytest.fixture
def member():
    return member_of(CouncilFactory(), "member.istog")


def notify(user, count=1, **kwargs):
    return [
        Notification.objects.create(user=user, title=f"Overdue by {n + 1} days: Patrol", **kwargs)
        for n in range(count)
    ]


def test_header_of_staff_pages_shows_the_unread_count(client, member):
    notify(member, 3)
    Notification.objects.filter(pk=notify(member)[0].pk).update(read_at="2026-11-20T10:00Z")
    client.force_login(member)
    page = client.get(reverse("workspace:home")).content.decode()
    assert f'href="{INBOX}"' in page
    assert 'data-unread="3"' in page


def test_header_shows_no_count_when_all_is_read(client, member):
    client.force_login(member)
    page = client.get(reverse("workspace:home")).content.decode()
    assert f'href="{INBOX}"' in page and "data-unread" not in page


def test_header_caps_the_count(client, member):
    notify(member, 101)
    client.force_login(member)
    assert 'data-unread="99+"' in client.get(reverse("workspace:home")).content.decode()


def test_public_pages_have_no_notifications_link(client):
    assert "data-unread" not in client.get("/").content.decode()


def test_list_shows_my_notifications_only_newest_first(client, member):
    mine = notify(member, 2)
    notify(UserFactory(username="someone.else"), 1, body="Someone else's")
    client.force_login(member)
    page = client.get(INBOX).content.decode()
    assert page.index(f'data-notification="{mine[1].pk}"') < page.index(
        f'data-notification="{mine[0].pk}"'
    )
    assert page.count("data-notification=") == 2


def test_list_queries_do_not_grow_with_rows(client, member, django_assert_max_num_queries):
    client.force_login(member)
    notify(member, 2)
    client.get(INBOX)
    with django_assert_max_num_queries(12) as few:
        client.get(INBOX)
    notify(member, 40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(INBOX)
    assert response.content.decode().count("data-notification=") == 30  # one page


def test_unread_filter(client, member):
    read, unread = notify(member, 2)
    Notification.objects.filter(pk=read.pk).update(read_at="2026-11-20T10:00Z")
    client.force_login(member)
    page = client.get(INBOX, {"show": "unread"}).content.decode()
    assert f'data-notification="{unread.pk}"' in page
    assert f'data-notification="{read.pk}"' not in page


def test_open_marks_read_and_follows_the_link(client, member):
    (notification,) = notify(member, url="/staff/actions/7/")
    client.force_login(member)
    response = client.post(
        reverse("notifications:mark_read", args=[notification.pk]), {"open": "1"}
    )
    assert response.status_code == 302 and response["Location"] == "/staff/actions/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_open_never_leaves_the_site(client, member):
    (notification,) = notify(member, url="https://evil.example/")
    client.force_login(member)
    response = client.post(
        reverse("notifications:mark_read", args=[notification.pk]), {"open": "1"}
    )
    assert response["Location"] == INBOX


def test_someone_elses_notification_cannot_be_marked(client, member):
    (theirs,) = notify(UserFactory(username="someone.else"))
    client.force_login(member)
    response = client.post(reverse("notifications:mark_read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_needs_post(client, member):
    (notification,) = notify(member)
    client.force_login(member)
    assert client.get(reverse("notifications:mark_read", args=[notification.pk])).status_code == 405


def test_mark_all_read(client, member):
    notify(member, 3)
    client.force_login(member)
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(user=member, read_at__isnull=True).exists()


@pytest.mark.parametrize("name", ["notifications:inbox", "notifications:preferences"])
def test_signed_out_visitor_is_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "login" in response["Location"]


def test_preferences_are_reached_from_the_list_and_saved(client, member):
    client.force_login(member)
    assert reverse("notifications:preferences") in client.get(INBOX).content.decode()
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'value="all" checked' in page.replace("\n", " ") or "checked" in page
    response = client.post(
        reverse("notifications:preferences"), {"email": "digest", "in_app": "all"}
    )
    assert response.status_code == 302
    assert dict(ChannelPreference.objects.filter(user=member).values_list("channel", "mode")) == {
        "email": "digest"
    }
    client.post(reverse("notifications:preferences"), {"email": "all", "in_app": "off"})
    assert dict(ChannelPreference.objects.filter(user=member).values_list("channel", "mode")) == {
        "in_app": "off"
    }


def test_preferences_refuse_an_unknown_choice(client, member):
    client.force_login(member)
    response = client.post(
        reverse("notifications:preferences"), {"email": "sometimes", "in_app": "all"}
    )
    assert response.status_code == 200
    assert not ChannelPreference.objects.exists()
