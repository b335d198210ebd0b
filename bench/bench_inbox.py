"""The secretary's inbox at scale: query count and response time with N concerns.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_inbox.py [N]

Creates (once) a database ``csc_bench`` beside the one in DATABASE_URL, fills it to N concerns
(default 100 000) spread over three councils, then requests the inbox as the Istog secretary
with several filter combinations and prints the query count and the median / p95 time.
"""

import os
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bench_database_url() -> str:
    from bench.fill import bench_database_url as beside

    return beside("bench/bench_inbox.py", "csc_bench")


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    os.environ["DATABASE_URL"] = bench_database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import User
    from concerns.models import Category, Channel, Concern, hash_tracking_token
    from councils.models import Council, Membership, Municipality, Person, Settlement

    call_command("migrate", verbosity=0)
    istok, _ = Municipality.objects.get_or_create(code="IST", defaults={"name": "Istog"})
    peja, _ = Municipality.objects.get_or_create(code="PEJ", defaults={"name": "Pejë"})
    councils = [
        Council.objects.get_or_create(
            level="municipal", municipality=m, defaults={"name": f"MCSC {m.name}"}
        )[0]
        for m in (istok, peja)
    ]
    settlements = [
        Settlement.objects.get_or_create(municipality=istok, name=f"Village {i}")[0]
        for i in range(8)
    ]
    categories = [
        Category.objects.get_or_create(code=code, defaults={"name": code.title()})[0]
        for code in ("drugs", "traffic-safety", "public-order", "property-crime", "other")
    ]
    user, created = User.objects.get_or_create(username="bench.secretary")
    if created:
        person = Person.objects.create(full_name="Bench Secretary", user=user)
        Membership.objects.create(person=person, council=councils[0], role="secretary")

    import random

    rng = random.Random(2026)
    syllables = [
        "ka",
        "ri",
        "mo",
        "ve",
        "lu",
        "sa",
        "te",
        "no",
        "pi",
        "da",
        "ro",
        "bi",
        "ze",
        "fa",
        "gu",
    ]
    vocabulary = [
        "speeding",
        "school",
        "lights",
        "broken",
        "dogs",
        "park",
        "drugs",
        "night",
        "fight",
        "graffiti",
        "road",
        "bridge",
    ]
    vocabulary += ["".join(rng.sample(syllables, 3)) for _ in range(2000)]
    existing = Concern.objects.count()
    now = timezone.now()
    statuses = [s for s in Concern.Status.values if s != "duplicate"]
    batch = []
    started = time.perf_counter()
    for i in range(existing, target):
        council = councils[i % 5 == 0]
        key = uuid.uuid4()
        batch.append(
            Concern(
                reference=f"{'PEJ' if council is councils[1] else 'IST'}-B-{i:07d}",
                tracking_token_hash=hash_tracking_token(key.hex),
                submission_key=key,
                municipality=council.municipality,
                council=council,
                category=categories[i % len(categories)],
                description=" ".join(rng.choices(vocabulary, k=25)),
                settlement=settlements[i % 8] if council is councils[0] else None,
                channel=Channel.values[i % len(Channel.values)],
                language="sq",
                status=statuses[i % len(statuses)],
                rejection_reason="bench" if statuses[i % len(statuses)] == "rejected" else "",
                priority=("low", "normal", "high", "urgent")[i % 4],
            )
        )
        if len(batch) == 5000:
            Concern.objects.bulk_create(batch)
            batch = []
    if batch:
        Concern.objects.bulk_create(batch)
    if target > existing:
        # Spread the receipt dates over 18 months.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE concerns_concern SET created_at = %s - (id %% 540) * interval '1 day'",
                [now],
            )
            cursor.execute("ANALYZE")
        print(f"filled {target - existing} concerns in {time.perf_counter() - started:.1f}s")

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    scenarios = {
        "default (newest first)": {},
        "open, page 40": {"status": "open", "page": 40},
        "category + settlement": {"category": categories[1].pk, "settlement": settlements[3].pk},
        "date range + channel": {
            "received_from": (now - timedelta(days=90)).date().isoformat(),
            "channel": "phone",
        },
        "waiting for triage": {"waiting": "on"},
        "search 'graffiti bridge'": {"q": "graffiti bridge"},
        "search reference": {"q": "IST-B-0004"},
        "sort by priority": {"sort": "priority"},
    }
    total = Concern.objects.count()
    print(
        f"inbox of the Istog secretary, {total} concerns in the database "
        f"({Concern.objects.filter(council=councils[0]).count()} visible to them)"
    )
    print(f"{'scenario':28} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
    for name, params in scenarios.items():
        timings = []
        for _ in range(15):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.get("/staff/concerns/", params)
                timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.status_code
        timings.sort()
        print(
            f"{name:28} {len(queries):>7} {statistics.median(timings):>10.1f} "
            f"{timings[int(len(timings) * 0.95) - 1]:>8.1f}"
        )


if __name__ == "__main__":
    main()
