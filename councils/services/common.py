"""What every council service shares: locking, events, the rule errors users read."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from councils.models import Council, CouncilEvent, Meeting


class MeetingRuleError(ValidationError):
    """A change the meeting's state does not allow: shown to the user, nothing changed."""


def lock_meeting(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("council__municipality")
        .get(pk=meeting.pk)
    )


def lock_council(council: Council | int) -> Council:
    """Serializes the changes that look at a council's meetings together (scheduling, carrying
    deferred items): two secretaries' tabs cannot both pass the overlap check."""
    pk = council if isinstance(council, int) else council.pk
    return Council.objects.select_for_update(of=("self",)).select_related("municipality").get(pk=pk)


def record(
    kind: str, *, council: Council | int, by, meeting: Meeting | None = None, note: str = ""
) -> CouncilEvent:
    council_id = council if isinstance(council, int) else council.pk
    return CouncilEvent.objects.create(
        council_id=council_id, meeting=meeting, kind=kind, actor=by, note=note
    )


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("Only the council's secretary may do this."))


def require_status(meeting: Meeting, allowed: tuple[str, ...], message: str) -> None:
    if meeting.status not in allowed:
        raise MeetingRuleError(message)


def refuse_cancelled(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise MeetingRuleError(_("This meeting was cancelled: nothing can be recorded for it."))
