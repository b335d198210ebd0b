"""Minutes: decisions per item, draft → approved → published, corrections as revisions.

A decision and what it causes (the follow-up action, the concern's new status, the item
carried to the next agenda) are written in one transaction: all of it or none.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerns import services as concern_services
from concerns.models import ConcernEvent
from councils import policies
from councils.models import (
    AgendaItem,
    CouncilEvent,
    Decision,
    Meeting,
    MinutesRevision,
)
from councils.services.agenda import carry_to_next
from councils.services.common import (
    MeetingRuleError,
    lock_meeting,
    record,
    refuse_cancelled,
    require,
    require_status,
)

Status = Meeting.Status
Kind = Decision.Kind


def _refuse_approved(meeting: Meeting) -> None:
    if meeting.status in Meeting.APPROVED:
        raise MeetingRuleError(
            _("These minutes are approved: they cannot be edited. Record a correction instead.")
        )


def _minutes_open(meeting: Meeting) -> None:
    refuse_cancelled(meeting)
    _refuse_approved(meeting)
    require_status(meeting, Meeting.EDITABLE_MINUTES, _("Record the meeting as held first."))


@transaction.atomic
def record_decision(
    item: AgendaItem,
    *,
    by,
    kind: str,
    text: str,
    public_text: dict | None = None,
    referred_to: str = "",
    public_response: str = "",
    action: dict | None = None,
    plan=None,
    priority: dict | None = None,
) -> Decision:
    """One decision on an item and its effect:

    - ``action``: a follow-up action for a police unit or partner body (``action`` holds
      title, description, responsible_unit / responsible_body, due_date, priority);
    - ``referral``: the concern is referred to another body (public event on its page);
    - ``resolution``: the concern is resolved with ``public_response``;
    - ``deferral``: the item goes onto the next meeting's draft agenda, counted;
    - ``refer_up``: a local council's item (and concern) goes to its municipal council;
    - ``plan_adoption``: the meeting adopts the draft ``plan`` (a co-chair then signs it);
    - ``priority``: the council sets a public priority (``priority`` holds title and
      settlements; ``public_text`` says what will be done);
    - ``recommendation``: the text only.

    A decision on an item about an activity of the action plan is linked to that activity,
    and so is the action it creates.
    """
    meeting = item.meeting
    require(policies.can_manage_meetings(by, meeting.council))
    meeting = lock_meeting(meeting)
    _minutes_open(meeting)
    item = (
        AgendaItem.objects.select_for_update(of=("self",)).select_related("concern").get(pk=item.pk)
    )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the decision.")})
    concern = item.concern
    carry_to = None
    if (
        kind in (Kind.DEFERRAL, Kind.REFER_UP)
        and item.decisions.filter(kind__in=[Kind.DEFERRAL, Kind.REFER_UP]).exists()
    ):
        raise MeetingRuleError(_("This item is deferred or referred already."))
    if kind in (Kind.RESOLUTION, Kind.REFERRAL) and concern is None:
        raise ValidationError({"kind": _("Only an item about a concern can do this.")})
    if kind == Kind.DEFERRAL:
        carry_to = meeting.council
    elif kind == Kind.REFER_UP:
        carry_to = meeting.council.referral_target
        if carry_to is None:
            raise ValidationError(
                {"kind": _("Only a local council refers items to its municipal council.")}
            )
    elif kind == Kind.REFERRAL and not (referred_to or "").strip():
        raise ValidationError({"referred_to": _("Name the body the concern is referred to.")})
    elif kind == Kind.ACTION and not action:
        raise ValidationError({"kind": _("Describe the follow-up action.")})
    elif kind == Kind.MINUTES_APPROVED:
        raise ValidationError({"kind": _("Minutes are approved under their own item.")})
    elif kind == Kind.PLAN_ADOPTION and plan is None:
        raise ValidationError({"plan": _("Choose the plan the meeting adopts.")})
    elif kind == Kind.PRIORITY and not priority:
        raise ValidationError({"priority_title": _("Name the issue the priority is about.")})
    decision = Decision.objects.create(
        agenda_item=item,
        kind=kind,
        text=text,
        public_text=public_text or {},
        referred_to=(referred_to or "").strip()[:200],
        carry_to=carry_to,
        created_by=by,
    )
    created_action = None
    if kind == Kind.ACTION:
        from policing.services import create_action

        created_action = create_action(
            by=by,
            council=meeting.council,
            concern=concern,
            decision=decision,
            title=action["title"],
            description=action.get("description", ""),
            responsible_unit=action.get("responsible_unit"),
            responsible_body=action.get("responsible_body"),
            due_date=action["due_date"],
            priority=action["priority"],
        )
    elif kind == Kind.RESOLUTION:
        concern_services.resolve_concern(concern, by=by, public_response=public_response)
    elif kind == Kind.REFERRAL:
        concern_services.record_event(
            concern, ConcernEvent.Kind.REFERRED, by=by, note=decision.referred_to, public=True
        )
    elif kind == Kind.REFER_UP:
        if concern is not None and concern.council_id == meeting.council_id:
            concern_services.refer_to_parent_council(concern, by=by, note=text)
        carry_to_next(decision)
    elif kind == Kind.DEFERRAL:
        carry_to_next(decision)
    elif kind == Kind.PLAN_ADOPTION:
        from plans.services import record_adoption_decision

        record_adoption_decision(plan, by=by, decision=decision)
    elif kind == Kind.PRIORITY:
        from plans.services import set_priority

        set_priority(
            decision,
            by=by,
            title=priority["title"],
            commitment=public_text or {},
            settlements=priority.get("settlements", ()),
        )
    if item.activity_id:
        from plans import services as plan_services

        plan_services.link_decision(item.activity, by=by, decision=decision)
        if created_action is not None:
            plan_services.link_action(item.activity, by=by, action=created_action)
    record(
        CouncilEvent.Kind.DECISION,
        council=meeting.council,
        meeting=meeting,
        by=by,
        note=f"{item.position}. {decision.get_kind_display()}",
    )
    return decision


@transaction.atomic
def update_minutes_summary(
    meeting: Meeting, *, by, minutes_summary: str, public_summary: dict
) -> Meeting:
    require(policies.can_manage_meetings(by, meeting.council))
    meeting = lock_meeting(meeting)
    _minutes_open(meeting)
    meeting.minutes_summary, meeting.public_summary = minutes_summary, public_summary
    meeting.save(update_fields=["minutes_summary", "public_summary", "updated_at"])
    record(CouncilEvent.Kind.MINUTES_CHANGED, council=meeting.council, meeting=meeting, by=by)
    return meeting


@transaction.atomic
def submit_minutes(meeting: Meeting, *, by) -> Meeting:
    """The secretary's draft is complete: the co-chairs can approve it."""
    require(policies.can_manage_meetings(by, meeting.council))
    meeting = lock_meeting(meeting)
    refuse_cancelled(meeting)
    require_status(meeting, (Status.HELD,), _("Only a held meeting's minutes can be drafted."))
    if meeting.members_present is None:
        raise MeetingRuleError(_("Record the attendance first."))
    meeting.status = Status.MINUTES_DRAFT
    meeting.save(update_fields=["status", "updated_at"])
    record(CouncilEvent.Kind.MINUTES_DRAFTED, council=meeting.council, meeting=meeting, by=by)
    return meeting


