"""Background exports: asked for from a list page, written by a task, downloaded by the one
who asked, removed when they expire.

The task is idempotent: each run takes the export over with a new token, and writes progress,
the file and the end state only while its token is the export's. A run started again (a worker
lost mid-file, acks_late gives the message back) restarts the file; the run it replaced, if
still alive, stops at its next progress update and removes what it wrote.
"""

import hashlib
import logging
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation

from exports import formats, lists
from exports.models import Export

logger = logging.getLogger(__name__)

# Params that choose the file or the page, not the rows.
NOT_FILTERS = ("export", "page")


def background_threshold() -> int:
    return settings.CSC["EXPORT_BACKGROUND_ROWS"]


def keep_for() -> timedelta:
    return timedelta(hours=settings.CSC["EXPORT_KEEP_HOURS"])


def filters_of(params: QueryDict) -> dict[str, list[str]]:
    return {key: values for key, values in params.lists() if key not in NOT_FILTERS}


def as_query(params: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, list(values))
    return query


def request_export(
    spec: lists.ListExport, *, by, params: QueryDict, fmt: str, language: str
) -> Export:
    """Queue the file of ``spec``'s rows for ``params``; the task starts after commit.

    The same file asked for again while it is being written (a second click, a reload of the
    link) is that export, not one more task for the workers."""
    fields = {
        "requested_by": by,
        "scope_digest": scope_digest(by),
        "list_name": spec.name,
        "params": filters_of(params),
        "format": fmt if fmt in Export.Format.values else Export.Format.CSV,
        "language": language,
    }
    with transaction.atomic():
        waiting = (
            Export.objects.select_for_update()
            .filter(
                **fields,
                status__in=(Export.Status.QUEUED, Export.Status.RUNNING),
                expires_at__gt=timezone.now(),
            )
            .first()
        )
        if waiting is not None:
            return waiting
        export = Export.objects.create(**fields, expires_at=timezone.now() + keep_for())
        transaction.on_commit(lambda: queue_build(export.pk))
    return export


def scope_digest(user) -> str:
    """A digest of what ``user`` may read now (their roles, councils, units, bodies): a file
    written for one scope is not handed over once it has changed (a secretary who left the
    council gets no more of its inbox)."""
    from dataclasses import fields

    from workspace.scopes import scope_of

    scope = scope_of(user)
    parts = []
    for field in fields(scope):
        value = getattr(scope, field.name)
        parts.append(f"{field.name}={sorted(value) if isinstance(value, frozenset) else value}")
    return hashlib.sha256(";".join(parts).encode()).hexdigest()


def queue_build(export_id: int) -> None:
    """Give the export to a worker; a broker that is down leaves it queued for the sweep."""
    from exports.tasks import build_export

    try:
        build_export.delay(export_id)
    except Exception:  # noqa: BLE001 - any broker error: the sweep queues it again
        logger.warning("export %s not queued (broker unreachable); the sweep retries", export_id)


class Superseded(Exception):
    """Another run of the same export took it over."""


class _Progress:
    def __init__(self, export_id: int, token: str, every: int):
        self.export_id = export_id
        self.token = token
        self.every = max(1, every)
        self.done = 0

    def save(self, **fields) -> None:
        if not Export.objects.filter(pk=self.export_id, run_token=self.token).update(**fields):
            raise Superseded

    def counting(self, lines: Iterable[list]) -> Iterator[list]:
        iterator = iter(lines)
        yield next(iterator)  # the header
        for line in iterator:
            yield line
            self.done += 1
            if self.done % self.every == 0:
                self.save(rows_done=self.done)


def _take_over(export_id: int) -> tuple[Export | None, str]:
    token = uuid.uuid4().hex
    with transaction.atomic():
        export = (
            Export.objects.select_for_update()
            .select_related("requested_by")
            .filter(pk=export_id)
            .first()
        )
        if export is None or export.is_finished or export.is_expired:
            return None, ""
        export.status = Export.Status.RUNNING
        export.run_token = token
        export.rows_done = 0
        export.save(update_fields=["status", "run_token", "rows_done"])
    return export, token


def build_export(export_id: int) -> str:
    """Write the export's file through the storage API (filesystem or S3-compatible bucket).
    Returns its end state ("" when there was nothing to do)."""
    export, token = _take_over(export_id)
    if export is None:
        return ""
    progress = _Progress(export.pk, token, settings.CSC["EXPORT_PROGRESS_EVERY"])
    name = ""
    try:
        spec = lists.get(export.list_name)
        if spec is None or not export.requested_by.is_active:
            raise LookupError(f"export {export.pk}: no list {export.list_name!r} or user inactive")
        with translation.override(export.language):
            items = spec.items(export.requested_by, as_query(export.params))
            progress.save(rows_total=lists.count(items))
            with tempfile.TemporaryFile() as file:
                rows = progress.counting(spec.lines(items))
                if export.format == Export.Format.XLSX and formats.xlsx_available():
                    formats.write_xlsx(rows, file, str(spec.title))
                    extension = "xlsx"
                else:
                    formats.write_csv(rows, file)
                    extension = "csv"
                file.seek(0)
                name = default_storage.save(f"exports/{export.pk}-{token}.{extension}", File(file))
        now = timezone.now()
        progress.save(
            status=Export.Status.DONE,
            file=name,
            rows_done=progress.done,
            finished_at=now,
            expires_at=now + keep_for(),
        )
        return Export.Status.DONE
    except Superseded:
        if name:
            default_storage.delete(name)
        return ""
    except Exception:
        logger.exception("export %s (%s) failed", export.pk, export.list_name)
        if name:
            default_storage.delete(name)
        try:
            progress.save(status=Export.Status.FAILED, finished_at=timezone.now())
        except Superseded:
            return ""
        return Export.Status.FAILED


def purge_expired_exports() -> int:
    """Remove expired exports and their files; queue again exports whose message was lost
    (still waiting after a few minutes: the broker was down when they were asked for)."""
    removed = 0
    for export in Export.objects.filter(expires_at__lte=timezone.now()).iterator():
        if export.file:
            try:
                default_storage.delete(export.file.name)
            except OSError:
                logger.exception("export %s: file %s not removed", export.pk, export.file.name)
                continue
        export.delete()
        removed += 1
    stale = timezone.now() - timedelta(minutes=5)
    for export_id in Export.objects.filter(
        status=Export.Status.QUEUED, created_at__lt=stale
    ).values_list("pk", flat=True):
        queue_build(export_id)
    return removed
