"""The commander's steps (a co-chair's for a partner body's action): create, assign, change the
due date, verify, reopen, cancel."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerns import services as concern_services
from concerns.models import Concern, Priority
from councils.models import Council, Decision
from policing import policies
from policing.models import (
    ActionEvent,
    DueDateChange,
    FollowUpAction,
    Officer,
    PartnerBody,
    PoliceUnit,
)
from policing.services.events import ActionNotAllowed, lock_action, move, record_event
from workspace.scopes import scope_of

Status = FollowUpAction.Status
Kind = ActionEvent.Kind

# A concern can get actions while the council works on it.
CONCERN_STATUSES_FOR_ACTIONS = (
    Concern.Status.TRIAGED,
    Concern.Status.ON_AGENDA,
    Concern.Status.IN_ACTION,
)


def _require_command(user, action: FollowUpAction) -> None:
    if not policies.can_command(user, action):
        raise PermissionDenied(
            _("Only the commander of the responsible unit may do this.")
            if action.responsible_unit_id
            else _("Only the council's co-chairs may do this for a partner body's action.")
        )


def _require_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _check_assignee(assignee: Officer, unit: PoliceUnit | None) -> None:
    if unit is None:
        raise ValidationError(
            {
                "assignee": _(
                    "A partner body's actions are shared by its focal points; no officer is assigned."
                )
            }
        )
    if assignee.unit_id != unit.pk or not assignee.is_active:
        raise ValidationError(
            {
                "assignee": _("%(officer)s is not an active officer of %(unit)s.")
                % {"officer": assignee, "unit": unit}
            }
        )


def _check_due_date(due_date: date) -> None:
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})


@transaction.atomic
def create_action(
    *,
    by,
    council: Council,
    title: str,
    description: str = "",
    responsible_unit: PoliceUnit | None = None,
    responsible_body: PartnerBody | None = None,
    assignee: Officer | None = None,
    due_date: date,
    priority: str = Priority.NORMAL,
    concern: Concern | None = None,
    decision: Decision | None = None,
) -> FollowUpAction:
    """A new action for a police unit or a partner body: open, or assigned with an officer.

    From a council decision (``decision``) or for one of its concerns, the council's secretary
    records it for any body of the municipality; an action for the police without an officer
    then waits in the commander's queue, who assigns it. The first action of a triaged concern
    puts the concern in action.
    """
    if (responsible_unit is None) == (responsible_body is None):
        raise ValidationError(
            {"responsible_unit": _("Choose who is responsible: a police unit or a partner body.")}
        )
    if not policies.can_create_action(
        by,
        council=council,
        unit=responsible_unit,
        body=responsible_body,
        for_council_item=decision is not None or concern is not None,
    ):
        raise PermissionDenied(_("You may not create actions for this council and body."))
    if assignee is not None and not (
        responsible_unit is not None and responsible_unit.pk in scope_of(by).commands
    ):
        raise PermissionDenied(_("Only the commander of the responsible unit may do this."))
    title = _require_text(title, "title", _("Give the action a title."))
    _check_due_date(due_date)
    if assignee is not None:
        _check_assignee(assignee, responsible_unit)
    if decision is not None and decision.agenda_item.meeting.council_id != council.pk:
        raise ValidationError({"decision": _("The decision is not one of this council's.")})
    if concern is not None:
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        if concern.council_id != council.pk:
            raise ValidationError({"concern": _("The concern is not one of this council's.")})
        if concern.status not in CONCERN_STATUSES_FOR_ACTIONS:
            raise ValidationError(
                {
                    "concern": _("A concern that is “%(status)s” gets no new actions.")
                    % {"status": concern.get_status_display()}
                }
            )
    action = FollowUpAction.objects.create(
        title=title,
        description=(description or "").strip(),
        council=council,
        concern=concern,
        decision=decision,
        responsible_unit=responsible_unit,
        responsible_body=responsible_body,
        assignee=assignee,
        due_date=due_date,
        priority=priority,
        status=Status.ASSIGNED if assignee else Status.OPEN,
        created_by=by,
    )
    record_event(action, Kind.CREATED, by=by, from_status="")
    if concern is not None and concern.status != Concern.Status.IN_ACTION:
        concern_services.start_action(concern, by=by)
    return action


@transaction.atomic
def assign_action(
    action: FollowUpAction,
    *,
    by,
    assignee: Officer,
    unit: PoliceUnit | None = None,
    note: str = "",
) -> FollowUpAction:
    """Give the action to an officer, or to another one (and unit) of the commander's."""
    _require_command(by, action)
    locked = lock_action(action)
    unit = unit or locked.responsible_unit
    if (
        unit is not None
        and unit.pk != locked.responsible_unit_id
        and unit.pk not in scope_of(by).commands
    ):
        raise PermissionDenied(_("You may reassign only to units you command."))
    _check_assignee(assignee, unit)
    if locked.status in (Status.OPEN, Status.REOPENED):
        return move(
            action,
            Status.ASSIGNED,
            by=by,
            kind=Kind.ASSIGNED,
            note=note,
            locked=locked,
            assignee=assignee,
            responsible_unit=unit,
        )
    if locked.status not in (Status.ASSIGNED, Status.IN_PROGRESS):
        raise ActionNotAllowed(
            _("An action that is “%(status)s” cannot be reassigned.")
            % {"status": locked.get_status_display()}
        )
    if locked.assignee_id == assignee.pk and locked.responsible_unit_id == unit.pk:
        raise ValidationError(
            {
                "assignee": _("The action is already assigned to %(officer)s.")
                % {"officer": assignee}
            }
        )
    locked.assignee, locked.responsible_unit = assignee, unit
    locked.save()
    record_event(locked, Kind.REASSIGNED, by=by, from_status=locked.status, note=note)
    action.refresh_from_db()
    return locked


