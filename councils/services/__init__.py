"""Every change to councils, meetings, agendas and minutes: one function per transition.

Each runs in one transaction, checks the policy, locks the meeting, changes it and writes a
CouncilEvent; emails go through the outbox after commit. Callers import from the package:
``from councils import services; services.schedule_meeting(...)``.
"""

from councils.services.agenda import (
    add_action_item,
    add_concern_item,
    add_free_item,
    annotate_police_report,
    move_item,
    remove_item,
    reorder_agenda,
    update_item,
)
from councils.services.common import MeetingRuleError
from councils.services.meetings import (
    cancel_meeting,
    hold_meeting,
    publish_agenda,
    record_attendance,
    reschedule_meeting,
    schedule_meeting,
)
from councils.services.members import appoint_member, end_membership
from councils.services.minutes import (
    approve_minutes,
    correct_minutes,
    publish_minutes,
    record_decision,
    snapshot,
    submit_minutes,
    update_minutes_summary,
)

__all__ = [
    "MeetingRuleError",
    "add_action_item",
    "add_concern_item",
    "add_free_item",
    "annotate_police_report",
    "appoint_member",
    "approve_minutes",
    "cancel_meeting",
    "correct_minutes",
    "end_membership",
    "hold_meeting",
    "move_item",
    "publish_agenda",
    "publish_minutes",
    "record_attendance",
    "record_decision",
    "remove_item",
    "reorder_agenda",
    "reschedule_meeting",
    "schedule_meeting",
    "snapshot",
    "submit_minutes",
    "update_item",
    "update_minutes_summary",
]
