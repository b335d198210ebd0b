"""What Istog's plan and its priorities share: texts in the two official languages, a meeting's
decision, events moved back to the day they belong to."""

from datetime import timedelta

from councils.models import AgendaItem, Decision, Meeting
from demo.world import World
from plans.models import PlanEvent


def both(sq: str, sr: str) -> dict:
    return {"sq": sq, "sr-latn": sr}


def add_decision(
    world: World, meeting: Meeting, kind: str, text: str, public_text: dict
) -> Decision:
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=meeting.agenda_items.count() + 1,
        kind=AgendaItem.Kind.FREE,
        title=text[:250],
        discussion="The council discussed the proposal item by item.",
    )
    decision = Decision.objects.create(
        agenda_item=item,
        kind=kind,
        text=text,
        public_text=public_text,
        created_by=world.secretary(meeting.council_id),
    )
    world.backdate(decision, created_at=meeting.held_at + timedelta(days=1))
    return decision


def backdate_events(world: World, *, at, plan=None, priority=None) -> None:
    events = (
        PlanEvent.objects.filter(plan=plan) if plan else PlanEvent.objects.filter(priority=priority)
    )
    for offset, event in enumerate(events.order_by("id")):
        world.backdate(event, created_at=min(at + timedelta(hours=offset), world.now))
