"""Every change to a concern: one function per transition.

Each runs in one transaction, checks the policy and the transition table, changes the concern,
writes its ConcernEvent and queues the emails that follow, after commit.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from concerns import policies
from concerns.attachments import CheckedUpload
from concerns.models import (
    Attachment,
    Category,
    Channel,
    Concern,
    ConcernEvent,
    IdentityDisclosure,
    Priority,
    hash_tracking_token,
)
from concerns.references import next_reference, tracking_token_for
from councils.models import Council, Municipality, Settlement
from notifications.services import absolute_url, queue_email
from policing.models import FollowUpAction

Status = Concern.Status


class TransitionNotAllowed(ValidationError):
    pass


@dataclass(frozen=True)
class Submission:
    """What a resident (or staff on their behalf) tells us."""

    municipality: Municipality
    category: Category
    description: str
    channel: str = Channel.WEB
    language: str = "en"
    settlement: Settlement | None = None
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    occurred_at: datetime | None = None
    is_anonymous: bool = False
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    consent_to_contact: bool = False
    council: Council | None = None

    @classmethod
    def from_form(cls, data: dict, **overrides) -> "Submission":
        """From a ConcernForm's cleaned_data (the public form and the staff form alike)."""
        fields = {
            name: data[name]
            for name in (
                "municipality",
                "category",
                "description",
                "settlement",
                "address",
                "latitude",
                "longitude",
                "occurred_at",
                "is_anonymous",
                "reporter_name",
                "reporter_phone",
                "reporter_email",
                "consent_to_contact",
            )
        }
        return cls(**{**fields, **overrides})


@dataclass(frozen=True)
class Receipt:
    concern: Concern
    tracking_token: str
    created: bool  # False when a resubmitted form returned the first concern


def responsible_council(municipality: Municipality, settlement: Settlement | None) -> Council:
    """The local council covering the settlement if there is one, else the municipal council."""
    if settlement is not None:
        local = (
            Council.objects.filter(
                level=Council.Level.LOCAL, is_active=True, settlements=settlement
            )
            .order_by("id")
            .first()
        )
        if local:
            return local
    council = (
        Council.objects.filter(
            level=Council.Level.MUNICIPAL, municipality=municipality, is_active=True
        )
        .order_by("id")
        .first()
    )
    if council is None:
        raise ValidationError(
            {"municipality": _("This municipality has no active council to receive concerns.")}
        )
    return council


def submit_concern(
    submission: Submission,
    *,
    uploads: list[CheckedUpload] = (),
    by=None,
    submission_key: uuid.UUID | None = None,
) -> Receipt:
    """Save a new concern with its reference, tracking token, attachments and first event.

    ``submission_key`` comes from the form: a second POST of the same form (double click,
    back button) returns the first concern instead of creating another.
    """
    submission_key = submission_key or uuid.uuid4()
    token = tracking_token_for(submission_key)
    existing = Concern.objects.filter(submission_key=submission_key).first()
    if existing:
        return Receipt(existing, token, False)
    if by is not None and submission.channel != Channel.WEB:
        council = submission.council or responsible_council(
            submission.municipality, submission.settlement
        )
        if not policies.can_enter_concern_for(by, council.pk):
            raise PermissionDenied(_("You may not enter concerns for this council."))
        if council.municipality_id != submission.municipality.pk:
            raise ValidationError(
                {"municipality": _("The council does not serve this municipality.")}
            )
    else:
        council = responsible_council(submission.municipality, submission.settlement)
    if (
        submission.settlement
        and submission.settlement.municipality_id != submission.municipality.pk
    ):
        raise ValidationError({"settlement": _("This place is not in the chosen municipality.")})

    anonymous = submission.is_anonymous
    stored_files: list = []
    try:
        with transaction.atomic():
            concern = Concern.objects.create(
                reference=next_reference(submission.municipality),
                tracking_token_hash=hash_tracking_token(token),
                municipality=submission.municipality,
                council=council,
                category=submission.category,
                description=submission.description.strip(),
                occurred_at=submission.occurred_at,
                settlement=submission.settlement,
                address=submission.address.strip(),
                latitude=submission.latitude,
                longitude=submission.longitude,
                channel=submission.channel,
                language=submission.language,
                is_anonymous=anonymous,
                reporter_name="" if anonymous else submission.reporter_name.strip(),
                reporter_phone="" if anonymous else submission.reporter_phone.strip(),
                reporter_email="" if anonymous else submission.reporter_email.strip(),
                consent_to_contact=False if anonymous else submission.consent_to_contact,
                submission_key=submission_key,
                entered_by=by,
            )
            for upload in uploads:
                attachment = Attachment.objects.create(
                    concern=concern,
                    file=upload.as_file(),
                    content_type=upload.content_type,
                    size=upload.size,
                    original_name=upload.original_name[:200],
                    sha256=upload.sha256,
                    uploaded_by=by,
                )
                stored_files.append(attachment.file)
            ConcernEvent.objects.create(
                concern=concern,
                kind=ConcernEvent.Kind.SUBMITTED,
                actor=by,
                to_status=Status.NEW,
                is_public=True,
                note="",
            )
            if concern.reporter_email:
                _queue_citizen_email(concern, "acknowledgement")
    except BaseException as exc:
        # Files are written to storage as the rows are: a rollback must not leave them behind.
        for stored in stored_files:
            stored.storage.delete(stored.name)
        if isinstance(exc, IntegrityError):
            # The same form raced itself (two clicks, two requests): the first one won.
            existing = Concern.objects.filter(submission_key=submission_key).first()
            if existing:
                return Receipt(existing, token, False)
        raise
    return Receipt(concern, token, True)


