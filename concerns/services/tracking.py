"""The secretary's help with tracking codes, for residents who reported by phone, at the desk or
at a meeting: a printed slip, an SMS text, the code or the link by email, a new code.

Only a hash of a code is stored (concerns/tracking_codes.py), so a code can be shown only in
the response that creates it: issuing a code shows it once, with the slip and the SMS text;
printing the slip or emailing it later needs that code sent back, and is refused for any other.
Each step is an internal event on the concern's timeline.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from concerns import policies, tracking_codes
from concerns.models import Concern, ConcernEvent
from concerns.services.events import code_path, lock_concern, queue_reporter_email, record_event
from notifications.services import absolute_url

SMS_LIMIT = 160


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Only the council's secretary may do this."))


def _require_code(concern: Concern, code: str) -> str:
    if not concern.check_tracking_code(code):
        raise ValidationError(
            _("This code is no longer valid for the concern: a newer one was issued.")
        )
    return tracking_codes.grouped(code)


def _log(concern: Concern, *, by, note: str) -> ConcernEvent:
    return record_event(concern, ConcernEvent.Kind.TRACKING, by=by, note=note, public=False)


@transaction.atomic
def issue_tracking_code(concern: Concern, *, by) -> str:
    """A new random code for the concern, returned grouped (``K7QM-3ZTD-9WXA``); the previous
    code stops working at once. The links in emails already sent keep working."""
    _require(policies.can_issue_tracking_code(by, concern))
    locked = lock_concern(concern)
    code = tracking_codes.new_code()
    locked.tracking_code_hash = tracking_codes.hash_code(code)
    locked.save(update_fields=["tracking_code_hash", "updated_at"])
    _log(
        locked,
        by=by,
        note=_(
            "A new tracking code was issued and shown with its slip and SMS text; the previous "
            "code no longer works."
        ),
    )
    concern.refresh_from_db()
    return tracking_codes.grouped(code)


@transaction.atomic
def note_code_given_at_entry(concern: Concern, *, by) -> None:
    """Staff who entered a concern for a resident saw its code with the slip and SMS text."""
    _require(policies.can_issue_tracking_code(by, concern))
    _log(
        concern,
        by=by,
        note=_(
            "The tracking code was shown with its slip and SMS text when the concern was entered."
        ),
    )


@transaction.atomic
def print_tracking_slip(concern: Concern, *, by, code: str) -> str:
    _require(policies.can_issue_tracking_code(by, concern))
    grouped = _require_code(concern, code)
    _log(concern, by=by, note=_("A tracking slip was printed."))
    return grouped


@transaction.atomic
def email_tracking_code(concern: Concern, *, by, code: str) -> None:
    """The code just issued, to the reporter's own address (if they agreed to be contacted)."""
    _require(policies.can_issue_tracking_code(by, concern))
    grouped = _require_code(concern, code)
    if not concern.may_be_emailed:
        raise ValidationError(
            _("The reporter left no email address or did not agree to be contacted.")
        )
    queue_reporter_email(
        concern,
        "tracking_code",
        tracking_code=grouped,
        code_url=absolute_url(code_path(concern, grouped)),
    )
    _log(concern, by=by, note=_("The tracking code was emailed to the reporter."))


@transaction.atomic
def resend_tracking_link(concern: Concern, *, by) -> None:
    """The reference and the tracking link (which works whatever code was issued since), to
    the reporter's own address: for a resident who lost the first email."""
    _require(policies.can_manage_concern(by, concern))
    if not concern.may_be_emailed:
        raise ValidationError(
            _("The reporter left no email address or did not agree to be contacted.")
        )
    queue_reporter_email(concern, "tracking_link")
    _log(concern, by=by, note=_("The tracking link was emailed to the reporter again."))


def sms_text(concern: Concern, code: str) -> str:
    """A text of at most 160 characters, in the reporter's language, to send from a phone:
    the reference, the code and the page that opens with them."""
    grouped = tracking_codes.grouped(code)
    with translation.override(concern.language):
        text = _("%(reference)s, code %(code)s. Follow your concern: %(url)s") % {
            "reference": concern.reference,
            "code": grouped,
            "url": absolute_url(code_path(concern, grouped)),
        }
        if len(text) > SMS_LIMIT:  # a long site address: the code without the link
            text = _("Your concern %(reference)s, tracking code %(code)s.") % {
                "reference": concern.reference,
                "code": grouped,
            }
    return text[:SMS_LIMIT]
