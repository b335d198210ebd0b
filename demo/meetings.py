"""Council meetings over 18 months: agendas, attendance and quorum, minutes, decisions,
revisions and published minutes with public texts in Albanian and Serbian.

Past meetings are written with the ORM in their final status (the services refuse dates in the
past), respecting the model's constraints. Concerns are put on the agenda of the first meeting
after the secretary moved them to "on the agenda"; some are deferred and carried to the next
meeting. The next meeting of each council is planned with a draft agenda.
"""

import calendar
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from concerns.models import Concern, ConcernEvent
from councils import selectors
from councils.models import (
    AgendaItem,
    Attendance,
    Council,
    Decision,
    Meeting,
    Membership,
    MinutesRevision,
)
from councils.services.agenda import concern_title
from councils.services.minutes import snapshot
from demo import texts
from demo.actions import create_action, lay_out
from demo.places import MeetingPattern
from demo.world import World
from policing.models import FollowUpAction

Status = Meeting.Status
MINUTED = {Status.MINUTES_DRAFT, Status.MINUTES_APPROVED, Status.PUBLISHED}
ATTENDED = MINUTED | {Status.HELD}
MAX_CONCERNS_PER_MEETING = 6


def build_meetings(world: World) -> list[Meeting]:
    meetings = []
    for key, spec in world.places.specs.items():
        if spec.meetings is not None:
            council = world.places.councils[key]
            meetings += _meet(world, council, spec.meetings, municipal=spec.level == "municipal")
    return meetings


def _meet(world: World, council: Council, pattern: MeetingPattern, *, municipal: bool):
    schedule = _schedule(world, council, pattern)
    agenda = _concerns_by_meeting(council, [m for m in schedule if m.status != Status.CANCELLED])
    actions = list(
        FollowUpAction.objects.filter(council=council).select_related("responsible_unit")
    )
    memberships = list(Membership.objects.filter(council=council).select_related("person"))
    carried: list[AgendaItem] = []
    previous = None
    for index, meeting in enumerate(schedule):
        items = []
        if meeting.kind == Meeting.Kind.REGULAR and previous is not None:
            items.append(("minutes", previous))
        if municipal:
            items.append(texts.POLICE_REPORT)
        if meeting.status != Status.CANCELLED:
            items += carried
            carried = []
        items += agenda.get(meeting.pk, [])
        if meeting.status != Status.CANCELLED:
            under_way = [a for a in actions if _under_way(a, meeting.planned_at)]
            items += world.rng.sample(under_way, min(2, len(under_way)))
        if municipal and world.rng.random() < 0.6:
            items.append(texts.TOPICS[index % len(texts.TOPICS)])
        items.append(texts.ANY_OTHER_BUSINESS)
        if meeting.status in ATTENDED:
            _attendance(world, meeting, memberships)
        carried += _agenda(world, meeting, items, actions)
        if meeting.status in {Status.MINUTES_APPROVED, Status.PUBLISHED}:
            _revisions(world, meeting, previous_approved=index % 5 == 0)
        if meeting.status != Status.CANCELLED:
            previous = meeting
    return schedule


def _revisions(world: World, meeting: Meeting, *, previous_approved: bool) -> None:
    """Revision 1 is the approval; every fifth published meeting has a correction too."""
    first = MinutesRevision.objects.create(
        meeting=meeting,
        number=1,
        content=snapshot(meeting),
        approved_by=meeting.minutes_approved_by,
    )
    world.backdate(first, created_at=meeting.minutes_approved_at)
    if previous_approved and meeting.status == Status.PUBLISHED:
        correction = MinutesRevision.objects.create(
            meeting=meeting,
            number=2,
            reason=texts.CORRECTION_REASON,
            content=snapshot(meeting),
            approved_by=meeting.minutes_approved_by,
        )
        world.backdate(correction, created_at=meeting.published_at)


