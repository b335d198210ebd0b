"""The steps of who works on an action (the assigned officer, the body's focal points): start,
report progress, complete. A progress update may carry a short public summary, in the
municipality's official languages, that the reporter sees and is emailed."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from concerns.attachments import CheckedUpload
from concerns.services import tracking_path
from notifications.services import absolute_url, queue_email
from policing import policies
from policing.models import ActionEvent, FollowUpAction, ProgressAttachment, ProgressUpdate
from policing.services.events import (
    ActionNotAllowed,
    lock_action,
    move,
    record_event,
    refuse_transition,
)
from publictexts.text import as_plain_text, texts_of

Status = FollowUpAction.Status
Kind = ActionEvent.Kind


def _require_worker(user, action: FollowUpAction) -> None:
    if not policies.can_record_progress(user, action):
        raise PermissionDenied(
            _("Only the assigned officer, the body's focal points or the commander may do this.")
        )


def _write_update(
    locked: FollowUpAction,
    *,
    by,
    text: str,
    public_summary: dict | None,
    visible_to_reporter: bool,
    attachments: Sequence[CheckedUpload],
    text_field: str,
) -> ProgressUpdate:
    text = (text or "").strip()
    if not text:
        raise ValidationError({text_field: _("Write what was done.")})
    summary = texts_of(public_summary)
    if visible_to_reporter:
        if locked.concern_id is None:
            raise ValidationError(
                {"visible_to_reporter": _("This action has no concern, so no reporter to tell.")}
            )
        if not summary:
            raise ValidationError(
                {"public_summary": _("Write the short summary the reporter will see.")}
            )
    update = ProgressUpdate.objects.create(
        action=locked,
        author=by,
        text=text,
        is_public=visible_to_reporter,
        public_summary=summary if visible_to_reporter else {},
    )
    for upload in attachments:
        ProgressAttachment.objects.create(
            update=update,
            file=upload.as_file(),
            content_type=upload.content_type,
            size=upload.size,
            original_name=upload.original_name[:200],
            sha256=upload.sha256,
        )
    if visible_to_reporter:
        _tell_reporter(locked, update)
    return update


def _tell_reporter(action: FollowUpAction, update: ProgressUpdate) -> None:
    concern = action.concern
    if not (concern.reporter_email and concern.consent_to_contact):
        return
    with translation.override(concern.language):
        context = {
            "concern": concern,
            "summary": as_plain_text(
                update.public_summary,
                language=concern.language,
                official=concern.municipality.official_languages,
            ),
            "tracking_url": absolute_url(tracking_path(concern)),
        }
        subject = render_to_string("policing/email/progress_subject.txt", context).strip()
        body = render_to_string("policing/email/progress.txt", context)
    queue_email(to=concern.reporter_email, subject=subject, body=body, concern=concern)


@transaction.atomic
def start_work(action: FollowUpAction, *, by, note: str = "") -> FollowUpAction:
    _require_worker(by, action)
    return move(action, Status.IN_PROGRESS, by=by, kind=Kind.STARTED, note=(note or "").strip())


@transaction.atomic
def record_progress(
    action: FollowUpAction,
    *,
    by,
    text: str,
    public_summary: dict | None = None,
    visible_to_reporter: bool = False,
    attachments: Sequence[CheckedUpload] = (),
) -> ProgressUpdate:
    """A progress note (with photos or PDFs); the status stays as it is."""
    _require_worker(by, action)
    locked = lock_action(action)
    if not locked.is_active:
        raise ActionNotAllowed(
            _("An action that is “%(status)s” gets no more progress updates.")
            % {"status": locked.get_status_display()}
        )
    update = _write_update(
        locked,
        by=by,
        text=text,
        public_summary=public_summary,
        visible_to_reporter=visible_to_reporter,
        attachments=attachments,
        text_field="text",
    )
    locked.save(update_fields=["updated_at"])
    record_event(locked, Kind.PROGRESS, by=by, from_status=locked.status, update=update)
    action.refresh_from_db()
    return update


@transaction.atomic
def complete_action(
    action: FollowUpAction,
    *,
    by,
    outcome: str,
    public_summary: dict | None = None,
    visible_to_reporter: bool = False,
    attachments: Sequence[CheckedUpload] = (),
) -> FollowUpAction:
    """Done, with the outcome; the commander (or co-chair) then verifies it."""
    _require_worker(by, action)
    locked = lock_action(action)
    refuse_transition(locked, Status.COMPLETED)
    update = _write_update(
        locked,
        by=by,
        text=outcome,
        public_summary=public_summary,
        visible_to_reporter=visible_to_reporter,
        attachments=attachments,
        text_field="outcome",
    )
    return move(
        action,
        Status.COMPLETED,
        by=by,
        kind=Kind.COMPLETED,
        update=update,
        locked=locked,
        completed_at=timezone.now(),
        completed_by=by,
    )
