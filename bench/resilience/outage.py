"""Redis stopped for the middle third of N submissions: statuses, concerns saved, emails sent."""

import tempfile
import time
from pathlib import Path


def outage(args) -> bool:
    from concerns.models import Category
    from councils.models import Council, Municipality
    from tests.factories import CategoryFactory, CouncilFactory, MunicipalityFactory
    from tests.resilience import run_outage
    from tests.workers import redis_server

    if not Council.objects.filter(level="municipal", municipality__code="IST").exists():
        municipality = Municipality.objects.filter(code="IST").first() or MunicipalityFactory(
            code="IST", name="Istog"
        )
        CouncilFactory(municipality=municipality, name="MCSC Istog")
    if not Category.objects.filter(is_active=True).exists():
        CategoryFactory(code="lighting")
    with tempfile.TemporaryDirectory() as folder, redis_server() as redis:
        email_dir = Path(folder) / "mail"
        email_dir.mkdir()
        started = time.perf_counter()
        run = run_outage(
            count=args.submissions,
            redis=redis,
            email_dir=email_dir,
            worker_log=Path(folder) / "worker.log",
            timeout=300,
        )
        seconds = time.perf_counter() - started
    print(
        f"== Redis stopped during submissions {args.submissions // 3}..{2 * (args.submissions // 3) - 1}"
    )
    print(
        f"submissions: {args.submissions} in {seconds:.1f} s (worker start and delivery included)"
    )
    print(f"status codes: {dict(sorted(run.statuses.items()))}")
    print(f"status codes while Redis was down: {dict(sorted(run.statuses_during_outage.items()))}")
    print(f"concerns saved: {run.saved}")
    print(
        f"acknowledgements sent (outbox rows): {run.sent_rows}; emails written by the worker: {run.emails}"
    )
    print(f"delivered {run.seconds_to_deliver:.1f} s after the last submission")
    print(f"references mailed more than once: {len(run.references_mailed_more_than_once)}")
    print(f"references never mailed: {len(run.references_never_mailed)}")
    fives = sum(n for code, n in run.statuses.items() if code >= 500)
    return (
        fives == 0
        and run.saved == args.submissions
        and run.emails == args.submissions
        and not run.references_mailed_more_than_once
        and not run.references_never_mailed
    )
