"""/healthz: is the database reachable, is the broker reachable, are worker and beat alive."""

import os
from datetime import timedelta

from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app as celery_app

# Beat schedules the heartbeat every 15 s: a minute without one means worker or beat is down.
HEARTBEAT_FRESH = timedelta(seconds=60)


def _check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 — reported, not raised
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor}


def _check_broker() -> dict:
    options = celery_app.conf.broker_transport_options or {}
    folder = options.get("data_folder_in")
    # The filesystem transport "connects" to anything; what matters is its folder.
    is_filesystem = celery_app.conf.broker_url.startswith("filesystem")
    if is_filesystem and folder and not os.access(folder, os.W_OK):
        return {"ok": False, "error": "BrokerFolderMissing"}
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
            transport = conn.transport_cls
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "transport": str(transport)}


def _check_worker() -> dict:
    """Alive: beat's tick ran in the last minute, after the latest start or stop of a worker
    and of beat (a tick from before a restart says nothing about the new processes)."""
    from notifications.models import Heartbeat

    names = [
        Heartbeat.TICK,
        Heartbeat.WORKER_STARTED,
        Heartbeat.WORKER_STOPPED,
        Heartbeat.BEAT_STARTED,
    ]
    try:
        seen = dict(Heartbeat.objects.filter(name__in=names).values_list("name", "seen_at"))
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "error": type(exc).__name__}
    tick = seen.get(Heartbeat.TICK)
    if tick is None:
        return {"ok": False, "last_seen": None}
    restarts = [seen[name] for name in names[1:] if name in seen]
    since = max(restarts) if restarts else None
    report = {
        "ok": timezone.now() - tick < HEARTBEAT_FRESH and (since is None or tick > since),
        "last_seen": tick.isoformat(),
    }
    if since is not None:
        report["restarted_at"] = since.isoformat()
    return report


@never_cache
@require_GET
def healthz(request):
    checks = {
        "database": _check_database(),
        "broker": _check_broker(),
    }
    if checks["database"]["ok"]:
        # Informative: a stopped worker delays emails and reminders but the site still serves.
        checks["worker"] = _check_worker()
    failing = [name for name in ("database", "broker") if not checks[name]["ok"]]
    body = {"status": "ok" if not failing else "unavailable", "checks": checks}
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)
