"""Who may see and do what with police units, partner bodies and follow-up actions.

An action belongs to one responsible body: a police unit (its commander commands it, the assigned
officer works on it, the unit's officers read it) or a partner body (its focal points work on it;
the council's co-chairs — the deputy mayor — command it, as the commander does for the police).
Secretaries and members read the actions of their council and change nothing.

Sensitive-category actions (their concern's category is sensitive) are visible only to the
people assigned (the officer, the body's focal points), the commander of the responsible unit
and the council's safeguarding officer.
"""

from django.db.models import Q, QuerySet

from councils.models import Council
from policing.models import FollowUpAction, PartnerBody, PoliceUnit
from workspace.scopes import Scope, scope_of


def units_visible_to(user) -> QuerySet[PoliceUnit]:
    scope = scope_of(user)
    if scope.reads_everything:
        return PoliceUnit.objects.all()
    ids = set(scope.commands)
    if scope.officer_unit_id:
        ids.add(scope.officer_unit_id)
    return PoliceUnit.objects.filter(id__in=ids)


def partner_bodies_visible_to(user) -> QuerySet[PartnerBody]:
    scope = scope_of(user)
    if not scope.is_authenticated:
        return PartnerBody.objects.none()
    if scope.reads_everything:
        return PartnerBody.objects.all()
    municipalities = Council.objects.filter(pk__in=scope.member_of).values("municipality_id")
    return PartnerBody.objects.filter(
        Q(id__in=scope.focal_point_of) | Q(municipality_id__in=municipalities)
    )


def _assigned_people(scope: Scope) -> Q:
    """The people an action is given to: its officer, its body's focal points."""
    condition = Q(responsible_body_id__in=scope.focal_point_of)
    if scope.officer_id:
        condition |= Q(assignee_id=scope.officer_id)
    return condition


SENSITIVE = Q(concern__category__is_sensitive=True)


def _the_few(scope: Scope) -> Q:
    """Who sees an action of a sensitive category."""
    return (
        _assigned_people(scope)
        | Q(responsible_unit_id__in=scope.commands)
        | (Q(council_id__in=scope.safeguarding_of) & SENSITIVE)
    )


def actions_visible_to(user) -> QuerySet[FollowUpAction]:
    scope = scope_of(user)
    if not scope.is_authenticated:
        return FollowUpAction.objects.none()
    few = _the_few(scope)
    if scope.reads_everything:
        return FollowUpAction.objects.filter(~SENSITIVE | few)
    many = few | Q(council_id__in=scope.member_of)
    if scope.officer_unit_id:
        many |= Q(responsible_unit_id=scope.officer_unit_id)
    return FollowUpAction.objects.filter((~SENSITIVE & many) | (SENSITIVE & few))


def is_sensitive(action: FollowUpAction) -> bool:
    return action.concern_id is not None and action.concern.category.is_sensitive


def _is_assigned_to(scope: Scope, action: FollowUpAction) -> bool:
    return (scope.officer_id is not None and action.assignee_id == scope.officer_id) or (
        action.responsible_body_id is not None
        and action.responsible_body_id in scope.focal_point_of
    )


def can_view_action(user, action: FollowUpAction) -> bool:
    """select_related("concern__category") to avoid a query."""
    scope = scope_of(user)
    if not scope.is_authenticated:
        return False
    if (
        _is_assigned_to(scope, action)
        or action.responsible_unit_id in scope.commands
        or (action.council_id in scope.safeguarding_of and is_sensitive(action))
    ):
        return True
    if is_sensitive(action):
        return False
    return (
        scope.reads_everything
        or action.council_id in scope.member_of
        or (
            scope.officer_unit_id is not None
            and action.responsible_unit_id == scope.officer_unit_id
        )
    )


def can_create_action(
    user,
    *,
    council: Council,
    unit: PoliceUnit | None = None,
    body: PartnerBody | None = None,
    for_council_item: bool = False,
) -> bool:
    """A commander creates actions for their units, a co-chair for the municipality's partner
    bodies. The council's secretary records the council's own items — a decision, or a concern
    referred to the police or a body (``for_council_item``) — as actions for either; the
    commander then assigns them. The responsible body must serve the council's municipality."""
    scope = scope_of(user)
    responsible = unit or body
    if responsible is None or not council.is_active:
        return False
    if responsible.municipality_id != council.municipality_id or not responsible.is_active:
        return False
    if for_council_item and council.pk in scope.secretary_of:
        return True
    if unit is not None:
        return unit.pk in scope.commands
    return council.pk in scope.co_chair_of


def can_command(user, action: FollowUpAction) -> bool:
    """Assign, reassign, change the due date, verify, reopen or cancel: the responsible unit's
    commander; for a partner body's action, the council's co-chairs (the deputy mayor)."""
    scope = scope_of(user)
    if action.responsible_unit_id:
        return action.responsible_unit_id in scope.commands
    return action.council_id in scope.co_chair_of


def can_record_progress(user, action: FollowUpAction) -> bool:
    """Start, update and complete: the assigned officer, the body's focal points, and whoever
    commands the action. Officers of the unit read the unit's other actions, they don't act."""
    return _is_assigned_to(scope_of(user), action) or can_command(user, action)


def can_download_attachment(user, action: FollowUpAction) -> bool:
    return can_view_action(user, action)


def sees_actions_page(user) -> bool:
    """The actions area is for who commands, works on or reads actions."""
    scope = scope_of(user)
    return bool(
        scope.commands
        or scope.officer_id
        or scope.focal_point_of
        or scope.member_of
        or scope.reads_everything
    )
