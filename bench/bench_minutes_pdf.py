"""How long the PDF of published minutes with 40 items takes, and the page's query count.

    .venv/bin/python bench/bench_minutes_pdf.py [ITEMS] [RUNS]

Runs on a throwaway SQLite database (the PDF time is WeasyPrint's, not the database's); prints
the median and slowest time of the PDF and the public page, and the number of queries.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(items: int = 40, runs: int = 5) -> None:
    workdir = tempfile.mkdtemp(prefix="csc-bench-pdf-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["CSC_VAR_DIR"] = workdir
    os.environ["STATIC_MANIFEST"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from councils.models import AgendaItem, Attendance, Decision, Meeting, Membership
    from tests.factories import CouncilFactory, MembershipFactory, MunicipalityFactory

    council = CouncilFactory(
        municipality=MunicipalityFactory(code="IST", official_languages=["sq", "sr-latn"])
    )
    members = [MembershipFactory(council=council, represents=f"NGO {i}") for i in range(25)]
    now = timezone.now()
    meeting = Meeting.objects.create(
        council=council,
        planned_at=now - timedelta(days=10),
        held_at=now - timedelta(days=10),
        status=Meeting.Status.PUBLISHED,
        minutes_approved_at=now - timedelta(days=3),
        published_at=now - timedelta(days=1),
        members_current=25,
        members_present=20,
        quorum_required=13,
        public_summary={"sq": "Përmbledhje e mbledhjes.", "sr-latn": "Rezime sednice."},
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=m, status="present") for m in members
    )
    for position in range(1, items + 1):
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=f"Pika {position}: ndriçimi, rrugët, qentë endacakë",
            public_summary={
                "sq": "Këshilli diskutoi çështjen. " * 4,
                "sr-latn": "Savet je razgovarao. " * 4,
            },
        )
        Decision.objects.create(
            agenda_item=item,
            text="Internal",
            public_text={
                "sq": "Komuna vepron brenda muajit.",
                "sr-latn": "Opština deluje u roku od mesec dana.",
            },
        )
    assert Membership.objects.count() == 25
    client = Client(HTTP_ACCEPT_LANGUAGE="sq", HTTP_HOST="localhost")
    for label, url in (
        ("public page", f"/councils/meetings/{meeting.pk}/"),
        ("PDF", f"/councils/meetings/{meeting.pk}/pdf/"),
    ):
        client.get(url)  # warm up: templates, fonts
        times = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        print(
            f"{label:12s} {items} items: median {statistics.median(times) * 1000:7.1f} ms, "
            f"slowest {max(times) * 1000:7.1f} ms, {len(queries)} queries, "
            f"{len(response.content) // 1024} KiB"
        )


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
