"""The secretary's transitions of a concern: one function each."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerns import policies
from concerns.models import (
    Category,
    Concern,
    ConcernEvent,
    Priority,
)
from concerns.services.events import (
    TransitionNotAllowed,
    as_public_text,
    change_status,
    lock_concern,
    queue_reporter_email,
    record_event,
)
from councils.models import Council
from policing.models import FollowUpAction

Status = Concern.Status


def _require_manager(user, concern: Concern) -> None:
    if not policies.can_manage_concern(user, concern):
        raise PermissionDenied(_("Only the council's secretary may do this."))


@transaction.atomic
def triage_concern(
    concern: Concern,
    *,
    by,
    category: Category,
    priority: str = Priority.NORMAL,
    council: Council | None = None,
    note: str = "",
) -> Concern:
    """Accept a concern for work: confirm its category, set a priority and the council."""
    _require_manager(by, concern)
    council = council or concern.council
    if council.pk != concern.council_id and (
        council.municipality_id != concern.municipality_id or not council.is_active
    ):
        raise ValidationError({"council": _("Choose an active council of the same municipality.")})
    changes = {"category": category, "priority": priority, "council": council}
    if concern.triaged_at is None:
        changes["triaged_at"] = timezone.now()
    return change_status(concern, Status.TRIAGED, by=by, note=note, **changes)


@transaction.atomic
def reclassify_concern(
    concern: Concern, *, by, category: Category, priority: str, note: str = ""
) -> Concern:
    """Correct the category or priority of a concern already in work (no status change)."""
    _require_manager(by, concern)
    locked = lock_concern(concern)
    if not locked.is_open or locked.status == Status.NEW:
        raise TransitionNotAllowed(_("Only concerns in work can be reclassified; triage it first."))
    changes = []
    if locked.category_id != category.pk:
        changes.append(_("category %(old)s → %(new)s") % {"old": locked.category, "new": category})
    if locked.priority != priority:
        changes.append(
            _("priority %(old)s → %(new)s")
            % {"old": locked.get_priority_display(), "new": Priority(priority).label}
        )
    if not changes:
        return locked
    locked.category, locked.priority = category, priority
    locked.save(update_fields=["category", "priority", "updated_at"])
    record_event(
        locked,
        ConcernEvent.Kind.UPDATED,
        by=by,
        note="; ".join(changes) + (f"\n{note}" if note else ""),
        public=False,
    )
    concern.refresh_from_db()
    return locked


@transaction.atomic
def reject_concern(concern: Concern, *, by, reason: str | dict) -> Concern:
    """``reason``: ``{language: text}`` in the official languages (a string: the first one)."""
    _require_manager(by, concern)
    reason = as_public_text(reason, concern)
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the concern is rejected; the reporter sees it.")}
        )
    return change_status(
        concern, Status.REJECTED, by=by, public_text=reason, rejection_reason=reason
    )


@transaction.atomic
def mark_duplicate(concern: Concern, *, by, original: Concern, note: str | dict = "") -> Concern:
    """Merge into ``original``; the reporter's page points there, with ``note`` (for the
    reporter, in the official languages). Concerns that were already merged into this one
    follow it to the original."""
    _require_manager(by, concern)
    # Lock both rows in id order: two secretaries merging A→B and B→A cannot make a cycle.
    locked = {
        c.pk: c
        for c in Concern.objects.select_for_update()
        .filter(pk__in=[concern.pk, original.pk])
        .order_by("pk")
    }
    original = locked.get(original.pk, original)
    if original.status == Status.DUPLICATE:
        # Point at the concern that is really followed, never at another duplicate.
        original = original.duplicate_of
    if original.pk == concern.pk:
        raise ValidationError({"original": _("A concern cannot duplicate itself.")})
    if not policies.can_view_concern(by, original):
        raise ValidationError({"original": _("No concern with that reference in your councils.")})
    merged = change_status(
        concern,
        Status.DUPLICATE,
        by=by,
        public_text=as_public_text(note, concern),
        duplicate_of=original,
    )
    Concern.objects.filter(duplicate_of=merged).update(duplicate_of=original)
    return merged


@transaction.atomic
def refer_to_parent_council(concern: Concern, *, by, note: str = "") -> Concern:
    """A local council sends an unresolved concern up to its municipal council."""
    _require_manager(by, concern)
    locked = lock_concern(concern)
    target = locked.council.referral_target
    if target is None:
        raise ValidationError(_("Only a local council's concerns can be referred up."))
    if not locked.is_open:
        raise TransitionNotAllowed(_("Only open concerns can be referred."))
    from_council = locked.council
    locked.council = target
    locked.save(update_fields=["council", "updated_at"])
    # The public event carries no text (the page words it in the reader's language);
    # the secretary's note stays internal.
    record_event(locked, ConcernEvent.Kind.REFERRED, by=by, public=True)
    if note:
        record_event(
            locked,
            ConcernEvent.Kind.NOTE,
            by=by,
            note=_("Referred from %(from)s: %(note)s") % {"from": from_council, "note": note},
            public=False,
        )
    concern.refresh_from_db()
    return locked


@transaction.atomic
def put_on_agenda(concern: Concern, *, by, note: str = "") -> Concern:
    _require_manager(by, concern)
    return change_status(concern, Status.ON_AGENDA, by=by, note=note)


@transaction.atomic
def start_action(concern: Concern, *, by, note: str = "") -> Concern:
    """The concern has follow-up actions under way (called when the first action is created):
    by its secretary, a commander of a police unit of its municipality, or whoever created one
    of its actions (a co-chair for a partner body)."""
    if not (
        policies.can_manage_concern(by, concern)
        or policies.commands_unit_in(by, concern.municipality_id)
        and policies.can_view_concern(by, concern)
        or concern.actions.filter(created_by=by).exists()
    ):
        raise PermissionDenied(_("You may not start actions on this concern."))
    return change_status(concern, Status.IN_ACTION, by=by, note=note)


@transaction.atomic
def resolve_concern(concern: Concern, *, by, public_response: str | dict) -> Concern:
    """``public_response``: what was done, ``{language: text}`` in the official languages (a
    string: the first one); shown on the tracking page and in the reporter's email."""
    _require_manager(by, concern)
    public_response = as_public_text(public_response, concern)
    if not public_response:
        raise ValidationError(
            {"public_response": _("Tell the reporter what was done; the answer is public.")}
        )
    lock_concern(concern)  # no action can be created for it between this check and the change
    open_actions = concern.actions.filter(status__in=FollowUpAction.ACTIVE_STATUSES).count()
    if open_actions:
        raise TransitionNotAllowed(
            _("%(count)d follow-up action(s) of this concern are not completed yet.")
            % {"count": open_actions}
        )
    return change_status(
        concern,
        Status.RESOLVED,
        by=by,
        public_text=public_response,
        public_response=public_response,
        resolved_at=timezone.now(),
    )


