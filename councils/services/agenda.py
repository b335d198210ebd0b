"""The agenda: its opening items, adding concerns, actions and free items, order, carried items.

Every function locks the meeting row first, so two tabs editing one agenda take turns; a
reorder sent with the order its page showed is refused when the order changed meanwhile.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from concerns import services as concern_services
from concerns.models import Concern
from councils import policies, selectors
from councils.models import AgendaItem, CouncilEvent, Decision, Meeting
from councils.services.common import (
    MeetingRuleError,
    lock_meeting,
    record,
    require,
    require_status,
)
from policing.models import FollowUpAction

Status = Meeting.Status
Kind = AgendaItem.Kind
AGENDA_OPEN = (Status.PLANNED, Status.HELD, Status.MINUTES_DRAFT)


def _agenda_editable(meeting: Meeting) -> None:
    require_status(
        meeting,
        AGENDA_OPEN,
        _("The agenda of a meeting that is “%(status)s” cannot be changed.")
        % {"status": meeting.get_status_display()},
    )


def _next_position(meeting: Meeting) -> int:
    return (meeting.agenda_items.aggregate(n=Max("position"))["n"] or 0) + 1


def concern_title(concern: Concern) -> str:
    """The title an agenda shows: category and place, never the reporter's words."""
    if concern.settlement_id:
        return f"{concern.category.name} – {concern.settlement.name}"
    return concern.category.name


def start_agenda(meeting: Meeting) -> None:
    """A new meeting's first items: approval of unapproved minutes, the police report (regular
    meetings), then what was deferred or referred to this council."""
    position = 1
    if meeting.kind == Meeting.Kind.REGULAR:
        previous = selectors.previous_meeting(meeting)
        if previous and previous.status in Meeting.EDITABLE_MINUTES:
            AgendaItem.objects.create(
                meeting=meeting,
                position=position,
                kind=Kind.MINUTES_APPROVAL,
                title="Approval of the minutes of the previous meeting",
                minutes_of=previous,
            )
            position += 1
        if meeting.council.municipality_id:
            AgendaItem.objects.create(
                meeting=meeting,
                position=position,
                kind=Kind.POLICE_REPORT,
                title="Police security report",
            )
    carry_pending(meeting)
    add_plan_items(meeting)


def add_plan_items(meeting: Meeting) -> list[AgendaItem]:
    """What the council committed to comes back until it is done: activities of its adopted
    plan due this month or late (the plan's page lists any beyond the limit), and every open
    priority for report-back."""
    from plans import selectors as plan_selectors

    items = []
    day = meeting.local_planned_at.date()
    activities, more = plan_selectors.activities_for_agenda(meeting.council, day)
    official = _official_languages(meeting)
    present = meeting.agenda_items.all()
    on_agenda = set(present.exclude(activity=None).values_list("activity_id", flat=True))
    reported = set(present.exclude(priority=None).values_list("priority_id", flat=True))
    for activity in [a for a in activities if a.pk not in on_agenda]:
        items.append(
            AgendaItem.objects.create(
                meeting=meeting,
                position=_next_position(meeting),
                kind=Kind.PLAN_ACTIVITY,
                title=f"{activity}. {_first_text(activity.title, official)}"[:250],
                activity=activity,
            )
        )
    if more:
        items.append(
            AgendaItem.objects.create(
                meeting=meeting,
                position=_next_position(meeting),
                kind=Kind.FREE,
                title=_("Action plan: %(count)d more activities due or late") % {"count": more},
            )
        )
    for priority in plan_selectors.open_priorities(meeting.council).exclude(pk__in=reported):
        items.append(_priority_item(meeting, priority, official))
    return items


def _official_languages(meeting: Meeting) -> list[str]:
    municipality = meeting.council.municipality
    return list(municipality.official_languages) if municipality else []


def _first_text(value: dict, official: list[str]) -> str:
    from publictexts.text import pick

    chosen = pick(value, language=official[0] if official else None, official=official)
    return chosen.text if chosen else ""


def _priority_item(meeting: Meeting, priority, official: list[str]) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting,
        position=_next_position(meeting),
        kind=Kind.PRIORITY,
        title=_first_text(priority.title, official)[:250],
        priority=priority,
    )


