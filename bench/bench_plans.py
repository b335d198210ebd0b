"""A council's action plan at the size of a real one: the public plan page and the progress page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_plans.py \\
        [--objectives 20] [--per-objective 5] [--actions-per-activity 3] [--rounds 15]

Creates (once, then kept) a database ``$BENCH_DATABASE`` (default ``csc_bench_plans``) beside
the one in DATABASE_URL with a council, its police unit and partner bodies, and 20 000 actions
of the council that serve no plan. Then (each run, replacing the last run's plan) an action
plan: N objectives with M activities each (default 20 × 5 = 100), each activity with its
follow-up actions linked (verified, in progress, open, and every fourth one cancelled) and
three indicator values, adopted by a meeting's decision and a co-chair's signature, the same
way the services do it. Each page is requested in-process with Django's test client, once to
warm up and then ``--rounds`` times, and the query count, p50 and p95 are printed; also the
report's "Safety action plan" section (``plans.reporting.plan_section``) for the year.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BACKGROUND_ACTIONS = 20_000
PLAN_TITLE = {"sq": "Plani i veprimit (bench)", "sr-latn": "Akcioni plan (bench)"}


def bench_database_url() -> str:
    from bench.fill import bench_database_url as beside

    return beside("bench/bench_plans.py", "csc_bench_plans")


def person_in(council, username: str, role: str):
    from accounts.models import User
    from councils.models import Membership, Person

    user, created = User.objects.get_or_create(username=username)
    if created:
        person = Person.objects.create(full_name=username, user=user)
        Membership.objects.create(
            person=person, council=council, role=role, start_date=date(2020, 1, 1)
        )
    return user


def build_council():
    """The council, its people and bodies, and the actions that serve no plan (once)."""
    from councils.models import Council, Municipality
    from policing.models import FollowUpAction, PartnerBody, PoliceUnit

    istog, _ = Municipality.objects.get_or_create(
        code="IST",
        defaults={
            "name": "Istog",
            "official_languages": ["sq", "sr-latn"],
            "time_zone": "Europe/Belgrade",
        },
    )
    council, _ = Council.objects.get_or_create(
        level=Council.Level.MUNICIPAL, municipality=istog, defaults={"name": "MCSC Istog"}
    )
    unit, _ = PoliceUnit.objects.get_or_create(municipality=istog, name="Istog police station")
    bodies = [
        PartnerBody.objects.get_or_create(municipality=istog, name=name)[0]
        for name in ("Public services", "Roads", "Education", "Social welfare")
    ]
    people = {
        "secretary": person_in(council, "bench.secretary", "secretary"),
        "co_chair": person_in(council, "bench.cochair", "co_chair"),
        "member": person_in(council, "bench.member", "member"),
    }
    existing = FollowUpAction.objects.filter(council=council).count()
    if existing < BACKGROUND_ACTIONS:
        today = date.today()
        FollowUpAction.objects.bulk_create(
            (
                FollowUpAction(
                    title=f"Background action {i}",
                    council=council,
                    responsible_unit=unit if i % 3 else None,
                    responsible_body=None if i % 3 else bodies[i % len(bodies)],
                    due_date=today - timedelta(days=i % 400),
                )
                for i in range(existing, BACKGROUND_ACTIONS)
            ),
            batch_size=5000,
        )
    return council, unit, bodies, people


def build_plan(council, unit, bodies, people, *, objectives, per_objective, actions_each):
    """The plan of this run: drafted, carried out and adopted through the services where a
    rule applies, with bulk inserts for the rows themselves."""
    from django.db import transaction
    from django.utils import timezone

    from councils import services as council_services
    from councils.models import AgendaItem, Meeting
    from plans import services
    from plans.models import (
        Activity,
        ActivityLink,
        IndicatorValue,
        Objective,
        PlanRevision,
        SafetyPlan,
    )
    from policing.models import FollowUpAction

    Status = FollowUpAction.Status
    secretary, co_chair = people["secretary"], people["co_chair"]
    old = SafetyPlan.objects.filter(council=council)
    ActivityLink.objects.filter(activity__objective__plan__in=old).delete()
    FollowUpAction.objects.filter(council=council, title__startswith="Plan action").delete()
    PlanRevision.objects.filter(plan__in=old).delete()
    old.update(adoption_decision=None)
    Meeting.objects.filter(council=council).delete()  # their items and decisions
    old.delete()  # objectives, activities, values, events

    today = timezone.localdate()
    year = today.year
    with transaction.atomic():
        plan = services.create_plan(
            council,
            by=secretary,
            title=PLAN_TITLE,
            starts_on=date(year, 1, 1),
            ends_on=date(year, 12, 31),
        )
        rows = Objective.objects.bulk_create(
            Objective(
                plan=plan,
                position=i + 1,
                title={"sq": f"Objektivi {i + 1}", "sr-latn": f"Cilj {i + 1}"},
            )
            for i in range(objectives)
        )
        activities = Activity.objects.bulk_create(
            Activity(
                objective=objective,
                position=j + 1,
                title={
                    "sq": f"Aktiviteti {i + 1}.{j + 1}",
                    "sr-latn": f"Aktivnost {i + 1}.{j + 1}",
                },
                responsible_unit=unit if j % 2 == 0 else None,
                responsible_body=None if j % 2 == 0 else bodies[(i + j) % len(bodies)],
                starts_on=date(year, 1 + (i + j) % 6, 1),
                ends_on=date(year, 6 + (i + j) % 7, 28),
                budget_line=f"Municipal budget {year}, 13100" if j % 2 else "",
                indicator={"sq": "Numri", "sr-latn": "Broj"},
                baseline=Decimal(i % 5),
                target=Decimal(10 + i % 5),
            )
            for i, objective in enumerate(rows)
            for j in range(per_objective)
        )
        now = timezone.now()
        cycle = [Status.VERIFIED, Status.IN_PROGRESS, Status.OPEN, Status.CANCELLED]
        actions = []
        for index, activity in enumerate(activities):
            for k in range(actions_each):
                status = cycle[(index + k) % len(cycle)]
                actions.append(
                    FollowUpAction(
                        title=f"Plan action {index}.{k}",
                        council=council,
                        responsible_unit=unit,
                        due_date=activity.ends_on,
                        status=status,
                        completed_at=now if status == Status.VERIFIED else None,
                        verified_at=now if status == Status.VERIFIED else None,
                        cancel_reason="bench" if status == Status.CANCELLED else "",
                    )
                )
        actions = FollowUpAction.objects.bulk_create(actions)
        ActivityLink.objects.bulk_create(
            ActivityLink(activity=activities[n // actions_each], action=action, linked_by=secretary)
            for n, action in enumerate(actions)
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                activity=activity,
                value=activity.baseline + step * 2,
                measured_on=min(today, date(year, 1, 1) + timedelta(days=40 * step)),
                source="bench",
                recorded_by=secretary,
            )
            for activity in activities
            for step in (1, 2, 3)
        )
        meeting = Meeting.objects.create(
            council=council,
            planned_at=now - timedelta(days=3),
            held_at=now - timedelta(days=3),
            status=Meeting.Status.HELD,
            place="Municipal assembly hall",
        )
        item = AgendaItem.objects.create(meeting=meeting, position=1, kind="free", title="Plan")
    council_services.record_decision(
        item, by=secretary, kind="plan_adoption", text="The plan is adopted.", plan=plan
    )
    services.adopt_plan(plan, by=co_chair)
    return plan, len(activities), len(actions)


def timed(rounds: int, request) -> tuple[int, float, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request()  # warm-up: the scope, the session and the translations as on a steady server
    timings = []
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            request()
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return len(captured), statistics.median(timings), p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objectives", type=int, default=20)
    parser.add_argument("--per-objective", type=int, default=5)
    parser.add_argument("--actions-per-activity", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = bench_database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from plans.reporting import plan_section

    setup_test_environment()  # emails stay in memory; the test client's host is allowed
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    council, unit, bodies, people = build_council()
    plan, activities, actions = build_plan(
        council,
        unit,
        bodies,
        people,
        objectives=args.objectives,
        per_objective=args.per_objective,
        actions_each=args.actions_per_activity,
    )
    print(
        f"plan of {args.objectives} objectives, {activities} activities, {actions} linked actions "
        f"(built in {time.perf_counter() - started:.1f} s)",
        flush=True,
    )

    def page(path: str, user=None):
        client = Client()
        if user is not None:
            client.force_login(user)

        def request():
            response = client.get(path)
            if response.status_code != 200:
                sys.exit(f"{path} answered {response.status_code}")

        return request

    year = plan.starts_on.year
    scenarios = [
        ("public plan page (anonymous)", page(reverse("plans:public_plan", args=[plan.pk]))),
        (
            "progress page (secretary)",
            page(reverse("plans:plan", args=[plan.pk]), people["secretary"]),
        ),
        ("progress page (member)", page(reverse("plans:plan", args=[plan.pk]), people["member"])),
        (
            "report section (plan_section)",
            lambda: plan_section(council, date(year, 1, 1), date(year, 12, 31)),
        ),
    ]
    print(f"{'page':32} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for name, request in scenarios:
        queries, p50, p95 = timed(args.rounds, request)
        print(f"{name:32} {queries:>7} {p50:>8.1f} {p95:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
