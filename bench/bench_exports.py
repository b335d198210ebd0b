"""List exports at scale: the streamed inbox file at the background threshold, and a background
export of a whole large inbox (time, rows per second, queries, the worker's peak memory).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_exports.py [N]

Creates (once) a database ``csc_bench_exports`` beside the one in DATABASE_URL and fills it to
N concerns (default 100 000) of one council, then, as its secretary:
- streams ``?export=csv`` of CSC_EXPORT_BACKGROUND_ROWS rows (5 000 by default), three times;
- runs the background task's service for the whole inbox once, CSV then XLSX.
"""

import os
import resource
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = "csc_bench_exports"


def bench_database_url() -> str:
    from bench.fill import bench_database_url as beside

    return beside("bench/bench_exports.py", DATABASE)


def fill(target: int):
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from concerns.models import Category, Channel, Concern, hash_tracking_token
    from councils.models import Council, Membership, Municipality, Person, Settlement

    istok, _ = Municipality.objects.get_or_create(code="IST", defaults={"name": "Istog"})
    council = Council.objects.get_or_create(
        level="municipal", municipality=istok, defaults={"name": "MCSC Istog"}
    )[0]
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
        Membership.objects.create(person=person, council=council, role="secretary")
    existing = Concern.objects.count()
    statuses = [s for s in Concern.Status.values if s != "duplicate"]
    batch = []
    started = time.perf_counter()
    for i in range(existing, target):
        key = uuid.uuid4()
        batch.append(
            Concern(
                reference=f"IST-B-{i:07d}",
                tracking_token_hash=hash_tracking_token(key.hex),
                submission_key=key,
                municipality=istok,
                council=council,
                category=categories[i % len(categories)],
                description=f"Street lights out near the school, report {i}, since last week.",
                settlement=settlements[i % 8],
                channel=Channel.values[i % len(Channel.values)],
                language="sq",
                status=statuses[i % len(statuses)],
                rejection_reason={"en": "bench"}
                if statuses[i % len(statuses)] == "rejected"
                else {},
                priority=("low", "normal", "high", "urgent")[i % 4],
                reporter_name="Bench Reporter",
            )
        )
        if len(batch) == 5000:
            Concern.objects.bulk_create(batch)
            batch = []
    if batch:
        Concern.objects.bulk_create(batch)
    if target > existing:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE concerns_concern SET created_at = %s - (id %% 540) * interval '1 day'",
                [timezone.now()],
            )
            cursor.execute("ANALYZE")
        print(f"filled {target - existing} concerns in {time.perf_counter() - started:.1f}s")
    return user


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    os.environ["DATABASE_URL"] = bench_database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / "var" / "bench-media"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from concerns.models import Concern
    from exports import services
    from exports.models import Export

    call_command("migrate", verbosity=0)
    user = fill(target)
    threshold = settings.CSC["EXPORT_BACKGROUND_ROWS"]
    total = Concern.objects.count()
    print(f"{total} concerns, all visible to the secretary; background above {threshold} rows")

    # The streamed file at the threshold: a period holding about that many rows.
    newest = list(
        Concern.objects.order_by("-created_at").values_list("created_at", flat=True)[:threshold]
    )
    since = (
        timezone.localtime(newest[-1]).date() + timedelta(days=1)
        if len(newest) == threshold
        else None
    )
    params = {"export": "csv"}
    if since:
        params["received_from"] = since.isoformat()
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    timings, first_bytes = [], []
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            response = client.get("/staff/concerns/", params)
            if response.status_code != 200:
                print(f"streamed export answered {response.status_code} (over the threshold)")
                break
            content = iter(response.streaming_content)
            next(content)
            first_bytes.append((time.perf_counter() - t0) * 1000)
            rows = sum(chunk.count(b"\n") for chunk in content)
            timings.append((time.perf_counter() - t0) * 1000)
    if timings:
        print(
            f"streamed CSV, {rows} rows: {len(queries)} queries, first byte "
            f"{statistics.median(first_bytes):.0f} ms, whole file median "
            f"{statistics.median(timings):.0f} ms (max {max(timings):.0f})"
        )

    for fmt in ("csv", "xlsx"):
        export = Export.objects.create(
            requested_by=user,
            list_name="concerns.inbox",
            params={},
            format=fmt,
            language="en",
            expires_at=timezone.now() + services.keep_for(),
        )
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            state = services.build_export(export.pk)
            seconds = time.perf_counter() - t0
        export.refresh_from_db()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            f"background {fmt}: {state}, {export.rows_done} rows in {seconds:.1f} s "
            f"({export.rows_done / seconds:.0f} rows/s), {len(queries)} queries "
            f"(progress updates included), {export.file.size / 1e6:.1f} MB, "
            f"peak RSS +{(rss_after - rss_before) / 1024:.0f} MB"
        )
        services.purge_expired_exports()
        export.file.delete(save=False)
        export.delete()


if __name__ == "__main__":
    main()
