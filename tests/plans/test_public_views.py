"""The public plan page and the public council page: what residents read of plans and
priorities, never a reporter or a sensitive detail (searched in the rendered text); following a
priority; a concern's tracking page."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from concerns.models import Concern
from concerns.references import tracking_token_for
from plans import services
from plans.models import PriorityFollower, SafetyPlan
from policing.models import FollowUpAction
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    FollowUpActionFactory,
)
from tests.plans.conftest import (
    activities_of,
    adopt,
    adopted_plan,
    draft_plan,
    text,
    visible_text,
)
from tests.plans.test_priorities import set_priority

pytestmark = pytest.mark.django_db


def test_a_draft_plan_has_no_public_page(client, world):
    plan = draft_plan(world)
    assert client.get(reverse("plans:public_plan", args=[plan.pk])).status_code == 404


def test_public_plan_page_shows_progress_without_people_or_sensitive_details(client, world):
    plan = adopted_plan(world)
    activity = activities_of(plan)[0]
    sensitive = ConcernFactory(
        council=world.council,
        category=CategoryFactory(code="trafficking", name="Human trafficking", is_sensitive=True),
        status=Concern.Status.TRIAGED,
        reporter_name="Drita Gashi",
        description="My neighbour's daughter was taken abroad",
    )
    action = FollowUpActionFactory(
        council=world.council,
        concern=sensitive,
        responsible_unit=world.unit,
        title="Interview the family in Banjë",
        status=FollowUpAction.Status.VERIFIED,
    )
    services.link_action(activity, by=world.secretary, action=action)
    response = client.get(reverse("plans:public_plan", args=[plan.pk]))
    page = visible_text(response)
    assert response.status_code == 200
    assert "Aktiviteti 1" in page and "1 of 1 actions done" in page
    for secret in (
        "Drita Gashi",
        "Human trafficking",
        "taken abroad",
        "Interview the family",
        sensitive.reporter_email,
        sensitive.reporter_phone,
        world.secretary.username,
    ):
        assert secret not in page


def test_a_plan_under_revision_shows_the_adopted_text(client, world):
    plan = adopted_plan(world)
    services.start_revision(plan, by=world.secretary, reason="New objective")
    services.add_objective(plan, by=world.secretary, title=text("Objektiv i ri sekret"))
    page = visible_text(client.get(reverse("plans:public_plan", args=[plan.pk])))
    assert "Rrugë më të sigurta" in page and "Objektiv i ri sekret" not in page
    assert "revising this plan" in page


def test_public_council_page_lists_published_priorities_with_updates(client, world):
    hidden = set_priority(world)
    shown = set_priority(world)
    shown.title = text("Ndriçimi në Banjë")
    shown.save()
    services.publish_priority(shown, by=world.secretary)
    services.add_update(
        shown, by=world.secretary, on=timezone.localdate(), text=text("U vunë 12 llamba.")
    )
    closed = set_priority(world)
    closed.title = text("Qentë endacakë")
    closed.save()
    services.publish_priority(closed, by=world.secretary)
    services.close_priority(
        closed,
        by=world.secretary,
        outcome=text("Strehimorja u hap."),
        closed_on=timezone.localdate(),
    )
    services.link_concern(
        shown,
        by=world.secretary,
        concern=ConcernFactory(council=world.council, reporter_name="Valon Hoxha"),
    )
    adopted_plan(world)
    response = client.get(
        reverse("councils:public_council", args=[world.council.pk]), HTTP_ACCEPT_LANGUAGE="sq"
    )
    page = visible_text(response)
    assert "Ndriçimi në Banjë" in page and "U vunë 12 llamba." in page
    assert "Qentë endacakë" in page and "Strehimorja u hap." in page
    assert hidden.decision.text not in page
    assert page.count("Droga pranë shkollës") == 0
    assert "Valon Hoxha" not in page
    assert reverse("plans:public_follow", args=[shown.pk]) in response.content.decode()
    assert 'id="public-plan-link"' in response.content.decode()


def test_tracking_page_says_the_concern_is_part_of_a_published_priority(client, world):
    concern = ConcernFactory(council=world.council, status=Concern.Status.TRIAGED)
    url = reverse(
        "public:track_concern", args=[concern.reference, tracking_token_for(concern.submission_key)]
    )
    priority = set_priority(world)
    services.link_concern(priority, by=world.secretary, concern=concern)
    services.add_update(
        priority, by=world.secretary, on=timezone.localdate(), text=text("Patrulla çdo mbrëmje.")
    )
    assert "part of a priority" not in visible_text(client.get(url))
    services.publish_priority(priority, by=world.secretary)
    page = visible_text(client.get(url))
    assert "Your concern is part of a priority" in page
    assert "Droga pranë shkollës" in page and "Patrulla çdo mbrëmje." in page


def test_follow_pages_confirm_and_unsubscribe(client, world):
    priority = set_priority(world)
    url = reverse("plans:public_follow", args=[priority.pk])
    assert client.get(url).status_code == 404
    services.publish_priority(priority, by=world.secretary)
    response = client.post(url, {"email": "besa@example.org"})
    assert response.status_code == 400 and not PriorityFollower.objects.exists()
    response = client.post(url, {"email": "besa@example.org", "consent": "on"})
    assert "Check your email" in visible_text(response)
    follower = PriorityFollower.objects.get()
    confirm = reverse("plans:public_follow_confirm", args=[follower.token])
    assert client.get(confirm).status_code == 200
    follower.refresh_from_db()
    assert follower.confirmed_at is None, "opening the link alone confirms nothing"
    client.post(confirm)
    follower.refresh_from_db()
    assert follower.receives_updates
    client.post(reverse("plans:public_unsubscribe", args=[follower.token]))
    follower.refresh_from_db()
    assert not follower.receives_updates
    bad = reverse("plans:public_follow_confirm", args=["x" * 32])
    assert client.post(bad).status_code == 404


def test_public_page_of_a_yearly_part_links_its_adopted_multi_year_plan(client, world):
    multi_year = adopted_plan(world)
    SafetyPlan.objects.filter(pk=multi_year.pk).update(ends_on=date(2030, 12, 31))
    part = services.create_plan(
        world.council,
        by=world.secretary,
        title=text("Pjesa e këtij viti"),
        starts_on=multi_year.starts_on,
        ends_on=multi_year.starts_on.replace(month=12, day=31),
        part_of=multi_year,
    )
    assert client.get(reverse("plans:public_plan", args=[part.pk])).status_code == 404
    services.add_objective(part, by=world.secretary, title=text("Objektivi i pjesës"))
    services.add_activity(
        part.objectives.get(),
        by=world.secretary,
        title=text("Aktiviteti i pjesës"),
        responsible_unit=world.unit,
        starts_on=part.starts_on,
        ends_on=part.ends_on,
    )
    adopt(world, part)
    page = client.get(reverse("plans:public_plan", args=[part.pk])).content.decode()
    assert reverse("plans:public_plan", args=[multi_year.pk]) in page
    parent = client.get(reverse("plans:public_plan", args=[multi_year.pk])).content.decode()
    assert 'id="plan-parts"' in parent and reverse("plans:public_plan", args=[part.pk]) in parent
