"""A council with a plan in the making: the meetings world plus helpers to build plans."""

import re
from datetime import timedelta

from django.utils import timezone

from councils import services as council_services
from councils.models import AgendaItem, Meeting
from plans import services
from plans.models import Activity, SafetyPlan
from tests.councils import conftest as councils_conftest
from tests.factories import MeetingFactory

# The meetings tests' council, secretary, co-chair, members and unit.
world = councils_conftest.world
triaged = councils_conftest.triaged
in_days = councils_conftest.in_days


def text(value: str) -> dict:
    return {"sq": value, "sr-latn": value}


def draft_plan(world, *, activities: int = 2, **kwargs) -> SafetyPlan:
    today = timezone.localdate()
    plan = services.create_plan(
        world.council,
        by=world.secretary,
        title=text("Plani i sigurisë 2026"),
        starts_on=kwargs.get("starts_on", today.replace(month=1, day=1)),
        ends_on=kwargs.get("ends_on", today.replace(month=12, day=31)),
    )
    objective = services.add_objective(plan, by=world.secretary, title=text("Rrugë më të sigurta"))
    for i in range(activities):
        services.add_activity(
            objective,
            by=world.secretary,
            title=text(f"Aktiviteti {i + 1}"),
            responsible_unit=world.unit,
            starts_on=today - timedelta(days=30),
            ends_on=today + timedelta(days=60 + i),
            indicator=text("Llamba të riparuara"),
            baseline=0,
            target=10,
        )
    return plan


def held_meeting(world) -> Meeting:
    meeting = MeetingFactory(
        council=world.council,
        planned_at=timezone.now() - timedelta(hours=2),
        status=Meeting.Status.HELD,
        held_at=timezone.now() - timedelta(hours=1),
    )
    return meeting


def free_item(meeting, title="Plan") -> AgendaItem:
    return AgendaItem.objects.create(meeting=meeting, position=99, kind="free", title=title)


def adopted_plan(world, **kwargs) -> SafetyPlan:
    return adopt(world, draft_plan(world, **kwargs))


def adopt(world, plan: SafetyPlan) -> SafetyPlan:
    """A meeting decides, a co-chair signs."""
    item = free_item(held_meeting(world))
    council_services.record_decision(
        item, by=world.secretary, kind="plan_adoption", text="The plan is adopted.", plan=plan
    )
    services.adopt_plan(plan, by=world.co_chair)
    plan.refresh_from_db()
    return plan


def activities_of(plan) -> list[Activity]:
    return list(Activity.objects.filter(objective__plan=plan).order_by("position"))


def visible_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
