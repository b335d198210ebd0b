"""Contract tests of the read endpoints: what each returns, to whom, and what it never shows."""

import json

import pytest

from tests.api.conftest import REPORTER, client_for

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/categories/",
    "/api/v1/municipalities/",
    "/api/v1/settlements/",
    "/api/v1/councils/",
    "/api/v1/partner-bodies/",
    "/api/v1/concerns/",
    "/api/v1/meetings/",
    "/api/v1/actions/",
    "/api/v1/notifications/",
]


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("path", LISTS)
def test_every_list_refuses_a_stranger_with_the_error_shape(path):
    response = client_for(None).get(path)
    assert response.status_code in (401, 403)
    body = response.json()
    assert body["status"] == response.status_code
    assert body["code"] == "not_authenticated"
    assert body["detail"]


@pytest.mark.parametrize("path", LISTS)
def test_every_list_is_cursor_paginated(world, path):
    body = client_for(world.secretary).get(path, {"page_size": 1}).json()
    assert set(body) == {"next", "previous", "results"}
    assert len(body["results"]) <= 1


def test_reference_lists_show_names_in_every_language(world):
    client = client_for(world.member)
    municipalities = client.get("/api/v1/municipalities/").json()["results"]
    assert [m["code"] for m in municipalities] == ["IST", "PEJ"]
    assert set(municipalities[0]) >= {"name", "name_translations", "display_name"}
    categories = client.get("/api/v1/categories/").json()["results"]
    assert {"drugs", "domestic-violence"} <= {c["code"] for c in categories}
    settlements = client.get("/api/v1/settlements/", {"municipality": world.istok.pk})
    assert ids(settlements) == {world.settlement.pk}


def test_a_secretary_reads_their_councils_concerns_not_another_councils(world):
    client = client_for(world.secretary)
    assert ids(client.get("/api/v1/concerns/")) == {world.concern.pk, world.sensitive.pk}
    response = client.get(f"/api/v1/concerns/{world.pej_concern.pk}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert client.get(f"/api/v1/concerns/{world.pej_concern.pk}/events/").status_code == 404


def test_members_and_national_never_see_a_sensitive_concern(world):
    for user in (world.member, world.national):
        client = client_for(user)
        assert world.sensitive.pk not in ids(client.get("/api/v1/concerns/"))
        assert client.get(f"/api/v1/concerns/{world.sensitive.pk}/").status_code == 404


def test_the_safeguarding_officer_reads_the_sensitive_concern_only(world):
    assert ids(client_for(world.safeguarding).get("/api/v1/concerns/")) == {world.sensitive.pk}


def test_councils_and_meetings_of_another_council_are_not_listed(world):
    client = client_for(world.pej_secretary)
    assert ids(client.get("/api/v1/councils/")) == {world.pej_council.pk}
    assert ids(client.get("/api/v1/meetings/")) == {world.pej_meeting.pk}
    assert client.get(f"/api/v1/meetings/{world.meeting.pk}/agenda/").status_code == 404
    assert ids(client.get("/api/v1/actions/")) == set()
    assert client.get(f"/api/v1/actions/{world.action.pk}/").status_code == 404


def test_concern_detail_and_nested_lists(world):
    client = client_for(world.secretary)
    body = client.get(f"/api/v1/concerns/{world.concern.pk}/").json()
    assert body["reference"] == world.concern.reference
    assert body["category_code"] == "drugs"
    assert body["reporter_identity"] == "withheld"
    assert body["can_disclose_identity"] is True
    events = client.get(f"/api/v1/concerns/{world.concern.pk}/events/").json()["results"]
    assert [e["kind"] for e in events] == ["submitted", "note"]
    assert client.get(f"/api/v1/concerns/{world.concern.pk}/attachments/").status_code == 200
    assert client.get(f"/api/v1/concerns/{world.concern.pk}/public-updates/").status_code == 200


def test_a_commander_reads_the_referred_concern_without_internal_notes(world):
    client = client_for(world.commander)
    assert world.concern.pk in ids(client.get("/api/v1/concerns/"))
    events = client.get(f"/api/v1/concerns/{world.concern.pk}/events/").json()["results"]
    assert [e["kind"] for e in events] == ["submitted"]
    body = client.get(f"/api/v1/concerns/{world.concern.pk}/").json()
    assert body["can_disclose_identity"] is False


def test_a_member_reads_the_agenda_with_the_confidential_item_withheld(world):
    items = client_for(world.member).get(f"/api/v1/meetings/{world.meeting.pk}/agenda/")
    secret = items.json()["results"][1]
    assert secret["is_confidential"] is True
    assert secret["title"] == "Confidential item"
    assert secret["concern"] is None
    assert secret["discussion"] == ""
    decisions = client_for(world.member).get(f"/api/v1/meetings/{world.meeting.pk}/decisions/")
    assert "Refer the family" not in decisions.content.decode()


def test_the_secretary_reads_the_confidential_item(world):
    items = client_for(world.secretary).get(f"/api/v1/meetings/{world.meeting.pk}/agenda/")
    assert items.json()["results"][1]["title"] == "Violence at home in Dubovë"


def test_meeting_nested_lists(world):
    client = client_for(world.member)
    attendance = client.get(f"/api/v1/meetings/{world.meeting.pk}/attendance/").json()
    assert attendance["results"][0]["role"] == "secretary"
    assert client.get(f"/api/v1/meetings/{world.meeting.pk}/minutes-revisions/").status_code == 200


def test_action_detail_and_nested_lists(world):
    client = client_for(world.commander)
    body = client.get(f"/api/v1/actions/{world.action.pk}/").json()
    assert body["responsible_unit"] == world.unit.pk
    for nested in ("progress-updates", "due-date-changes", "reminders"):
        response = client.get(f"/api/v1/actions/{world.action.pk}/{nested}/")
        assert response.status_code == 200, nested
        assert response.json()["results"] == []


def test_notifications_are_the_users_own(world):
    from notifications.models import Notification

    mine = Notification.objects.create(user=world.member, title="Meeting on Monday")
    Notification.objects.create(user=world.secretary, title="Not yours")
    client = client_for(world.member)
    assert ids(client.get("/api/v1/notifications/")) == {mine.pk}
    assert ids(client.get("/api/v1/notifications/", {"unread": "true"})) == {mine.pk}
    assert client.post(f"/api/v1/notifications/{mine.pk}/read/").json()["read_at"]
    assert ids(client.get("/api/v1/notifications/", {"unread": "true"})) == set()
    others = Notification.objects.get(user=world.secretary)
    assert client.post(f"/api/v1/notifications/{others.pk}/read/").status_code == 404
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 0}
    others.refresh_from_db()
    assert others.read_at is None


