"""The transition core every action service shares: lock, check the table, change, record."""

from django.utils.translation import gettext as _

from concerns.services import TransitionNotAllowed
from policing.models import ActionEvent, FollowUpAction, ProgressUpdate

Status = FollowUpAction.Status


class ActionNotAllowed(TransitionNotAllowed):
    """The action's status does not allow this step (e.g. completing a cancelled action)."""


def lock_action(action: FollowUpAction) -> FollowUpAction:
    return FollowUpAction.objects.select_for_update().get(pk=action.pk)


def record_event(
    action: FollowUpAction,
    kind: str,
    *,
    by,
    from_status: str,
    note: str = "",
    update: ProgressUpdate | None = None,
) -> ActionEvent:
    return ActionEvent.objects.create(
        action=action,
        kind=kind,
        actor=by,
        from_status=from_status,
        to_status=action.status,
        note=note,
        update=update,
    )


def refuse_transition(locked: FollowUpAction, to_status: str) -> None:
    if not locked.can_transition_to(to_status):
        raise ActionNotAllowed(
            _("An action that is “%(from)s” cannot become “%(to)s”.")
            % {"from": locked.get_status_display(), "to": Status(to_status).label}
        )


def move(
    action: FollowUpAction,
    to_status: str,
    *,
    by,
    kind: str,
    note: str = "",
    update: ProgressUpdate | None = None,
    locked: FollowUpAction | None = None,
    **changes,
) -> FollowUpAction:
    """Change the status of ``action`` (locked here unless given), apply ``changes``, write the
    event; the caller's object is refreshed so it shows the new state."""
    locked = locked or lock_action(action)
    refuse_transition(locked, to_status)
    from_status = locked.status
    locked.status = to_status
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save()
    record_event(locked, kind, by=by, from_status=from_status, note=note, update=update)
    if action is not locked:
        action.refresh_from_db()
    return locked
