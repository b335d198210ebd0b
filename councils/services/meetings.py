"""A meeting's life before the minutes: schedule, publish the agenda, hold, attendance, cancel."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils import invitations, policies, selectors
from councils.models import Attendance, Council, CouncilEvent, Meeting
from councils.services.agenda import carry_pending, snapshot_figures, start_agenda
from councils.services.common import (
    MeetingRuleError,
    lock_council,
    lock_meeting,
    record,
    require,
    require_status,
)

Status = Meeting.Status


def _check_time(council: Council, planned_at: datetime, *, exclude: int | None = None) -> None:
    if planned_at <= timezone.now():
        raise ValidationError({"planned_at": _("A meeting cannot be planned in the past.")})
    overlapping = (
        Meeting.objects.filter(council=council)
        .exclude(status=Status.CANCELLED)
        .exclude(pk=exclude)
        .filter(
            planned_at__gt=planned_at - selectors.MEETING_LENGTH,
            planned_at__lt=planned_at + selectors.MEETING_LENGTH,
        )
        .first()
    )
    if overlapping:
        raise ValidationError(
            {
                "planned_at": _("The council already meets at %(time)s, too close to this.")
                % {
                    "time": timezone.localtime(overlapping.planned_at, council.zone).strftime(
                        "%Y-%m-%d %H:%M"
                    )
                }
            }
        )


@transaction.atomic
def schedule_meeting(
    council: Council, *, by, kind: str, planned_at: datetime, place: str = ""
) -> Meeting:
    """Plan a meeting; its draft agenda starts with the standard items and carried ones."""
    require(policies.can_manage_meetings(by, council))
    council = lock_council(council)
    if not council.is_active:
        raise MeetingRuleError(_("This council is not active."))
    _check_time(council, planned_at)
    meeting = Meeting.objects.create(
        council=council, kind=kind, planned_at=planned_at, place=place, created_by=by
    )
    start_agenda(meeting)
    record(CouncilEvent.Kind.SCHEDULED, council=council, meeting=meeting, by=by)
    return meeting


@transaction.atomic
def reschedule_meeting(meeting: Meeting, *, by, planned_at: datetime, place: str) -> Meeting:
    require(policies.can_manage_meetings(by, meeting.council))
    lock_council(meeting.council_id)
    meeting = lock_meeting(meeting)
    require_status(meeting, (Status.PLANNED,), _("Only a planned meeting can be moved."))
    _check_time(meeting.council, planned_at, exclude=meeting.pk)
    meeting.planned_at, meeting.place = planned_at, place
    meeting.save(update_fields=["planned_at", "place", "updated_at"])
    record(CouncilEvent.Kind.RESCHEDULED, council=meeting.council, meeting=meeting, by=by)
    if meeting.agenda_is_published:
        invitations.queue_invitations(meeting, update=True)
    return meeting


@transaction.atomic
def publish_agenda(meeting: Meeting, *, by) -> Meeting:
    """The agenda goes to the members (email in their language with a calendar invitation,
    after commit) and to the public for public meetings; residents see the date."""
    require(policies.can_manage_meetings(by, meeting.council))
    meeting = lock_meeting(meeting)
    require_status(meeting, (Status.PLANNED,), _("Only a planned meeting's agenda is published."))
    if meeting.agenda_is_published:
        raise MeetingRuleError(_("The agenda is published already."))
    if meeting.planned_at <= timezone.now():
        raise MeetingRuleError(_("The meeting's time has passed: move it first."))
    if not meeting.agenda_items.exists():
        raise MeetingRuleError(_("The agenda has no items yet."))
    meeting.agenda_published_at = timezone.now()
    meeting.save(update_fields=["agenda_published_at", "updated_at"])
    snapshot_figures(meeting)
    record(CouncilEvent.Kind.AGENDA_PUBLISHED, council=meeting.council, meeting=meeting, by=by)
    invitations.queue_invitations(meeting)
    return meeting


@transaction.atomic
def hold_meeting(meeting: Meeting, *, by, held_at: datetime | None = None) -> Meeting:
    require(policies.can_manage_meetings(by, meeting.council))
    meeting = lock_meeting(meeting)
    if meeting.status == Status.CANCELLED:
        raise MeetingRuleError(_("This meeting was cancelled: it cannot be recorded as held."))
    require_status(meeting, (Status.PLANNED,), _("This meeting is recorded as held already."))
    held_at = held_at or min(meeting.planned_at, timezone.now())
    if held_at > timezone.now():
        raise ValidationError({"held_at": _("A meeting cannot be recorded as held in advance.")})
    meeting.status, meeting.held_at = Status.HELD, held_at
    meeting.save(update_fields=["status", "held_at", "updated_at"])
    snapshot_figures(meeting)
    record(CouncilEvent.Kind.HELD, council=meeting.council, meeting=meeting, by=by)
    return meeting


@transaction.atomic
def record_attendance(
    meeting: Meeting, *, by, statuses: dict[int, str], guests: list[tuple[str, str]]
) -> Meeting:
    """Who was there: each member current on the meeting's day, plus guests. Quorum follows."""
    require(policies.can_manage_meetings(by, meeting.council))
    meeting = lock_meeting(meeting)
    if meeting.status == Status.CANCELLED:
        raise MeetingRuleError(_("This meeting was cancelled: nothing can be recorded for it."))
    require_status(
        meeting,
        Meeting.EDITABLE_MINUTES,
        _("Attendance is recorded once the meeting is held and until the minutes are approved."),
    )
    day = timezone.localtime(meeting.held_at, meeting.zone).date()
    members = {m.pk: m for m in selectors.members_on(meeting.council_id, day)}
    strangers = [pk for pk in statuses if pk not in members]
    if strangers:
        raise ValidationError(
            _("Only members of the council on %(day)s can be recorded as attending.")
            % {"day": day.isoformat()}
        )
    valid = set(Attendance.Status.values)
    if any(status not in valid for status in statuses.values()):
        raise ValidationError(_("Choose present, excused or absent."))
    meeting.attendance.all().delete()
    rows = [
        Attendance(meeting=meeting, membership_id=pk, status=status)
        for pk, status in statuses.items()
    ]
    rows += [
        Attendance(meeting=meeting, guest_name=name.strip()[:200], guest_organisation=org[:200])
        for name, org in guests
        if name.strip()
    ]
    Attendance.objects.bulk_create(rows)
    voting = [m for m in members.values() if m.counts_for_quorum]
    present = sum(1 for m in voting if statuses.get(m.pk) == Attendance.Status.PRESENT)
    meeting.members_current = len(voting)
    meeting.members_present = present
    meeting.quorum_required = selectors.quorum_for(meeting.council, len(voting))
    meeting.save(
        update_fields=["members_current", "members_present", "quorum_required", "updated_at"]
    )
    record(
        CouncilEvent.Kind.ATTENDANCE,
        council=meeting.council,
        meeting=meeting,
        by=by,
        note=_("%(present)d of %(current)d members present; quorum %(quorum)d")
        % {"present": present, "current": len(voting), "quorum": meeting.quorum_required},
    )
    return meeting


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, by, reason: str) -> Meeting:
    """Its items go back to the pool: concerns stay marked for the agenda, carried items move
    to the next draft agenda."""
    require(policies.can_manage_meetings(by, meeting.council))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the meeting is cancelled.")})
    lock_council(meeting.council_id)
    meeting = lock_meeting(meeting)
    require_status(meeting, (Status.PLANNED,), _("Only a planned meeting can be cancelled."))
    meeting.status, meeting.cancel_reason = Status.CANCELLED, reason
    meeting.save(update_fields=["status", "cancel_reason", "updated_at"])
    record(
        CouncilEvent.Kind.CANCELLED, council=meeting.council, meeting=meeting, by=by, note=reason
    )
    target = selectors.next_draft_meeting(meeting.council_id, after=meeting.planned_at)
    if target is not None:
        carry_pending(target)
    if meeting.agenda_is_published:
        invitations.queue_invitations(meeting, cancelled=True)
    return meeting
