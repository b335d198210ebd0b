from celery import shared_task

from reminders import scan


@shared_task(ignore_result=True, soft_time_limit=120, time_limit=150)
def scan_reminders() -> dict[str, int]:
    """Scheduled by beat. Idempotent: a second run, or two at once, decides nothing twice (the
    rows' unique keys); a broker outage makes it fail loudly after its rows are committed."""
    return scan.run_scan().counts()
