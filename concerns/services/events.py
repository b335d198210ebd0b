"""Timeline events, the transition core and emails to the reporter, shared by every concern
service. Each public function of the package runs in one transaction, checks the policy and the
transition table, changes the concern, writes its ConcernEvent and queues the emails that follow,
after commit.
"""

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from concerns.models import (
    Concern,
    ConcernEvent,
)
from concerns.references import tracking_token_for
from notifications.services import absolute_url, queue_email


class TransitionNotAllowed(ValidationError):
    pass


def tracking_path(concern: Concern) -> str:
    """The citizen's bookmarkable tracking link (reference + token)."""
    return reverse(
        "public:track_concern",
        kwargs={
            "reference": concern.reference,
            "token": tracking_token_for(concern.submission_key),
        },
    )


def queue_reporter_email(concern: Concern, template: str) -> None:
    with translation.override(concern.language):
        context = {"concern": concern, "tracking_url": absolute_url(tracking_path(concern))}
        subject = render_to_string(f"concerns/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"concerns/email/{template}.txt", context)
    queue_email(to=concern.reporter_email, subject=subject, body=body, concern=concern)


def record_event(concern: Concern, kind: str, *, by, note: str = "", public: bool) -> ConcernEvent:
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


def lock_concern(concern: Concern) -> Concern:
    return Concern.objects.select_for_update().get(pk=concern.pk)


def change_status(
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
    locked = lock_concern(concern)
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
        record_event(locked, ConcernEvent.Kind.NOTE, by=by, note=note, public=False)
    if tell_reporter and locked.reporter_email and locked.consent_to_contact:
        queue_reporter_email(locked, "status_changed")
    concern.refresh_from_db()
    return locked
