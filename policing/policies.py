"""Who may see and do what with police units and follow-up actions."""

from django.db.models import Q, QuerySet

from councils.models import Council
from policing.models import FollowUpAction, PoliceUnit
from workspace.scopes import scope_of


def units_visible_to(user) -> QuerySet[PoliceUnit]:
    scope = scope_of(user)
    if scope.reads_everything:
        return PoliceUnit.objects.all()
    ids = set(scope.commands)
    if scope.officer_unit_id:
        ids.add(scope.officer_unit_id)
    return PoliceUnit.objects.filter(id__in=ids)


def actions_visible_to(user) -> QuerySet[FollowUpAction]:
    scope = scope_of(user)
    if not scope.is_authenticated:
        return FollowUpAction.objects.none()
    if scope.reads_everything:
        return FollowUpAction.objects.all()
    condition = Q(council_id__in=scope.member_of) | Q(responsible_unit_id__in=scope.commands)
    if scope.officer_id:
        condition |= Q(assignee_id=scope.officer_id) | Q(responsible_unit_id=scope.officer_unit_id)
    return FollowUpAction.objects.filter(condition)


def can_view_action(user, action: FollowUpAction) -> bool:
    scope = scope_of(user)
    return (
        scope.reads_everything
        or action.council_id in scope.member_of
        or action.responsible_unit_id in scope.commands
        or (scope.officer_id is not None and action.assignee_id == scope.officer_id)
        or (
            scope.officer_unit_id is not None
            and action.responsible_unit_id == scope.officer_unit_id
        )
    )


def can_create_action(user, *, council_id: int, unit: PoliceUnit | None) -> bool:
    """A commander creates actions for their units; a secretary records the council's own
    decisions as actions (for the police, who then assign them, or for another body).
    Either way the unit must serve the council's municipality."""
    scope = scope_of(user)
    if unit is not None:
        municipality_id = (
            Council.objects.filter(pk=council_id).values_list("municipality_id", flat=True).first()
        )
        if unit.municipality_id != municipality_id:
            return False
        if unit.pk in scope.commands:
            return True
    return council_id in scope.secretary_of


def can_command(user, action: FollowUpAction) -> bool:
    """Assign, reassign, change the due date, verify or reopen: the responsible unit's commander;
    for an action of another body, the council's secretary."""
    scope = scope_of(user)
    if action.responsible_unit_id:
        return action.responsible_unit_id in scope.commands
    return action.council_id in scope.secretary_of


def can_record_progress(user, action: FollowUpAction) -> bool:
    scope = scope_of(user)
    if can_command(user, action):
        return True
    if scope.officer_id is None:
        return False
    return action.assignee_id == scope.officer_id or (
        action.responsible_unit_id is not None
        and action.responsible_unit_id == scope.officer_unit_id
    )
