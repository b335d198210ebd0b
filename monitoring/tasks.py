from celery import shared_task

from monitoring.monthly import build


@shared_task(ignore_result=True, soft_time_limit=1800, time_limit=2000)
def check_monthly_figures() -> int:
    """Scheduled nightly by beat: recompute every council's monthly concern figures, log the
    (council, month) keys that drifted (a write that bypassed save(), a refresh that failed)
    and rebuild them. Idempotent; two runs at once wait for each other per council."""
    return sum(len(months) for months in build.check_and_repair(repair=True).values())