def test_filters_narrow_the_list_and_bad_values_are_400(world):
    client = client_for(world.secretary)
    assert ids(client.get("/api/v1/concerns/", {"category": "drugs"})) == {world.concern.pk}
    assert ids(client.get("/api/v1/concerns/", {"status": "closed"})) == set()
    response = client.get("/api/v1/concerns/", {"status": "bogus", "council": "x"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"status", "council"}
    assert client.get("/api/v1/concerns/", {"council": 10**30}).status_code == 400
    # PostgreSQL refuses offsets past ±15:59 that Python accepts; the filter sends UTC.
    late = client.get("/api/v1/meetings/", {"planned_after": "7211-01-16T06:26:29+17:04"})
    assert late.status_code == 200
    edge = client.get("/api/v1/meetings/", {"planned_after": "9999-12-31T23:59:59-10:00"})
    assert edge.status_code == 400


def test_an_unknown_path_or_a_forged_cursor_is_a_json_404(world):
    client = client_for(world.secretary)
    for path in ("/api/v1/nothing/", "/api/v1/concerns/abc/", "/api/v1/concerns/?cursor=zz"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"
    import base64

    for position in ("not-a-date", "7211-01-16T06:26:29+17:04", "9999-12-31T23:59:59-10:00"):
        cursor = base64.b64encode(f"p={position}".encode()).decode()
        assert client.get("/api/v1/concerns/", {"cursor": cursor}).status_code == 404, position
    cursor = base64.b64encode(b"p=99999999999999999999999").decode()
    assert client.get("/api/v1/settlements/", {"cursor": cursor}).status_code == 404


def test_a_method_the_resource_lacks_is_405_with_the_error_shape(world):
    response = client_for(world.secretary).delete(f"/api/v1/concerns/{world.concern.pk}/")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


READERS = ("secretary", "member", "safeguarding", "commander", "officer", "national")


def _everything(client, world) -> str:
    paths = [*LISTS]
    for pk in (world.concern.pk, world.sensitive.pk):
        paths += [f"/api/v1/concerns/{pk}/{n}" for n in ("", "events/", "public-updates/")]
    paths += [
        f"/api/v1/meetings/{world.meeting.pk}/{n}"
        for n in ("agenda/", "attendance/", "decisions/", "minutes-revisions/")
    ]
    return json.dumps([client.get(p).json() for p in paths], ensure_ascii=False)


@pytest.mark.parametrize("reader", READERS)
def test_no_read_of_any_role_carries_the_reporters_identity(world, reader):
    text = _everything(client_for(getattr(world, reader)), world)
    for value in REPORTER.values():
        assert value not in text


@pytest.mark.parametrize("path", ["/api/v1/concerns/", "/api/v1/councils/", "/api/v1/meetings/"])
def test_following_next_links_reads_every_row_once(world, path):
    client = client_for(world.national)
    expected = ids(client.get(path, {"page_size": 100}))
    seen, url = [], f"{path}?page_size=1"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen))


def test_what_django_refuses_before_the_api_is_json_on_api_paths(world):
    client = client_for(world.secretary)
    nul = client.get("/api/v1/concerns/", {"q": "a\x00b"})
    assert nul.status_code == 400 and nul.json()["code"] == "bad_request"
    assert client.get("/api/v1/concerns\x00/").json()["code"] == "not_found"
    unknown = client_for(world.secretary).post("/api/v1/concerns/\x84/note/", {})
    assert unknown.status_code == 404 and unknown.json()["code"] == "not_found"
    assert "text/html" in client.get("/no-such-page/").get("Content-Type")


def test_a_public_update_reads_back_in_every_language_it_was_written_in(world):
    from concerns.services.workflow import post_public_update

    post_public_update(
        world.concern,
        by=world.secretary,
        text={"sq": "Patrullat u shtuan.", "sr-latn": "Patrole su pojačane."},
    )
    client = client_for(world.secretary)
    path = f"/api/v1/concerns/{world.concern.pk}/reporter-messages/"
    updates = client.get(path).json()["results"]
    assert [(u["kind"], u["public_text"]) for u in updates] == [
        ("public_update", {"sq": "Patrullat u shtuan.", "sr-latn": "Patrole su pojačane."})
    ]
    events = client.get(f"/api/v1/concerns/{world.concern.pk}/events/").json()["results"]
    assert {"sq": "Patrullat u shtuan.", "sr-latn": "Patrole su pojačane."} in [
        e["public_text"] for e in events
    ]