@transaction.atomic
def assign_actions(
    actions: Iterable[FollowUpAction], *, by, assignee: Officer
) -> list[FollowUpAction]:
    """Assign several at once from the queue: all of them, or none if one is refused."""
    return [assign_action(action, by=by, assignee=assignee) for action in actions]


@transaction.atomic
def change_due_date(action: FollowUpAction, *, by, due_date: date, reason: str) -> FollowUpAction:
    """Move the due date; the old date and the reason stay in the history."""
    _require_command(by, action)
    reason = _require_text(reason, "reason", _("Say why the due date changes."))
    locked = lock_action(action)
    if not locked.is_active:
        raise ActionNotAllowed(
            _("The due date of an action that is “%(status)s” cannot change.")
            % {"status": locked.get_status_display()}
        )
    _check_due_date(due_date)
    if due_date == locked.due_date:
        raise ValidationError({"due_date": _("That is already the due date.")})
    DueDateChange.objects.create(
        action=locked,
        old_due_date=locked.due_date,
        new_due_date=due_date,
        reason=reason,
        changed_by=by,
    )
    old = locked.due_date
    locked.due_date = due_date
    locked.save()
    record_event(
        locked,
        Kind.DUE_DATE_CHANGED,
        by=by,
        from_status=locked.status,
        note=_("%(old)s → %(new)s: %(reason)s")
        % {"old": old.isoformat(), "new": due_date.isoformat(), "reason": reason},
    )
    action.refresh_from_db()
    return locked


@transaction.atomic
def verify_action(action: FollowUpAction, *, by, note: str = "") -> FollowUpAction:
    """Accept a completed action. A council may require that someone else verifies what a
    commander completed themselves."""
    _require_command(by, action)
    locked = lock_action(action)
    if (
        locked.status == Status.COMPLETED
        and locked.completed_by_id == by.pk
        and not locked.council.allow_self_verification
    ):
        raise ValidationError(
            _("This council does not let you verify an action you completed yourself.")
        )
    return move(
        action,
        Status.VERIFIED,
        by=by,
        kind=Kind.VERIFIED,
        note=(note or "").strip(),
        locked=locked,
        verified_at=timezone.now(),
        verified_by=by,
    )


@transaction.atomic
def reopen_action(action: FollowUpAction, *, by, reason: str) -> FollowUpAction:
    """Reject a completion: the work goes on."""
    _require_command(by, action)
    reason = _require_text(reason, "reason", _("Say why the completion is not accepted."))
    return move(
        action,
        Status.REOPENED,
        by=by,
        kind=Kind.REOPENED,
        note=reason,
        completed_at=None,
        completed_by=None,
    )


@transaction.atomic
def cancel_action(action: FollowUpAction, *, by, reason: str) -> FollowUpAction:
    _require_command(by, action)
    reason = _require_text(reason, "reason", _("Say why the action is cancelled."))
    return move(
        action, Status.CANCELLED, by=by, kind=Kind.CANCELLED, note=reason, cancel_reason=reason
    )
