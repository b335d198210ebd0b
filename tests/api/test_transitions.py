"""Writes: each declared transition as ``POST /api/v1/<resource>/{id}/<name>/``."""

from datetime import timedelta

import pytest
from django.utils import timezone

from concerns.models import Concern, ConcernEvent, IdentityDisclosure
from concerns.transitions import concern_transitions
from councils.transitions import meeting_transitions
from policing.models import DueDateChange
from policing.transitions import action_transitions
from tests.api.conftest import REPORTER, client_for
from tests.factories import ConcernFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def post(user, path, body=None):
    return client_for(user).post(path, body or {}, format="json")


def test_the_secretary_triages_a_concern_through_the_service(world):
    response = post(
        world.secretary,
        f"/api/v1/concerns/{world.concern.pk}/triage/",
        {"category": world.drugs.pk, "priority": "high", "council": world.council.pk},
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "triaged"
    assert response.json()["priority"] == "high"
    assert ConcernEvent.objects.filter(concern=world.concern, to_status="triaged").exists()


def test_triaging_twice_is_a_conflict(world):
    path = f"/api/v1/concerns/{world.concern.pk}/triage/"
    body = {"category": world.drugs.pk, "priority": "normal", "council": world.council.pk}
    assert post(world.secretary, path, body).status_code == 200
    response = post(world.secretary, path, body)
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_a_step_sent_with_an_old_version_is_refused_as_stale(world):
    version = (
        client_for(world.secretary).get(f"/api/v1/concerns/{world.concern.pk}/").json()["version"]
    )
    Concern.objects.filter(pk=world.concern.pk).update(updated_at=timezone.now())
    response = post(
        world.secretary,
        f"/api/v1/concerns/{world.concern.pk}/reject/",
        {"reason": "Not a safety matter.", "version": version},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "stale"
    world.concern.refresh_from_db()
    assert world.concern.status == "new"


def test_bad_input_is_a_400_with_the_forms_messages_by_field(world):
    response = post(world.secretary, f"/api/v1/concerns/{world.concern.pk}/reject/", {})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["fields"]) == ["reason"]
    response = post(
        world.secretary,
        f"/api/v1/concerns/{world.concern.pk}/triage/",
        {"category": "x", "priority": "bogus", "council": world.pej_council.pk},
    )
    assert set(response.json()["fields"]) == {"category", "priority", "council"}


def test_a_json_body_that_is_not_an_object_is_a_400(world):
    client = client_for(world.secretary)
    path = f"/api/v1/concerns/{world.concern.pk}/reject/"
    assert client.post(path, [1, 2], format="json").status_code == 400
    response = client.post(path, "{bad json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_a_service_refusal_is_a_400_with_its_message(world):
    response = post(
        world.secretary,
        f"/api/v1/concerns/{world.concern.pk}/duplicate/",
        {"original": "IST-1999-99999"},
    )
    assert response.status_code == 400
    assert "original" in response.json()["fields"]


def test_the_secretary_cancels_a_planned_meeting(world):
    meeting = MeetingFactory(council=world.council)
    response = post(
        world.secretary, f"/api/v1/meetings/{meeting.pk}/cancel/", {"reason": "No quorum."}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert (
        post(world.secretary, f"/api/v1/meetings/{meeting.pk}/cancel/", {"reason": "x"}).status_code
        == 409
    )


def test_the_commander_changes_a_due_date_and_the_history_shows_it(world):
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = post(
        world.commander,
        f"/api/v1/actions/{world.action.pk}/due-date/",
        {"due_date": due, "reason": "Waiting for the contractor."},
    )
    assert response.status_code == 200, response.content
    assert response.json()["due_date"] == due
    assert DueDateChange.objects.filter(action=world.action).count() == 1
    history = client_for(world.commander).get(
        f"/api/v1/actions/{world.action.pk}/due-date-changes/"
    )
    assert history.json()["results"][0]["reason"] == "Waiting for the contractor."


# --- The refused side of every declared step

REFUSED = [
    *[("concerns", t.name, "member") for t in concern_transitions if t.name != "note"],
    ("concerns", "note", "commander"),
    *[("meetings", t.name, "member") for t in meeting_transitions],
    *[("actions", t.name, "member") for t in action_transitions],
]


def _target(world, resource):
    return {"concerns": world.concern, "meetings": world.meeting, "actions": world.action}[resource]


@pytest.mark.parametrize(("resource", "name", "who"), REFUSED)
def test_every_step_is_refused_to_a_user_the_policy_refuses(world, resource, name, who):
    target = _target(world, resource)
    response = post(getattr(world, who), f"/api/v1/{resource}/{target.pk}/{name}/")
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize(
    ("resource", "name"),
    [("concerns", t.name) for t in concern_transitions]
    + [("meetings", t.name) for t in meeting_transitions]
    + [("actions", t.name) for t in action_transitions],
)
def test_every_step_on_another_councils_target_is_not_found(world, resource, name):
    target = _target(world, resource)
    response = post(world.pej_secretary, f"/api/v1/{resource}/{target.pk}/{name}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_refused_step_changes_nothing(world):
    post(world.member, f"/api/v1/concerns/{world.concern.pk}/reject/", {"reason": "No."})
    world.concern.refresh_from_db()
    assert world.concern.status == "new"


# --- The reporter's identity


def test_the_secretary_discloses_the_identity_and_it_is_logged(world):
    response = post(world.secretary, f"/api/v1/concerns/{world.concern.pk}/reporter-identity/")
    assert response.status_code == 200
    assert response.json() == {**REPORTER, "consent_to_contact": True}
    assert (
        IdentityDisclosure.objects.filter(concern=world.concern, user=world.secretary).count() == 1
    )


@pytest.mark.parametrize("who", ["member", "commander", "national", "safeguarding"])
def test_no_one_else_may_disclose_the_identity(world, who):
    concern = world.sensitive if who == "safeguarding" else world.concern
    response = post(getattr(world, who), f"/api/v1/concerns/{concern.pk}/reporter-identity/")
    assert response.status_code in (403, 404)
    assert "Arben" not in response.content.decode()
    assert not IdentityDisclosure.objects.exists()


def test_an_anonymous_concern_has_no_identity_to_disclose(world):
    concern = ConcernFactory(
        council=world.council,
        is_anonymous=True,
        reporter_name="",
        reporter_phone="",
        reporter_email="",
        consent_to_contact=False,
    )
    response = post(world.secretary, f"/api/v1/concerns/{concern.pk}/reporter-identity/")
    assert response.status_code == 403
