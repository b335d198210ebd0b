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

from concerns import tracking_codes
from concerns.explanations import explain_status
from concerns.models import (
    Concern,
    ConcernEvent,
)
from concerns.references import tracking_token_for
from notifications.services import absolute_url, queue_email
from publictexts.fields import validate_multilingual_text
from publictexts.languages import ordered
from publictexts.text import as_multilingual, texts_of


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


def code_path(concern: Concern, code: str) -> str:
    """The tracking page opened with the short code: what the slip, the SMS and the receipt
    link to (``/track/IST-2026-00042/K7QM-3ZTD-9WXA/``)."""
    return reverse(
        "public:track_concern",
        kwargs={"reference": concern.reference, "token": tracking_codes.grouped(code)},
    )


def queue_reporter_email(concern: Concern, template: str, **context) -> None:
    """An email to the reporter in the language they wrote in (public texts in that language,
    else the first official one, marked); written to the outbox, sent after commit."""
    with translation.override(concern.language):
        context = {
            "concern": concern,
            "explanation": explain_status(concern.status),
            "tracking_url": absolute_url(tracking_path(concern)),
            **context,
        }
        subject = render_to_string(f"concerns/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"concerns/email/{template}.txt", context)
    queue_email(to=concern.reporter_email, subject=subject, body=body, concern=concern)


def as_public_text(value: str | dict | None, concern: Concern) -> dict[str, str]:
    """A text for the reporter as stored: ``{code: text}`` in the official order. A plain string
    (older callers, the minutes' decision form) is taken as written in the municipality's first
    official language."""
    official = concern.municipality.official_languages
    if isinstance(value, str) or value is None:
        return as_multilingual(value, official[0])
    validate_multilingual_text(value)
    texts = texts_of(value)
    return {code: texts[code] for code in ordered(texts, official)}


def record_event(
    concern: Concern,
    kind: str,
    *,
    by,
    note: str = "",
    public: bool,
    public_text: dict | None = None,
) -> ConcernEvent:
    """An event that leaves the status as it is: a note, a comment, a referral, an update.
    ``note`` is staff's text; ``public_text`` what the reporter reads (public events only)."""
    return ConcernEvent.objects.create(
        concern=concern,
        kind=kind,
        actor=by,
        from_status=concern.status,
        to_status=concern.status,
        note=note,
        public_text=public_text or {},
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
    public_text: dict | None = None,
    tell_reporter: bool = True,
    **changes,
) -> Concern:
    """Lock, check the table, apply ``changes``, write the events, tell the reporter.

    The status change itself is always a public event (the tracking page shows the status
    anyway). ``note`` is internal (a separate event); ``public_text`` is what the form labels
    as shown to the reporter (a rejection reason, a duplicate's pointer, the public response),
    kept on the status event in every official language written.
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
        public_text=public_text or {},
        is_public=True,
    )
    if note:
        record_event(locked, ConcernEvent.Kind.NOTE, by=by, note=note, public=False)
    if tell_reporter and locked.may_be_emailed:
        queue_reporter_email(locked, "status_changed", public_text=public_text or {})
    concern.refresh_from_db()
    return locked
