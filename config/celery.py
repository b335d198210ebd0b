"""The Celery app: one worker pool for emails and reminders, one beat for periodic scans."""

import os
from pathlib import Path

from celery import Celery, signals
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("csc_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    # A task is acknowledged after it ran, so a worker killed mid-task leaves it for another.
    # Every task is idempotent (the outbox and reminder rows decide what was sent): a rerun
    # sends only what the killed worker had not marked sent (notifications.services.deliver).
    task_acks_late=True,
    # With acks_late, a worker lost mid-task gives its message back instead of dropping it.
    task_reject_on_worker_lost=True,
    # One message at a time per process: long sends don't hold short ones hostage.
    worker_prefetch_multiplier=1,
    # A stuck SMTP server must not hold a worker forever: soft limit raises in the task,
    # the hard limit kills the process.
    task_soft_time_limit=60,
    task_time_limit=90,
    # Nobody reads task results; state lives in the database.
    task_ignore_result=True,
    result_backend=None,
    # The broker may come up after the worker (docker-compose, a reboot): keep trying.
    broker_connection_retry_on_startup=True,
    # Give a caller (runserver's on_commit) a quick failure instead of hanging when Redis is
    # down; the outbox sweep sends what could not be queued.
    broker_connection_timeout=3,
    # One quick retry when publishing: a resident's request must not wait on a dead broker.
    task_publish_retry_policy={
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.2,
    },
    task_default_queue="csc",
)

# Seconds between reminder scans; read here, not from settings (this module loads with them).
REMINDER_SCAN_SECONDS = float(os.environ.get("CSC_REMINDER_SCAN_SECONDS", "30"))

app.conf.beat_schedule = {
    # Beat schedules it, a worker runs it: /healthz reads its timestamp.
    # A tick that waited in the queue (worker down) is dropped, not counted late.
    "heartbeat": {
        "task": "notifications.tasks.heartbeat",
        "schedule": 15.0,
        "options": {"expires": 45},
    },
    # Emails whose queueing failed (broker down at commit time) are sent from the outbox.
    "deliver-pending-emails": {
        "task": "notifications.tasks.deliver_pending_emails",
        "schedule": 60.0,
    },
    # Reminders and escalations (reminders/scan.py): cheap when nothing new is due, so it runs
    # often; a run that overlaps the next decides nothing twice.
    "scan-reminders": {
        "task": "reminders.tasks.scan_reminders",
        "schedule": REMINDER_SCAN_SECONDS,
        "options": {"expires": REMINDER_SCAN_SECONDS * 2},
    },
    "purge-staged-uploads": {
        "task": "concerns.tasks.purge_staged_uploads",
        "schedule": crontab(minute="*/30"),
    },
    # Background exports past their expiry are removed with their files.
    "purge-expired-exports": {
        "task": "exports.tasks.purge_expired_exports",
        "schedule": crontab(minute="*/15"),
    },
    "purge-old-sent-emails": {
        "task": "notifications.tasks.purge_sent_emails",
        "schedule": crontab(hour=3, minute=17),
    },
    # The monthly concern figures are refreshed on every commit; this catches what bypassed
    # save() and repairs it (monitoring/monthly/__init__.py).
    "check-monthly-figures": {
        "task": "monitoring.tasks.check_monthly_figures",
        "schedule": crontab(hour=2, minute=41),
    },
}

app.autodiscover_tasks()


# /healthz counts only a tick newer than the last start (and stop) of a worker and of beat:
# after a restart, the previous run's tick proves nothing about the new processes.
@signals.worker_ready.connect
def _worker_started(**kwargs) -> None:
    from notifications.models import Heartbeat
    from notifications.services import record_process_event

    record_process_event(Heartbeat.WORKER_STARTED)


@signals.worker_shutdown.connect
def _worker_stopped(**kwargs) -> None:
    from notifications.models import Heartbeat
    from notifications.services import record_process_event

    record_process_event(Heartbeat.WORKER_STOPPED)


@signals.beat_init.connect
def _beat_started(**kwargs) -> None:
    from notifications.models import Heartbeat
    from notifications.services import record_process_event

    record_process_event(Heartbeat.BEAT_STARTED)


def ensure_broker_folders() -> None:
    """The filesystem transport needs its folders to exist before a worker starts."""
    options = app.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