def add_priority_to_draft_agendas(priority, *, after: Meeting) -> list[AgendaItem]:
    """A priority set at ``after`` goes onto the council's later draft agendas at once."""
    items = []
    for meeting in Meeting.objects.filter(
        council_id=priority.council_id,
        status=Status.PLANNED,
        agenda_published_at__isnull=True,
        planned_at__gt=after.planned_at,
    ).select_related("council__municipality"):
        meeting = lock_meeting(meeting)
        if not meeting.agenda_items.filter(priority=priority).exists():
            items.append(_priority_item(meeting, priority, _official_languages(meeting)))
    return items


def carry_pending(meeting: Meeting) -> list[AgendaItem]:
    """Put the council's pending deferrals and referrals on ``meeting``'s agenda."""
    items = []
    for decision in selectors.pending_carries(meeting.council_id):
        source = decision.agenda_item
        if source.meeting.planned_at >= meeting.planned_at:
            continue
        items.append(
            AgendaItem.objects.create(
                meeting=meeting,
                position=_next_position(meeting),
                kind=source.kind,
                title=source.title,
                concern_id=source.concern_id,
                action_id=source.action_id,
                is_confidential=source.is_confidential,
                carried_from=source,
                deferrals=source.deferrals + (decision.kind == Decision.Kind.DEFERRAL),
            )
        )
    return items


def carry_to_next(decision: Decision) -> AgendaItem | None:
    """A deferral or referral goes onto the target council's next draft agenda now; without
    one it waits and is carried when that meeting is scheduled."""
    from councils.services.common import lock_council

    lock_council(decision.carry_to_id)
    target = selectors.next_draft_meeting(
        decision.carry_to_id, after=decision.agenda_item.meeting.planned_at
    )
    if target is None:
        return None
    carried = carry_pending(target)
    return next((i for i in carried if i.carried_from_id == decision.agenda_item_id), None)


@transaction.atomic
def add_concern_item(meeting: Meeting, *, by, concern: Concern) -> AgendaItem:
    require(policies.can_manage_meetings(by, meeting.council))
    meeting = lock_meeting(meeting)
    _agenda_editable(meeting)
    if concern.council_id != meeting.council_id:
        raise ValidationError(_("This concern belongs to another council."))
    if not selectors.concern_pool(meeting).filter(pk=concern.pk).exists():
        raise MeetingRuleError(
            _(
                "%(reference)s cannot go on this agenda: it is on another planned meeting's agenda "
                "or not triaged."
            )
            % {"reference": concern.reference}
        )
    if concern.status != Concern.Status.ON_AGENDA:
        concern_services.put_on_agenda(concern, by=by)
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=_next_position(meeting),
        kind=Kind.CONCERN,
        title=concern_title(concern)[:250],
        concern=concern,
        is_confidential=selectors.is_sensitive(concern.category),
    )
    record(
        CouncilEvent.Kind.AGENDA_CHANGED,
        council=meeting.council,
        meeting=meeting,
        by=by,
        note=_("Added %(reference)s") % {"reference": concern.reference},
    )
    return item


@transaction.atomic
def add_action_item(meeting: Meeting, *, by, action: FollowUpAction) -> AgendaItem:
    require(policies.can_manage_meetings(by, meeting.council))
    meeting = lock_meeting(meeting)
    _agenda_editable(meeting)
    if action.council_id != meeting.council_id:
        raise ValidationError(_("This action belongs to another council."))
    if meeting.agenda_items.filter(action=action).exists():
        raise MeetingRuleError(_("This action is on the agenda already."))
    sensitive = bool(action.concern_id) and selectors.is_sensitive(action.concern.category)
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=_next_position(meeting),
        kind=Kind.ACTION_REPORT,
        title=action.title[:250],
        action=action,
        is_confidential=sensitive,
    )
    record(
        CouncilEvent.Kind.AGENDA_CHANGED,
        council=meeting.council,
        meeting=meeting,
        by=by,
        note=_("Added a report back on “%(title)s”") % {"title": action.title},
    )
    return item


@transaction.atomic
def add_free_item(meeting: Meeting, *, by, title: str) -> AgendaItem:
    require(policies.can_manage_meetings(by, meeting.council))
    meeting = lock_meeting(meeting)
    _agenda_editable(meeting)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the item a title.")})
    item = AgendaItem.objects.create(
        meeting=meeting, position=_next_position(meeting), kind=Kind.FREE, title=title[:250]
    )
    record(
        CouncilEvent.Kind.AGENDA_CHANGED,
        council=meeting.council,
        meeting=meeting,
        by=by,
        note=title,
    )
    return item