@transaction.atomic
def approve_minutes(meeting: Meeting, *, by, at_meeting: Meeting | None = None) -> MinutesRevision:
    """A co-chair approves; or the secretary records that the next meeting approved them
    under its first item (``at_meeting``). Approved minutes are revision 1."""
    if at_meeting is None:
        require(
            policies.is_co_chair_of(by, meeting.council_id),
            _(
                "Only a co-chair approves minutes; the secretary records an approval given at "
                "the next meeting."
            ),
        )
    else:
        require(policies.can_approve_minutes(by, meeting))
    meeting = lock_meeting(meeting)
    if meeting.status in Meeting.APPROVED:
        raise MeetingRuleError(_("These minutes are approved already."))
    refuse_cancelled(meeting)
    require_status(
        meeting, (Status.MINUTES_DRAFT,), _("Minutes are approved once the draft is complete.")
    )
    approval_item = None
    if at_meeting is not None:
        at_meeting = lock_meeting(at_meeting)
        approval_item = at_meeting.agenda_items.filter(
            kind=AgendaItem.Kind.MINUTES_APPROVAL, minutes_of=meeting
        ).first()
        if approval_item is None or at_meeting.status not in Meeting.EDITABLE_MINUTES:
            raise MeetingRuleError(
                _("Record this under the approval item of a later meeting that was held.")
            )
    now = timezone.now()
    meeting.status = Status.MINUTES_APPROVED
    meeting.minutes_approved_at, meeting.minutes_approved_by = now, by
    meeting.approved_at_meeting = at_meeting
    meeting.save(
        update_fields=[
            "status",
            "minutes_approved_at",
            "minutes_approved_by",
            "approved_at_meeting",
            "updated_at",
        ]
    )
    if approval_item is not None:
        Decision.objects.create(
            agenda_item=approval_item,
            kind=Kind.MINUTES_APPROVED,
            text=_("The minutes of the meeting of %(day)s are approved.")
            % {"day": _local_day(meeting).isoformat()},
            created_by=by,
        )
    revision = MinutesRevision.objects.create(
        meeting=meeting, number=1, content=snapshot(meeting), approved_by=by
    )
    record(CouncilEvent.Kind.MINUTES_APPROVED, council=meeting.council, meeting=meeting, by=by)
    return revision


