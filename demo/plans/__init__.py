"""Istog's safety action plan and its public priorities.

The plan was adopted at the first published meeting of the year, submitted to the Municipal
Assembly and approved; its activities are carried out by follow-up actions of the council
(linked here) and measured by values the secretary recorded, so its progress page and its
public page have something to show: done, under way, due this month and late. Two priorities
set at later meetings are public with dated updates; an older one is closed with its outcome.
Written with the services (the rules hold), then backdated to the meetings they belong to.
"""

from datetime import date, timedelta

from councils.models import Meeting
from councils.services.agenda import add_plan_items
from demo.plans.decisions import add_decision, backdate_events, both
from demo.plans.objectives import add_objectives, carry_out
from demo.plans.priorities import build_priorities
from demo.world import World
from plans import services
from plans.models import PlanRevision, SafetyPlan

__all__ = ["build_plans"]


def build_plans(world: World) -> SafetyPlan | None:
    council = world.places.councils["ist"]
    secretary = world.secretary(council)
    co_chair = world.users["cochair.istok"]
    published = list(
        Meeting.objects.filter(council=council, status=Meeting.Status.PUBLISHED).order_by(
            "planned_at"
        )
    )
    if not published:
        return None
    year = world.today.year
    adopting = next((m for m in published if m.planned_at.year == year), published[0])
    plan = services.create_plan(
        council,
        by=secretary,
        title=both(
            f"Plani i veprimit për siguri në bashkësi {year}",
            f"Akcioni plan bezbednosti zajednice {year}",
        ),
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
    )
    activities = add_objectives(world, plan, secretary)
    decision = add_decision(
        world,
        adopting,
        "plan_adoption",
        f"The council adopts the community safety action plan {year}.",
        both(
            f"Këshilli miratoi planin e veprimit për siguri {year}.",
            f"Savet je usvojio akcioni plan bezbednosti za {year}.",
        ),
    )
    services.record_adoption_decision(plan, by=secretary, decision=decision)
    services.adopt_plan(plan, by=co_chair)
    adopted_at = adopting.held_at + timedelta(days=14)
    submitted = min((adopted_at + timedelta(days=10)).date(), world.today)
    services.submit_plan(plan, by=secretary, submitted_on=submitted)
    approved = min(submitted + timedelta(days=25), world.today)
    services.record_assembly_approval(
        plan, by=secretary, approved_on=approved, reference=f"01-016/{year % 100}-0427"
    )
    plan.refresh_from_db()
    world.backdate(plan, created_at=adopting.held_at - timedelta(days=30), adopted_at=adopted_at)
    for revision in PlanRevision.objects.filter(plan=plan):
        world.backdate(revision, created_at=adopted_at)
    carry_out(world, plan, activities, secretary, since=adopted_at)
    backdate_events(world, plan=plan, at=adopted_at)
    build_priorities(world, council, secretary, published)
    world.write_backdated()
    upcoming = Meeting.objects.filter(
        council=council, status=Meeting.Status.PLANNED, agenda_published_at__isnull=True
    ).first()
    if upcoming is not None:
        add_plan_items(upcoming)
    return plan
