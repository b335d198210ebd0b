"""What the secretary and co-chairs do to a meeting, declared once and served by one view.

The meeting page offers these (``meeting_transitions.available_for``); ``councils/urls.py``
serves them at ``councils:meeting_transition``; the services are the ones tests and the admin use.
"""

from datetime import datetime, time

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils import policies, services
from councils.forms import HoldForm, ReasonForm, RescheduleForm
from councils.models import Meeting
from transitions import Transition, TransitionSet

Status = Meeting.Status


def _meeting_for_staff(request, pk: int) -> Meeting:
    meeting = (
        policies.meetings_for_staff(request.user)
        .select_related("council__municipality")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


meeting_transitions = TransitionSet(
    namespace="councils",
    url_name="meeting_transition",
    route="staff/meetings/<int:pk>/do/<transition_name:name>/",
    get_object=_meeting_for_staff,
    redirect_to=lambda meeting: reverse("councils:meeting", args=[meeting.pk]),
    version=lambda meeting: meeting.updated_at.isoformat(),
)


def _manages(user, meeting: Meeting) -> bool:
    return policies.can_manage_meetings(user, meeting.council)


def _reschedule(meeting: Meeting, *, by, data: dict) -> None:
    planned_at = timezone.make_aware(datetime.combine(data["day"], data["start"]), meeting.zone)
    services.reschedule_meeting(meeting, by=by, planned_at=planned_at, place=data["place"])


def _hold(meeting: Meeting, *, by, data: dict) -> None:
    held_at = None
    if data.get("held_on"):
        held_at = timezone.make_aware(
            datetime.combine(data["held_on"], meeting.local_planned_at.time() or time(12)),
            meeting.zone,
        )
        held_at = min(held_at, timezone.now())
    services.hold_meeting(meeting, by=by, held_at=held_at)


for transition in (
    Transition(
        name="publish-agenda",
        title=_("Publish the agenda"),
        allowed=_manages,
        available=lambda m: m.status == Status.PLANNED and not m.agenda_is_published,
        perform=lambda m, *, by, data: services.publish_agenda(m, by=by),
        success=_("The agenda is published; the members are emailed an invitation."),
        style="primary",
    ),
    Transition(
        name="reschedule",
        title=_("Move the meeting"),
        allowed=_manages,
        available=lambda m: m.status == Status.PLANNED,
        form_class=RescheduleForm,
        form_kwargs=lambda m, request: {"meeting": m},
        prefix="reschedule",
        perform=_reschedule,
        success=_("The meeting was moved."),
    ),
    Transition(
        name="hold",
        title=_("Record as held"),
        allowed=_manages,
        available=lambda m: m.status == Status.PLANNED,
        form_class=HoldForm,
        prefix="hold",
        perform=_hold,
        success=_("The meeting is recorded as held: record the attendance and the decisions."),
        style="primary",
    ),
    Transition(
        name="submit-minutes",
        title=_("Minutes draft complete"),
        allowed=_manages,
        available=lambda m: m.status == Status.HELD,
        perform=lambda m, *, by, data: services.submit_minutes(m, by=by),
        success=_("The draft minutes wait for a co-chair's approval."),
        style="primary",
    ),
    Transition(
        name="approve-minutes",
        title=_("Approve the minutes"),
        allowed=lambda user, m: policies.is_co_chair_of(user, m.council_id),
        available=lambda m: m.status == Status.MINUTES_DRAFT,
        perform=lambda m, *, by, data: services.approve_minutes(m, by=by),
        success=_("The minutes are approved."),
        style="primary",
    ),
    Transition(
        name="publish-minutes",
        title=_("Publish the minutes"),
        allowed=lambda user, m: policies.can_publish_minutes(user, m),
        available=lambda m: m.status == Status.MINUTES_APPROVED,
        perform=lambda m, *, by, data: services.publish_minutes(m, by=by),
        success=_("The minutes are published on the council's public page."),
        style="primary",
    ),
    Transition(
        name="cancel",
        title=_("Cancel the meeting"),
        allowed=_manages,
        available=lambda m: m.status == Status.PLANNED,
        form_class=ReasonForm,
        prefix="cancel",
        perform=lambda m, *, by, data: services.cancel_meeting(m, by=by, reason=data["reason"]),
        success=_("The meeting is cancelled; its items are back in the pool."),
        style="danger",
    ),
):
    meeting_transitions.add(transition)
