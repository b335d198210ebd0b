"""Plan services from both sides: what the secretary and co-chairs do, what others are refused."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils import services as council_services
from plans import services
from plans.models import PlanEvent, SafetyPlan
from plans.services import PlanRuleError
from tests.factories import FollowUpActionFactory, PoliceUnitFactory
from tests.plans.conftest import (
    activities_of,
    adopted_plan,
    draft_plan,
    free_item,
    held_meeting,
    text,
)

pytestmark = pytest.mark.django_db
Status = SafetyPlan.Status


def test_secretary_drafts_a_plan_with_an_event(world):
    plan = draft_plan(world)
    assert plan.status == Status.DRAFT
    assert len(activities_of(plan)) == 2
    assert PlanEvent.objects.filter(plan=plan, kind="created", actor=world.secretary).exists()


@pytest.mark.parametrize("who", ["member", "co_chair", "other_secretary", "commander"])
def test_others_cannot_draft_a_plan(world, who):
    with pytest.raises(PermissionDenied):
        services.create_plan(
            world.council,
            by=getattr(world, who),
            title=text("X"),
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + timedelta(days=365),
        )
    assert not SafetyPlan.objects.exists()


def test_member_cannot_add_an_activity(world):
    plan = draft_plan(world)
    with pytest.raises(PermissionDenied):
        services.add_objective(plan, by=world.member, title=text("Y"))


def test_activity_of_a_unit_of_another_municipality_is_refused(world):
    plan = draft_plan(world)
    stranger = PoliceUnitFactory(municipality=world.other.municipality)
    with pytest.raises(ValidationError):
        services.add_activity(
            plan.objectives.get(),
            by=world.secretary,
            title=text("Z"),
            responsible_unit=stranger,
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
        )


def test_period_must_run_forward(world):
    with pytest.raises(ValidationError):
        services.create_plan(
            world.council,
            by=world.secretary,
            title=text("X"),
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() - timedelta(days=1),
        )


def test_a_meeting_decides_and_a_co_chair_signs_the_adoption(world):
    plan = draft_plan(world)
    item = free_item(held_meeting(world))
    decision = council_services.record_decision(
        item, by=world.secretary, kind="plan_adoption", text="Adopted.", plan=plan
    )
    plan.refresh_from_db()
    assert plan.adoption_decision == decision and plan.status == Status.DRAFT
    with pytest.raises(PermissionDenied):
        services.adopt_plan(plan, by=world.secretary)
    with pytest.raises(PermissionDenied):
        services.adopt_plan(plan, by=world.member)
    revision = services.adopt_plan(plan, by=world.co_chair)
    plan.refresh_from_db()
    assert plan.status == Status.ADOPTED and plan.revision == 1
    assert revision.number == 1 and len(revision.content["objectives"][0]["activities"]) == 2
    assert PlanEvent.objects.filter(plan=plan, kind="adopted", actor=world.co_chair).exists()


def test_no_adoption_without_the_meetings_decision(world):
    plan = draft_plan(world)
    with pytest.raises(PlanRuleError):
        services.adopt_plan(plan, by=world.co_chair)


def test_an_empty_plan_is_not_adopted(world):
    plan = draft_plan(world, activities=0)
    with pytest.raises(ValidationError):
        council_services.record_decision(
            free_item(held_meeting(world)),
            by=world.secretary,
            kind="plan_adoption",
            text="Adopted.",
            plan=plan,
        )


def test_an_adopted_plan_changes_only_by_a_revision_that_keeps_history(world):
    plan = adopted_plan(world)
    objective = plan.objectives.get()
    with pytest.raises(PlanRuleError):
        services.update_objective(objective, by=world.secretary, title=text("New"))
    with pytest.raises(ValidationError):
        services.start_revision(plan, by=world.secretary, reason="")
    with pytest.raises(PermissionDenied):
        services.start_revision(plan, by=world.member, reason="More lights")
    services.start_revision(plan, by=world.secretary, reason="More lights")
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT and plan.is_under_revision and plan.is_public
    services.update_objective(objective, by=world.secretary, title=text("Rrugë të ndriçuara"))
    item = free_item(held_meeting(world))
    council_services.record_decision(
        item, by=world.secretary, kind="plan_adoption", text="Revised.", plan=plan
    )
    services.adopt_plan(plan, by=world.co_chair)
    first, second = plan.revisions.order_by("number")
    assert first.content["objectives"][0]["title"]["sq"] == "Rrugë më të sigurta"
    assert second.content["objectives"][0]["title"]["sq"] == "Rrugë të ndriçuara"
    assert second.reason == "More lights"


def test_assembly_submission_and_approval(world):
    plan = adopted_plan(world)
    today = timezone.localdate()
    with pytest.raises(PlanRuleError):
        services.record_assembly_approval(
            plan, by=world.secretary, approved_on=today, reference="X"
        )
    with pytest.raises(PermissionDenied):
        services.submit_plan(plan, by=world.member, submitted_on=today)
    services.submit_plan(plan, by=world.secretary, submitted_on=today)
    with pytest.raises(ValidationError):
        services.record_assembly_approval(plan, by=world.secretary, approved_on=today, reference="")
    plan = services.record_assembly_approval(
        plan, by=world.secretary, approved_on=today, reference="01-016/26-123"
    )
    assert plan.status == Status.APPROVED and plan.assembly_reference == "01-016/26-123"


def test_actions_link_to_one_activity_of_their_own_council(world):
    plan = draft_plan(world)
    first, second = activities_of(plan)
    action = FollowUpActionFactory(council=world.council, responsible_unit=world.unit)
    services.link_action(first, by=world.secretary, action=action)
    with pytest.raises(PlanRuleError):
        services.link_action(second, by=world.secretary, action=action)
    stranger = FollowUpActionFactory(council=world.other)
    with pytest.raises(ValidationError):
        services.link_action(first, by=world.secretary, action=stranger)
    with pytest.raises(PermissionDenied):
        services.link_action(
            second,
            by=world.member,
            action=FollowUpActionFactory(council=world.council, responsible_unit=world.unit),
        )


def test_member_cannot_record_an_indicator_value(world):
    activity = activities_of(adopted_plan(world))[0]
    with pytest.raises(PermissionDenied):
        services.record_indicator_value(
            activity, by=world.member, value=3, measured_on=timezone.localdate()
        )
    with pytest.raises(ValidationError):
        services.record_indicator_value(
            activity,
            by=world.secretary,
            value=3,
            measured_on=timezone.localdate() + timedelta(days=1),
        )


def test_a_decision_on_an_activity_item_links_it_and_its_action(world):
    plan = adopted_plan(world)
    activity = activities_of(plan)[0]
    meeting = held_meeting(world)
    from councils.models import AgendaItem

    item = AgendaItem.objects.create(
        meeting=meeting, position=5, kind="plan_activity", title="1.1", activity=activity
    )
    decision = council_services.record_decision(
        item,
        by=world.secretary,
        kind="action",
        text="Repair the lamps.",
        action={
            "title": "Repair lamps",
            "responsible_unit": world.unit,
            "due_date": timezone.localdate() + timedelta(days=10),
            "priority": "normal",
        },
    )
    assert activity.links.filter(decision=decision).exists()
    assert activity.links.filter(action__decision=decision).exists()


def test_a_yearly_part_lies_within_its_multi_year_plan_and_has_no_parts_itself(world):
    multi_year = services.create_plan(
        world.council,
        by=world.secretary,
        title=text("Plani 2026–2028"),
        starts_on=date(2026, 1, 1),
        ends_on=date(2028, 12, 31),
    )
    part = services.create_plan(
        world.council,
        by=world.secretary,
        title=text("Pjesa 2027"),
        starts_on=date(2027, 1, 1),
        ends_on=date(2027, 12, 31),
        part_of=multi_year,
    )
    assert list(multi_year.parts.all()) == [part]
    with pytest.raises(ValidationError) as outside:
        services.create_plan(
            world.council,
            by=world.secretary,
            title=text("Pjesa 2029"),
            starts_on=date(2029, 1, 1),
            ends_on=date(2029, 12, 31),
            part_of=multi_year,
        )
    assert "part_of" in outside.value.message_dict
    with pytest.raises(ValidationError) as nested:
        services.create_plan(
            world.council,
            by=world.secretary,
            title=text("Pjesa e pjesës"),
            starts_on=date(2027, 3, 1),
            ends_on=date(2027, 6, 30),
            part_of=part,
        )
    assert "part_of" in nested.value.message_dict
    assert SafetyPlan.objects.count() == 2
