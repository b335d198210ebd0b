"""Demo concerns, submitted and worked through the real services, then spread over 18 months.

Every concern goes through ``concerns.services`` as its council's secretary, so its events are
the ones the application writes. The services stamp everything "now"; afterwards the events are
moved back in time, in their order, from the concern's planned date of receipt, and the
references renumbered so that year and sequence follow the dates.
"""

from collections import defaultdict

from concerns.models import Concern, ReferenceCounter
from demo.concerns.dating import backdate, renumber
from demo.concerns.plans import plan_concerns
from demo.concerns.safe_contact import add_safe_contact
from demo.concerns.stories import submit, work
from demo.world import World

__all__ = ["build_concerns"]


def build_concerns(world: World, count: int) -> list[Concern]:
    counters = {
        (c.municipality_id, c.year): c.last_value
        for c in ReferenceCounter.objects.filter(
            municipality__in=world.places.municipalities.values()
        )
    }
    by_council: dict[int, list[Concern]] = defaultdict(list)
    concerns = []
    plans = plan_concerns(world, count)
    add_safe_contact(plans)
    for plan in plans:
        story = submit(world, plan)
        work(story, plan, by_council)
        backdate(story, plan)
        by_council[story.concern.council_id].append(story.concern)
        concerns.append(story.concern)
    renumber(world, concerns, counters)
    return concerns
