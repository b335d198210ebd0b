"""Priorities: set at a meeting, published, updated, closed; concerns linked; followers by
email with double opt-in, every email through the outbox with its unsubscribe link."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concerns.models import Concern
from councils import services as council_services
from councils.models import AgendaItem
from notifications.models import OutgoingEmail
from plans import services
from plans.models import Priority, PriorityFollower
from plans.services import PlanRuleError
from tests.factories import CategoryFactory, ConcernFactory, MeetingFactory
from tests.plans.conftest import free_item, held_meeting, text

pytestmark = pytest.mark.django_db


def set_priority(world, **kwargs) -> Priority:
    item = free_item(held_meeting(world))
    decision = council_services.record_decision(
        item,
        by=world.secretary,
        kind="priority",
        text="Drug dealing near the school is a priority.",
        public_text=text("Patrulla të përditshme pranë shkollës."),
        priority={"title": text("Droga pranë shkollës"), "settlements": [world.settlement]},
    )
    return decision.priority


def test_a_decision_sets_a_priority_that_is_not_public_yet(world):
    priority = set_priority(world)
    assert priority.status == Priority.Status.SET and not priority.is_public
    assert list(priority.settlements.all()) == [world.settlement]
    assert priority.commitment["sq"].startswith("Patrulla")


def test_a_priority_set_goes_on_the_next_draft_agenda(world):
    later = MeetingFactory(council=world.council, planned_at=timezone.now() + timedelta(days=20))
    priority = set_priority(world)
    assert later.agenda_items.filter(kind=AgendaItem.Kind.PRIORITY, priority=priority).exists()


@pytest.mark.parametrize("who", ["member", "co_chair", "other_secretary"])
def test_only_the_secretary_publishes_updates_and_closes(world, who):
    priority = set_priority(world)
    user = getattr(world, who)
    with pytest.raises(PermissionDenied):
        services.publish_priority(priority, by=user)
    with pytest.raises(PermissionDenied):
        services.add_update(priority, by=user, on=timezone.localdate(), text=text("x"))
    with pytest.raises(PermissionDenied):
        services.close_priority(
            priority, by=user, outcome=text("x"), closed_on=timezone.localdate()
        )


def test_closing_needs_an_outcome_and_takes_it_off_draft_agendas(world):
    priority = set_priority(world)
    later = MeetingFactory(council=world.council, planned_at=timezone.now() + timedelta(days=20))
    from councils.services.agenda import add_priority_to_draft_agendas

    add_priority_to_draft_agendas(priority, after=priority.decision.agenda_item.meeting)
    assert later.agenda_items.filter(priority=priority).exists()
    with pytest.raises(ValidationError):
        services.close_priority(
            priority, by=world.secretary, outcome={}, closed_on=timezone.localdate()
        )
    services.close_priority(
        priority, by=world.secretary, outcome=text("Shitja pushoi."), closed_on=timezone.localdate()
    )
    assert not later.agenda_items.filter(priority=priority).exists()
    with pytest.raises(PlanRuleError):
        services.add_update(priority, by=world.secretary, on=timezone.localdate(), text=text("x"))


def test_concerns_of_another_council_or_a_sensitive_category_are_not_linked(world):
    priority = set_priority(world)
    with pytest.raises(ValidationError):
        services.link_concern(
            priority, by=world.secretary, concern=ConcernFactory(council=world.other)
        )
    sensitive = ConcernFactory(
        council=world.council,
        category=CategoryFactory(code="dv", name="Domestic violence", is_sensitive=True),
        status=Concern.Status.TRIAGED,
    )
    with pytest.raises(PlanRuleError):
        services.link_concern(priority, by=world.secretary, concern=sensitive)
    with pytest.raises(PermissionDenied):
        services.link_concern(
            priority, by=world.member, concern=ConcernFactory(council=world.council)
        )
    services.link_concern(
        priority, by=world.secretary, concern=ConcernFactory(council=world.council)
    )
    assert priority.concern_links.count() == 1


def test_following_needs_consent_and_a_public_priority(world):
    priority = set_priority(world)
    with pytest.raises(PlanRuleError):
        services.follow_priority(priority, email="a@example.org", language="sq", consent=True)
    services.publish_priority(priority, by=world.secretary)
    with pytest.raises(ValidationError):
        services.follow_priority(priority, email="a@example.org", language="sq", consent=False)
    assert not PriorityFollower.objects.exists()


def test_double_opt_in_then_updates_with_an_unsubscribe_link(
    world, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    priority = set_priority(world)
    services.publish_priority(priority, by=world.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        services.follow_priority(
            priority, email="Resident@Example.org", language="sq", consent=True
        )
    follower = PriorityFollower.objects.get()
    assert follower.email == "resident@example.org" and not follower.receives_updates
    confirm = OutgoingEmail.objects.get(to="resident@example.org")
    assert f"/councils/follow/{follower.token}/" in confirm.body

    with django_capture_on_commit_callbacks(execute=True):
        services.add_update(
            priority, by=world.secretary, on=timezone.localdate(), text=text("Dita 1")
        )
    assert OutgoingEmail.objects.count() == 1, "nothing is sent before the confirmation"

    assert services.confirm_follower(follower.token).receives_updates
    with django_capture_on_commit_callbacks(execute=True):
        services.add_update(
            priority, by=world.secretary, on=timezone.localdate(), text=text("Dita 2")
        )
    update = OutgoingEmail.objects.order_by("-pk").first()
    assert update.to == "resident@example.org" and "Dita 2" in update.body
    assert f"/councils/unfollow/{follower.token}/" in update.body
    assert len(mail.outbox) == 2

    services.unsubscribe(follower.token)
    follower.refresh_from_db()
    assert follower.unsubscribed_at and "resident" not in follower.email
    assert [e.kind for e in priority.events.filter(kind__in=["followed", "unfollowed"])] == [
        "followed",
        "unfollowed",
    ]
    services.unsubscribe(follower.token)  # a second click changes nothing
    assert priority.events.filter(kind="unfollowed").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.add_update(
            priority, by=world.secretary, on=timezone.localdate(), text=text("Dita 3")
        )
    assert OutgoingEmail.objects.count() == 2


def test_following_twice_sends_no_second_confirmation_once_confirmed(world):
    priority = set_priority(world)
    services.publish_priority(priority, by=world.secretary)
    services.follow_priority(priority, email="a@example.org", language="sq", consent=True)
    services.confirm_follower(PriorityFollower.objects.get().token)
    services.follow_priority(priority, email="a@example.org", language="sq", consent=True)
    assert OutgoingEmail.objects.count() == 1


def test_a_priority_set_on_a_concern_item_takes_the_concern_up(world, triaged):
    concern = triaged()
    meeting = held_meeting(world)
    item = AgendaItem.objects.create(
        meeting=meeting, position=4, kind="concern", title="Drugs", concern=concern
    )
    decision = council_services.record_decision(
        item,
        by=world.secretary,
        kind="priority",
        text="A priority.",
        priority={"title": text("Droga")},
    )
    assert list(decision.priority.concern_links.values_list("concern", flat=True)) == [concern.pk]


def test_a_confidential_item_does_not_become_a_public_priority(world):
    item = free_item(held_meeting(world))
    item.is_confidential = True
    item.save()
    with pytest.raises(PlanRuleError):
        council_services.record_decision(
            item, by=world.secretary, kind="priority", text="x", priority={"title": text("X")}
        )
    assert not Priority.objects.exists()