def tracking_path(concern: Concern) -> str:
    """The citizen's bookmarkable tracking link (reference + token)."""
    return reverse(
        "public:track_concern",
        kwargs={
            "reference": concern.reference,
            "token": tracking_token_for(concern.submission_key),
        },
    )


def _queue_citizen_email(concern: Concern, template: str) -> None:
    with translation.override(concern.language):
        context = {"concern": concern, "tracking_url": absolute_url(tracking_path(concern))}
        subject = render_to_string(f"concerns/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"concerns/email/{template}.txt", context)
    queue_email(to=concern.reporter_email, subject=subject, body=body, concern=concern)


def _record(concern: Concern, kind: str, *, by, note: str = "", public: bool) -> ConcernEvent:
    """An event that leaves the status as it is: a note, a comment, a referral, an update."""
    return ConcernEvent.objects.create(
        concern=concern,
        kind=kind,
        actor=by,
        from_status=concern.status,
        to_status=concern.status,
        note=note,
        is_public=public,
    )


def _lock(concern: Concern) -> Concern:
    return Concern.objects.select_for_update().get(pk=concern.pk)


def _transition(
    concern: Concern,
    to_status: str,
    *,
    by,
    note: str = "",
    public_note: bool = False,
    tell_reporter: bool = True,
    **changes,
) -> Concern:
    """Lock, check the table, apply ``changes``, write the events, tell the reporter.

    The status change itself is always a public event (the tracking page shows the status
    anyway). Its note is internal (a separate event) unless ``public_note``: only texts that
    the form labels as shown to the reporter are public (a rejection reason, a duplicate's
    pointer); the public response is shown from the concern itself.
    """
    locked = _lock(concern)
    if not locked.can_transition_to(to_status):
        raise TransitionNotAllowed(
            _("A concern that is “%(from)s” cannot become “%(to)s”.")
            % {
                "from": locked.get_status_display(),
                "to": Concern.Status(to_status).label,
            }
        )
    from_status = locked.status
    locked.status = to_status
    for field, value in changes.items():
        setattr(locked, field, value)
    # Field validation only: the database enforces the check constraints, and validating them
    # here would cost one SELECT each on every transition.
    locked.full_clean(exclude=["category", "council", "municipality"], validate_constraints=False)
    locked.save()
    ConcernEvent.objects.create(
        concern=locked,
        kind=ConcernEvent.Kind.STATUS,
        actor=by,
        from_status=from_status,
        to_status=to_status,
        note=note if public_note else "",
        is_public=True,
    )
    if note and not public_note:
        _record(locked, ConcernEvent.Kind.NOTE, by=by, note=note, public=False)
    if tell_reporter and locked.reporter_email and locked.consent_to_contact:
        _queue_citizen_email(locked, "status_changed")
    concern.refresh_from_db()
    return locked


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
    return _transition(concern, Status.TRIAGED, by=by, note=note, **changes)


@transaction.atomic
def reclassify_concern(
    concern: Concern, *, by, category: Category, priority: str, note: str = ""
) -> Concern:
    """Correct the category or priority of a concern already in work (no status change)."""
    _require_manager(by, concern)
    locked = _lock(concern)
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
    _record(
        locked,
        ConcernEvent.Kind.UPDATED,
        by=by,
        note="; ".join(changes) + (f"\n{note}" if note else ""),
        public=False,
    )
    concern.refresh_from_db()
    return locked


@transaction.atomic
def reject_concern(concern: Concern, *, by, reason: str) -> Concern:
    _require_manager(by, concern)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the concern is rejected; the reporter sees it.")}
        )
    return _transition(
        concern, Status.REJECTED, by=by, note=reason, public_note=True, rejection_reason=reason
    )


