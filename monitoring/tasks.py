from datetime import date

from celery import shared_task

from monitoring.monthly import build


@shared_task(ignore_result=True, soft_time_limit=600, time_limit=660)
def refresh_monthly_figures(keys: dict[str, list[str]], whole: list[int]) -> None:
    """Queued after a commit that touched concerns or actions: rebuild those (council, month)
    keys ({council id: [first days, ISO]}) and those councils whole. Idempotent."""
    build.refresh({int(c): {date.fromisoformat(m) for m in months} for c, months in keys.items()})
    if whole:
        build.rebuild(whole)


@shared_task(ignore_result=True, soft_time_limit=1800, time_limit=2000)
def check_monthly_figures() -> int:
    """Scheduled nightly by beat: recompute every council's monthly concern figures, log the
    (council, month) keys that drifted (a write that bypassed save(), a refresh that failed)
    and rebuild them. Idempotent; two runs at once wait for each other per council."""
    return sum(len(months) for months in build.check_and_repair(repair=True).values())