def _schedule(world: World, council: Council, pattern: MeetingPattern) -> list[Meeting]:
    """From the oldest to the next one; status by how many months ago it was."""
    today = world.today
    upcoming = date(today.year, today.month, pattern.day)
    if upcoming <= today:
        upcoming = _add_months(upcoming, 1)
    secretary = world.secretary(council)
    approver = world.users[pattern.approver]
    meetings = []
    for months_ago in reversed(range(0, pattern.months_back, pattern.every_months)):
        planned = timezone.make_aware(
            datetime.combine(_add_months(upcoming, -months_ago), time(17, 0))
        )
        status = {0: Status.PLANNED, 1: Status.HELD, 2: Status.MINUTES_DRAFT}.get(
            months_ago, Status.PUBLISHED
        )
        if months_ago == 3:
            status = Status.MINUTES_APPROVED
        if months_ago == 8:
            status = Status.CANCELLED
        kind = Meeting.Kind.REGULAR
        if pattern.every_months == 1 and months_ago in {6, 11}:
            kind = Meeting.Kind.PUBLIC_FORUM if months_ago == 6 else Meeting.Kind.EXTRAORDINARY
        approved = None
        if status in {Status.MINUTES_APPROVED, Status.PUBLISHED}:
            approved = min(planned + timedelta(days=12), world.now - timedelta(days=1))
        meeting = Meeting.objects.create(
            council=council,
            kind=kind,
            planned_at=planned,
            place=pattern.place,
            status=status,
            held_at=planned if status in ATTENDED else None,
            cancel_reason=texts.CANCEL_MEETING if status == Status.CANCELLED else "",
            minutes_summary=texts.MINUTES_SUMMARY if status in MINUTED else "",
            public_summary=texts.PUBLIC_MINUTES_SUMMARY if status in MINUTED else {},
            agenda_published_at=None if months_ago == 0 else planned - timedelta(days=7),
            minutes_approved_at=approved,
            minutes_approved_by=approver if approved else None,
            published_at=approved + timedelta(days=2) if status == Status.PUBLISHED else None,
            created_by=secretary,
        )
        world.backdate(meeting, created_at=min(planned - timedelta(days=21), world.now))
        meetings.append(meeting)
    return meetings


def _add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _concerns_by_meeting(council: Council, meetings: list[Meeting]) -> dict[int, list[Concern]]:
    """Each time a concern was put on the agenda, it goes to the next meeting."""
    by_meeting: dict[int, list[Concern]] = defaultdict(list)
    events = (
        ConcernEvent.objects.filter(
            concern__council=council, kind=ConcernEvent.Kind.STATUS, to_status="on_agenda"
        )
        .select_related("concern__category")
        .order_by("created_at", "id")
    )
    for event in events:
        meeting = next((m for m in meetings if m.planned_at > event.created_at), None)
        if meeting is None:
            continue
        listed = by_meeting[meeting.pk]
        if event.concern not in listed and len(listed) < MAX_CONCERNS_PER_MEETING:
            listed.append(event.concern)
    return by_meeting


def _under_way(action: FollowUpAction, moment: datetime) -> bool:
    return (
        action.status != FollowUpAction.Status.CANCELLED
        and action.created_at < moment
        and (action.completed_at is None or action.completed_at > moment)
    )


def _agenda(world: World, meeting: Meeting, items: list, actions: list) -> list[AgendaItem]:
    """Write the items (and decisions of minuted meetings); returns the deferred items."""
    rng = world.rng
    minuted = meeting.status in MINUTED
    secretary = world.secretary(meeting.council_id)
    deferred = []
    figures = None
    for position, item in enumerate(items, 1):
        carried_from = item if isinstance(item, AgendaItem) else None
        concern = carried_from.concern if carried_from else item
        concern = concern if isinstance(concern, Concern) else None
        action = item if isinstance(item, FollowUpAction) else None
        topic = item if isinstance(item, tuple) and item[0] != "minutes" else None
        minutes_of = item[1] if isinstance(item, tuple) and item[0] == "minutes" else None
        kind = AgendaItem.Kind.FREE
        if minutes_of:
            kind, title = AgendaItem.Kind.MINUTES_APPROVAL, texts.OPENING
        elif item == texts.POLICE_REPORT:
            kind, title = AgendaItem.Kind.POLICE_REPORT, texts.POLICE_REPORT
            if meeting.status != Status.PLANNED or meeting.agenda_published_at:
                since, until = selectors.report_period(meeting)
                figures = selectors.police_report_figures(meeting.council, since=since, until=until)
        elif concern:
            kind, title = AgendaItem.Kind.CONCERN, concern_title(concern)
        elif action:
            kind, title = AgendaItem.Kind.ACTION_REPORT, action.title
        else:
            title = topic[0] if topic else item
        discussion = ""
        if minuted and (concern or topic):
            discussion = " ".join(rng.sample(texts.DISCUSSION, 2))
        elif minuted and action:
            discussion = texts.REPORT_BACK
        agenda_item = AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            kind=kind,
            title=title[:250],
            concern=concern,
            action=action,
            minutes_of=minutes_of,
            is_confidential=bool(concern) and selectors.is_sensitive(concern.category),
            carried_from=carried_from,
            deferrals=carried_from.deferrals + 1 if carried_from else 0,
            figures=figures if kind == AgendaItem.Kind.POLICE_REPORT and figures else {},
            public_summary=rng.choice(texts.PUBLIC_ITEM_SUMMARIES)
            if minuted and discussion
            else {},
            discussion=discussion,
        )
        if not minuted:
            continue
        if minutes_of and minutes_of.status in {Status.MINUTES_APPROVED, Status.PUBLISHED}:
            _decide(world, meeting, agenda_item, "minutes_approved", texts.OPENING, secretary)
        elif concern and rng.random() < 0.15 and not carried_from:
            _decide(world, meeting, agenda_item, "deferral", texts.DEFERRAL, secretary)
            deferred.append(agenda_item)
        elif concern and rng.random() < 0.7:
            _decide_on_concern(world, meeting, agenda_item, concern, actions, secretary)
        elif topic:
            _decide_on_topic(world, meeting, agenda_item, topic, secretary)
    return deferred