@transaction.atomic
def close_concern(concern: Concern, *, by, note: str = "") -> Concern:
    _require_manager(by, concern)
    return change_status(concern, Status.CLOSED, by=by, note=note, closed_at=timezone.now())


@transaction.atomic
def reopen_concern(concern: Concern, *, by, reason: str) -> Concern:
    """Back to work: reopened, then triaged again (DOMAIN: reopened goes back to triaged)."""
    _require_manager(by, concern)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the concern is reopened.")})
    change_status(
        concern,
        Status.REOPENED,
        by=by,
        note=reason,
        tell_reporter=False,
        resolved_at=None,
        closed_at=None,
    )
    return change_status(concern, Status.TRIAGED, by=by)


@transaction.atomic
def add_internal_note(concern: Concern, *, by, text: str) -> ConcernEvent:
    """Secretary's note, or a member's comment: staff only, never shown to the reporter."""
    if policies.can_manage_concern(by, concern):
        kind = ConcernEvent.Kind.NOTE
    elif policies.can_comment(by, concern):
        kind = ConcernEvent.Kind.COMMENT
    else:
        raise PermissionDenied(_("You may not comment on this concern."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note first.")})
    return record_event(concern, kind, by=by, note=text, public=False)


@transaction.atomic
def post_public_update(concern: Concern, *, by, text: str | dict) -> ConcernEvent:
    """A message to the reporter that keeps the status ("the police visited the street on
    Monday"): a public event on the tracking page, emailed to a reporter who agreed to be
    contacted, in their language. The secretary only."""
    if not policies.can_post_public_update(by, concern):
        raise PermissionDenied(_("Only the council's secretary may write to the reporter."))
    locked = lock_concern(concern)
    text = as_public_text(text, locked)
    if not text:
        raise ValidationError({"text": _("Write the message first.")})
    event = record_event(
        locked, ConcernEvent.Kind.PUBLIC_UPDATE, by=by, public=True, public_text=text
    )
    if locked.may_be_emailed:
        queue_reporter_email(locked, "public_update", event=event)
    return event