@transaction.atomic
def mark_duplicate(concern: Concern, *, by, original: Concern, note: str = "") -> Concern:
    """Merge into ``original``; the reporter's page points there. Concerns that were already
    merged into this one follow it to the original."""
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
    merged = _transition(
        concern, Status.DUPLICATE, by=by, note=note, public_note=True, duplicate_of=original
    )
    Concern.objects.filter(duplicate_of=merged).update(duplicate_of=original)
    return merged


@transaction.atomic
def refer_to_parent_council(concern: Concern, *, by, note: str = "") -> Concern:
    """A local council sends an unresolved concern up to its municipal council."""
    _require_manager(by, concern)
    locked = _lock(concern)
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
    _record(locked, ConcernEvent.Kind.REFERRED, by=by, public=True)
    if note:
        _record(
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
    return _transition(concern, Status.ON_AGENDA, by=by, note=note)


@transaction.atomic
def start_action(concern: Concern, *, by, note: str = "") -> Concern:
    """The concern has follow-up actions under way (called when the first action is created):
    by its secretary, or by a commander of a police unit of its municipality."""
    if not (
        policies.can_manage_concern(by, concern)
        or policies.commands_unit_in(by, concern.municipality_id)
        and policies.can_view_concern(by, concern)
    ):
        raise PermissionDenied(_("You may not start actions on this concern."))
    return _transition(concern, Status.IN_ACTION, by=by, note=note)


@transaction.atomic
def resolve_concern(concern: Concern, *, by, public_response: str) -> Concern:
    _require_manager(by, concern)
    public_response = (public_response or "").strip()
    if not public_response:
        raise ValidationError(
            {"public_response": _("Tell the reporter what was done; the answer is public.")}
        )
    _lock(concern)  # no action can be created for it between this check and the change
    open_actions = concern.actions.filter(status__in=FollowUpAction.ACTIVE_STATUSES).count()
    if open_actions:
        raise TransitionNotAllowed(
            _("%(count)d follow-up action(s) of this concern are not completed yet.")
            % {"count": open_actions}
        )
    return _transition(
        concern,
        Status.RESOLVED,
        by=by,
        note="",
        public_response=public_response,
        resolved_at=timezone.now(),
    )


@transaction.atomic
def close_concern(concern: Concern, *, by, note: str = "") -> Concern:
    _require_manager(by, concern)
    return _transition(concern, Status.CLOSED, by=by, note=note, closed_at=timezone.now())


@transaction.atomic
def reopen_concern(concern: Concern, *, by, reason: str) -> Concern:
    """Back to work: reopened, then triaged again (DOMAIN: reopened goes back to triaged)."""
    _require_manager(by, concern)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the concern is reopened.")})
    _transition(
        concern,
        Status.REOPENED,
        by=by,
        note=reason,
        tell_reporter=False,
        resolved_at=None,
        closed_at=None,
    )
    return _transition(concern, Status.TRIAGED, by=by)


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
    return _record(concern, kind, by=by, note=text, public=False)


@transaction.atomic
def reveal_reporter_identity(concern: Concern, *, by, ip_address: str | None = None) -> dict:
    """The reporter's contact details, for the secretary only; every reveal is logged."""
    if not policies.can_see_reporter_identity(by, concern):
        raise PermissionDenied(_("Reporter identity is withheld."))
    IdentityDisclosure.objects.create(concern=concern, user=by, ip_address=ip_address)
    return {
        "name": concern.reporter_name,
        "phone": concern.reporter_phone,
        "email": concern.reporter_email,
        "consent_to_contact": concern.consent_to_contact,
    }
