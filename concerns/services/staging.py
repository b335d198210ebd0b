"""Uploads kept between tries of the concern form.

A browser cannot put a chosen file back into a form, so a form sent back with errors would
silently lose its photos. The checked files (metadata already removed) are kept in storage for a
short while, bound to the form's submission key, and offered again on the re-rendered form.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from concerns.attachments import CheckedUpload
from concerns.models import StagedUpload


def _oldest_kept():
    return timezone.now() - timedelta(hours=settings.CSC["STAGED_UPLOAD_HOURS"])


def staged_uploads(submission_key: uuid.UUID | None) -> list[StagedUpload]:
    """The files still kept for this form, oldest first."""
    if submission_key is None:
        return []
    return list(
        StagedUpload.objects.filter(submission_key=submission_key, created_at__gte=_oldest_kept())
    )


def stage_uploads(*, submission_key: uuid.UUID, uploads: list[CheckedUpload]) -> list[StagedUpload]:
    staged = []
    for upload in uploads:
        staged.append(
            StagedUpload.objects.create(
                submission_key=submission_key,
                file=upload.as_file(),
                content_type=upload.content_type,
                size=upload.size,
                original_name=upload.original_name[:200],
            )
        )
    return staged


def as_checked_upload(staged: StagedUpload) -> CheckedUpload:
    with staged.file.open("rb") as handle:
        content = handle.read()
    return CheckedUpload(content, staged.content_type, staged.original_name)


def discard_staged_uploads(rows) -> int:
    """Delete the rows, and their files once the deletion is committed."""
    rows = list(rows)
    names = [(row.file.storage, row.file.name) for row in rows]
    StagedUpload.objects.filter(pk__in=[row.pk for row in rows]).delete()

    def delete_files():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return len(rows)


def purge_staged_uploads() -> int:
    """Files kept longer than ``STAGED_UPLOAD_HOURS``: the resident did not come back."""
    return discard_staged_uploads(StagedUpload.objects.filter(created_at__lt=_oldest_kept()))


def keep_for_next_try(
    *, submission_key: uuid.UUID, kept: list[StagedUpload], new: list[CheckedUpload]
) -> list[StagedUpload]:
    """The form came back with errors: drop the kept files the resident removed, keep the new
    checked ones, and return the list to offer again."""
    discard_staged_uploads(
        StagedUpload.objects.filter(submission_key=submission_key).exclude(
            pk__in=[row.pk for row in kept]
        )
    )
    return kept + stage_uploads(submission_key=submission_key, uploads=new)


def discard_all_for(submission_key: uuid.UUID) -> int:
    """The concern was saved: nothing of this form needs keeping."""
    return discard_staged_uploads(StagedUpload.objects.filter(submission_key=submission_key))