@transaction.atomic
def remove_item(item: AgendaItem, *, by) -> None:
    """Take an item off a planned agenda; a concern on it goes back to the pool."""
    require(policies.can_manage_meetings(by, item.meeting.council))
    meeting = lock_meeting(item.meeting)
    require_status(meeting, (Status.PLANNED,), _("Items come off the agenda before the meeting."))
    item.delete()
    _renumber(meeting, [i.pk for i in meeting.agenda_items.order_by("position", "id")])
    record(
        CouncilEvent.Kind.AGENDA_CHANGED,
        council=meeting.council,
        meeting=meeting,
        by=by,
        note=_("Removed “%(title)s”") % {"title": item.title},
    )


def _current_order(meeting: Meeting) -> list[int]:
    return list(meeting.agenda_items.order_by("position", "id").values_list("id", flat=True))


def _refuse_stale(current: list[int], expected: list[int]) -> None:
    if list(expected) != current:
        raise MeetingRuleError(
            _(
                "The agenda changed since you opened this page (another tab or person). "
                "Nothing was moved: look at the agenda again and repeat."
            )
        )


def _renumber(meeting: Meeting, order: list[int]) -> None:
    items = {i.pk: i for i in meeting.agenda_items.all()}
    changed = []
    for position, pk in enumerate(order, 1):
        if items[pk].position != position:
            items[pk].position = position
            changed.append(items[pk])
    AgendaItem.objects.bulk_update(changed, ["position"])


@transaction.atomic
def move_item(item: AgendaItem, *, by, up: bool, expected_order: list[int]) -> None:
    require(policies.can_manage_meetings(by, item.meeting.council))
    meeting = lock_meeting(item.meeting)
    _agenda_editable(meeting)
    order = _current_order(meeting)
    _refuse_stale(order, expected_order)
    index = order.index(item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(order):
        return
    order[index], order[other] = order[other], order[index]
    _renumber(meeting, order)


@transaction.atomic
def reorder_agenda(meeting: Meeting, *, by, order: list[int], expected_order: list[int]) -> None:
    """A whole new order (dragged in the browser): the same items, each once."""
    require(policies.can_manage_meetings(by, meeting.council))
    meeting = lock_meeting(meeting)
    _agenda_editable(meeting)
    current = _current_order(meeting)
    _refuse_stale(current, expected_order)
    if sorted(order) != sorted(current):
        raise MeetingRuleError(_("The new order must list every item of the agenda once."))
    _renumber(meeting, order)


@transaction.atomic
def update_item(
    item: AgendaItem, *, by, title: str, discussion: str, public_summary: dict
) -> AgendaItem:
    """The item's title (before approval) and its minutes: discussion and public summary."""
    require(policies.can_manage_meetings(by, item.meeting.council))
    meeting = lock_meeting(item.meeting)
    if meeting.status in Meeting.APPROVED:
        raise MeetingRuleError(
            _("These minutes are approved: they cannot be edited. Record a correction instead.")
        )
    _agenda_editable(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the item a title.")})
    if meeting.status == Status.PLANNED and (discussion or public_summary):
        raise MeetingRuleError(_("The discussion is recorded once the meeting is held."))
    item.title, item.discussion, item.public_summary = title[:250], discussion, public_summary
    item.save(update_fields=["title", "discussion", "public_summary"])
    record(
        CouncilEvent.Kind.MINUTES_CHANGED,
        council=meeting.council,
        meeting=meeting,
        by=by,
        note=str(item),
    )
    return item


@transaction.atomic
def annotate_police_report(item: AgendaItem, *, by, annotation: str) -> AgendaItem:
    """The commander adds what the figures do not say (or the secretary records it)."""
    require(
        policies.can_annotate_police_report(by, item.meeting),
        _("Only the police commander of the municipality or the secretary may annotate this."),
    )
    meeting = lock_meeting(item.meeting)
    if item.kind != Kind.POLICE_REPORT:
        raise MeetingRuleError(_("Only the police security report takes a commander's note."))
    _agenda_editable(meeting)
    item.annotation = (annotation or "").strip()
    item.save(update_fields=["annotation"])
    record(
        CouncilEvent.Kind.AGENDA_CHANGED,
        council=meeting.council,
        meeting=meeting,
        by=by,
        note=_("Police report annotated"),
    )
    return item


def snapshot_figures(meeting: Meeting) -> None:
    """Freeze the police report's figures (at publication and when held)."""
    since, until = selectors.report_period(meeting)
    figures = selectors.police_report_figures(meeting.council, since=since, until=until)
    meeting.agenda_items.filter(kind=Kind.POLICE_REPORT).update(figures=figures)
