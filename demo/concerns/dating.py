"""Seeded concerns moved back in time: events spread over their planned span, references
renumbered in order of the dates."""

from collections import defaultdict
from datetime import datetime, timedelta

from django.utils import timezone

from concerns.models import Concern, ConcernEvent, ReferenceCounter
from concerns.references import format_reference
from demo.actions import lay_out
from demo.concerns.plans import ConcernPlan
from demo.concerns.stories import MINUTE, Story
from demo.world import World

Status = Concern.Status


def backdate(story: Story, plan: ConcernPlan) -> None:
    """Spread the events from the day of receipt up to now at most, keeping their order."""
    world, concern = story.world, story.concern
    window = (world.now - plan.received).total_seconds() / 86400 - 1 / 24
    scale = min(1.0, window / sum(story.gaps)) if sum(story.gaps) else 1.0
    times, moment = [plan.received], plan.received
    for gap in story.gaps[1:]:
        if gap == MINUTE:  # written by the same call as the event before
            moment += timedelta(minutes=1)
        else:
            moment = _office_hours(world, moment, moment + timedelta(days=gap * scale))
        times.append(moment)
    events = list(ConcernEvent.objects.filter(concern=concern).order_by("id"))
    for event, moment in zip(events, times, strict=True):
        world.backdate(event, created_at=moment)

    def last(status: str):
        found = [e.created_at for e in events if e.kind == "status" and e.to_status == status]
        return found[-1] if found else None

    concern.refresh_from_db()
    triaged = [e.created_at for e in events if e.to_status == Status.TRIAGED]
    world.backdate(
        concern,
        created_at=plan.received,
        updated_at=times[-1],
        triaged_at=triaged[0] if triaged else None,
        resolved_at=last(Status.RESOLVED) if concern.resolved_at else None,
        closed_at=last(Status.CLOSED) if concern.closed_at else None,
        occurred_at=min(concern.occurred_at, plan.received) if concern.occurred_at else None,
        reporter_email="" if concern.is_anonymous else plan.reporter[2],
    )
    for action_plan, start_mark, end_mark in story.actions:
        start = times[story.marks[start_mark]] - timedelta(minutes=5)
        end = times[story.marks[end_mark]] - timedelta(hours=1) if end_mark else world.now
        lay_out(world, action_plan, start, end)


def _office_hours(world: World, previous: datetime, moment: datetime) -> datetime:
    """``moment`` moved into the working day (8:00–19:00), still after ``previous``."""
    local = timezone.localtime(moment)
    if not 8 <= local.hour < 19:
        local = local.replace(hour=world.clock.randint(8, 18))
    if local <= previous or local >= world.now:
        local = min(previous + timedelta(minutes=world.clock.randint(5, 60)), world.now)
    return local


def renumber(world: World, concerns: list[Concern], counters: dict) -> None:
    """References in order of (backdated) receipt: ``IST-2025-00001``, one sequence a year.

    The service numbered them in the year they were seeded; numbers a counter had already given
    out before the seed are skipped, so no reference is ever handed out twice.
    """
    groups = defaultdict(list)
    for concern in sorted(concerns, key=lambda c: (c.created_at, c.pk)):
        year = timezone.localtime(concern.created_at).year
        groups[(concern.municipality, year)].append(concern)
    for concern in concerns:
        concern.reference = f"DEMO-{concern.pk}"
    Concern.objects.bulk_update(concerns, ["reference"], batch_size=500)
    for (municipality, year), items in groups.items():
        start = counters.get((municipality.pk, year), 0)
        for number, concern in enumerate(items, start + 1):
            concern.reference = format_reference(municipality.code, year, number)
        ReferenceCounter.objects.update_or_create(
            municipality=municipality, year=year, defaults={"last_value": start + len(items)}
        )
    this_year = world.today.year
    for municipality in world.places.municipalities.values():
        if (municipality, this_year) not in groups:
            ReferenceCounter.objects.filter(municipality=municipality, year=this_year).update(
                last_value=counters.get((municipality.pk, this_year), 0)
            )
    Concern.objects.bulk_update(concerns, ["reference"], batch_size=500)