def _local_day(meeting: Meeting) -> date:
    return timezone.localtime(meeting.held_at or meeting.planned_at, meeting.zone).date()


@transaction.atomic
def correct_minutes(
    meeting: Meeting,
    *,
    by,
    reason: str,
    minutes_summary: str,
    public_summary: dict,
    items: dict[int, dict] | None = None,
) -> MinutesRevision:
    """Approved minutes change only as a new revision with a reason; the old one is kept."""
    require(
        policies.can_correct_minutes(by, meeting),
        _("Only the secretary or a co-chair corrects approved minutes."),
    )
    meeting = lock_meeting(meeting)
    require_status(
        meeting, Meeting.APPROVED, _("Only approved minutes are corrected; edit the draft.")
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the correction corrects.")})
    meeting.minutes_summary, meeting.public_summary = minutes_summary, public_summary
    meeting.save(update_fields=["minutes_summary", "public_summary", "updated_at"])
    for item in meeting.agenda_items.filter(pk__in=list(items or {})):
        changes = items[item.pk]
        item.discussion = changes.get("discussion", item.discussion)
        item.public_summary = changes.get("public_summary", item.public_summary)
        item.save(update_fields=["discussion", "public_summary"])
    last = meeting.revisions.order_by("-number").first()
    revision = MinutesRevision.objects.create(
        meeting=meeting,
        number=(last.number if last else 0) + 1,
        reason=reason,
        content=snapshot(meeting),
        approved_by=by,
    )
    record(
        CouncilEvent.Kind.MINUTES_CORRECTED,
        council=meeting.council,
        meeting=meeting,
        by=by,
        note=reason,
    )
    return revision


@transaction.atomic
def publish_minutes(meeting: Meeting, *, by) -> Meeting:
    require(policies.can_publish_minutes(by, meeting))
    meeting = lock_meeting(meeting)
    if meeting.status == Status.PUBLISHED:
        raise MeetingRuleError(_("These minutes are published already."))
    require_status(
        meeting, (Status.MINUTES_APPROVED,), _("Minutes are published once they are approved.")
    )
    meeting.status, meeting.published_at = Status.PUBLISHED, timezone.now()
    meeting.save(update_fields=["status", "published_at", "updated_at"])
    record(CouncilEvent.Kind.MINUTES_PUBLISHED, council=meeting.council, meeting=meeting, by=by)
    return meeting


def snapshot(meeting: Meeting) -> dict:
    """The minutes as approved: what a revision keeps (the live rows may be corrected later)."""
    items = meeting.agenda_items.prefetch_related("decisions").order_by("position", "id")
    attendance = meeting.attendance.select_related("membership__person")
    return {
        "summary": meeting.minutes_summary,
        "public_summary": meeting.public_summary,
        "members_current": meeting.members_current,
        "members_present": meeting.members_present,
        "quorum_required": meeting.quorum_required,
        "attendance": [
            {
                "name": row.membership.person.full_name if row.membership_id else row.guest_name,
                "represents": row.membership.represents
                if row.membership_id
                else row.guest_organisation,
                "guest": not row.membership_id,
                "status": row.status,
            }
            for row in attendance
        ],
        "items": [
            {
                "position": item.position,
                "kind": item.kind,
                "title": item.title,
                "confidential": item.is_confidential,
                "discussion": item.discussion,
                "public_summary": item.public_summary,
                "decisions": [
                    {
                        "kind": d.kind,
                        "text": d.text,
                        "public_text": d.public_text,
                        "referred_to": d.referred_to,
                    }
                    for d in item.decisions.all()
                ],
            }
            for item in items
        ],
    }
