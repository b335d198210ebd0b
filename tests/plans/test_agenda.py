"""The plan and the priorities feed each new draft agenda: activities due this month or late,
not done, and every open priority for report-back until it is closed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from councils import services as council_services
from councils.models import AgendaItem
from plans import selectors, services
from plans.models import Activity
from policing.models import FollowUpAction
from tests.factories import FollowUpActionFactory
from tests.plans.conftest import adopted_plan, draft_plan, in_days, text
from tests.plans.test_priorities import set_priority

pytestmark = pytest.mark.django_db
Kind = AgendaItem.Kind


def schedule(world, days=3):
    return council_services.schedule_meeting(
        world.council, by=world.secretary, kind="regular", planned_at=in_days(days)
    )


def with_timelines(plan, ends: list):
    """Give the plan's activities these due dates (days from the meeting's day)."""
    activities = list(Activity.objects.filter(objective__plan=plan).order_by("position"))
    for activity, days in zip(activities, ends, strict=True):
        activity.starts_on = timezone.localdate() - timedelta(days=90)
        activity.ends_on = timezone.localdate() + timedelta(days=days)
        activity.save()
    return activities


def test_due_or_late_activities_go_on_the_draft_agenda(world):
    plan = adopted_plan(world, activities=4)
    today = timezone.localdate()
    meeting_day = in_days(3).date()
    month_left = (selectors.month_end(meeting_day) - today).days
    late, due, later, done = with_timelines(plan, [-5, month_left, month_left + 40, -1])
    action = FollowUpActionFactory(
        council=world.council, responsible_unit=world.unit, status=FollowUpAction.Status.VERIFIED
    )
    services.link_action(done, by=world.secretary, action=action)
    meeting = schedule(world)
    fed = list(meeting.agenda_items.filter(kind=Kind.PLAN_ACTIVITY).order_by("position"))
    assert [i.activity for i in fed] == [late, due]
    assert fed[0].title.endswith("Aktiviteti 1")


def test_a_draft_plan_does_not_feed_the_agenda(world):
    plan = draft_plan(world)
    with_timelines(plan, [-5, -4])
    meeting = schedule(world)
    assert not meeting.agenda_items.filter(kind=Kind.PLAN_ACTIVITY).exists()


def test_beyond_the_limit_one_item_counts_the_rest(world):
    plan = adopted_plan(world, activities=selectors.AGENDA_ACTIVITY_LIMIT + 3)
    with_timelines(plan, [-3] * (selectors.AGENDA_ACTIVITY_LIMIT + 3))
    meeting = schedule(world)
    assert meeting.agenda_items.filter(kind=Kind.PLAN_ACTIVITY).count() == (
        selectors.AGENDA_ACTIVITY_LIMIT
    )
    assert meeting.agenda_items.filter(kind=Kind.FREE, title__contains="3 more").exists()


def test_open_priorities_are_reported_back_on_until_closed(world):
    priority = set_priority(world)
    first = schedule(world, days=3)
    assert first.agenda_items.filter(kind=Kind.PRIORITY, priority=priority).count() == 1
    services.close_priority(
        priority, by=world.secretary, outcome=text("Mbyllur."), closed_on=timezone.localdate()
    )
    second = schedule(world, days=10)
    assert not second.agenda_items.filter(kind=Kind.PRIORITY).exists()
