"""Build the whole demo in one transaction; safe to run again."""

import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from concerns.models import Concern
from councils.models import Meeting
from demo.bodies import build_partner_bodies
from demo.categories import build_categories
from demo.concerns import build_concerns
from demo.meetings import build_meetings
from demo.open311 import build_open311, link_open311_concerns
from demo.people import build_memberships, build_officers, build_users
from demo.places import build_places, build_police_units
from demo.plans import build_plans
from demo.reports import build_reports
from demo.world import World
from monitoring.monthly.build import rebuild as rebuild_monthly_figures
from notifications.models import OutgoingEmail

SEED = 2026


@dataclass(frozen=True)
class Summary:
    created_activity: bool
    concerns: int
    meetings: int


@transaction.atomic
def seed_demo(*, concern_count: int = 300) -> Summary:
    """Places, people and categories are brought up to date by natural key on every run.

    Concerns, actions and meetings are written only when the demo municipalities have none yet:
    a second run changes nothing, and a database with real concerns there is never mixed with
    invented ones.
    """
    places = build_places()
    users = build_users()
    build_police_units(places, users)
    build_memberships(places, users, timezone.localdate())
    categories = build_categories()
    city_app = build_open311(places.municipalities, categories)
    world = World(
        places=places,
        users=users,
        categories=categories,
        officers=build_officers(places, users),
        rng=random.Random(SEED),
        clock=random.Random(SEED + 1),
        now=timezone.now(),
        today=timezone.localdate(),
        bodies=build_partner_bodies(places, users),
    )
    municipalities = places.municipalities.values()
    concerns = Concern.objects.filter(municipality__in=municipalities)
    meetings = Meeting.objects.filter(council__in=places.councils.values())
    if concerns.exists() or meetings.exists():
        return Summary(False, concerns.count(), meetings.count())

    last_email = OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    build_concerns(world, concern_count)
    link_open311_concerns(city_app)
    world.write_backdated()  # meetings find concerns and actions by their (backdated) dates
    build_meetings(world)
    world.write_backdated()
    # bulk_update sends no signal: the monthly figures the dashboards and reports read are
    # built once from the finished history (as manage.py rebuild_monitoring_figures would).
    rebuild_monthly_figures()
    build_plans(world)
    build_reports(world)
    # Reporter emails are set after the workflow so the services queue no mail; should a service
    # still queue one for the demo (e.g. to a staff address), drop it: no mail to invented people.
    OutgoingEmail.objects.filter(pk__gt=last_email, to__endswith="@example.org").delete()
    return Summary(True, concerns.count(), meetings.count())