def _decide(world, meeting, agenda_item, kind, text, secretary) -> Decision:
    decision = Decision.objects.create(
        agenda_item=agenda_item,
        kind=kind,
        text=text,
        public_text=texts.PUBLIC_DECISIONS.get(kind, {}),
        carry_to=meeting.council if kind == "deferral" else None,
        created_by=secretary,
    )
    world.backdate(decision, created_at=meeting.held_at + timedelta(days=1))
    return decision


def _decide_on_concern(world, meeting, agenda_item, concern, actions, secretary) -> None:
    followed = [
        a
        for a in actions
        if a.concern_id == concern.pk
        and a.decision_id is None
        and meeting.held_at <= a.created_at <= meeting.held_at + timedelta(days=45)
    ]
    if followed:
        action = followed[0]
        who = action.responsible_unit or action.responsible_body
        text = f"The council asks {who} to act: {action.title}."
    else:
        text = world.rng.choice(texts.DECISION_GENERIC)
    kind = "action" if followed else "recommendation"
    decision = _decide(world, meeting, agenda_item, kind, text, secretary)
    if followed:
        followed[0].decision = decision
        FollowUpAction.objects.filter(pk=followed[0].pk).update(decision=decision)


def _decide_on_topic(world, meeting, agenda_item, topic, secretary) -> None:
    rng = world.rng
    title, text = topic
    acts = rng.random() >= 0.5
    decision = _decide(
        world, meeting, agenda_item, "action" if acts else "recommendation", text, secretary
    )
    if not acts:
        return
    body = texts.PUBLIC_SERVICES if rng.random() < 0.5 else texts.POLICE
    start = meeting.held_at + timedelta(days=1, hours=2)
    finished = (world.now - meeting.held_at).days > 60 and rng.random() < 0.75
    plan = create_action(
        world,
        council=meeting.council,
        category_code="public-order",
        finished=finished,
        decision=decision,
        template=(text.rstrip("."), title, "", body),
    )
    end = min(start + timedelta(days=50), world.now) if finished else world.now
    lay_out(world, plan, start, end)


def _attendance(world: World, meeting: Meeting, memberships: list[Membership]) -> None:
    rng = world.rng
    day = timezone.localdate(meeting.held_at)
    statuses = list(Attendance.Status)
    rows = [
        Attendance(
            meeting=meeting,
            membership=membership,
            status=rng.choices(statuses, weights=[78, 14, 8])[0],
        )
        for membership in memberships
        if membership.start_date <= day
        and (membership.end_date is None or membership.end_date >= day)
    ]
    voting = [r for r in rows if r.membership.counts_for_quorum]
    for name, organisation in rng.sample(texts.GUESTS, rng.randint(0, 2)):
        rows.append(Attendance(meeting=meeting, guest_name=name, guest_organisation=organisation))
    Attendance.objects.bulk_create(rows)
    meeting.members_current = len(voting)
    meeting.members_present = sum(1 for r in voting if r.status == Attendance.Status.PRESENT)
    meeting.quorum_required = selectors.quorum_for(meeting.council, len(voting))
    Meeting.objects.filter(pk=meeting.pk).update(
        members_current=meeting.members_current,
        members_present=meeting.members_present,
        quorum_required=meeting.quorum_required,
    )
