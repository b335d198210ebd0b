"""Who may see and do what with concerns.

Reporter identity is the sharpest edge: only the secretary of the concern's council sees it,
only when the reporter did not choose anonymity, and every read is logged by the service.
"""

from django.db.models import Q, QuerySet

from concerns.models import Concern
from policing.models import PoliceUnit
from workspace.scopes import scope_of


def concerns_visible_to(user) -> QuerySet[Concern]:
    scope = scope_of(user)
    if not scope.is_authenticated:
        return Concern.objects.none()
    if scope.reads_everything:
        return Concern.objects.all()
    condition = Q(council_id__in=scope.member_of)
    if not scope.commands:
        # Officers read the actions given to them, not the council's concerns (DOMAIN.md).
        return Concern.objects.filter(condition)
    # Commanders read concerns referred to police: those with an action for their units.
    referred = Concern.objects.filter(actions__responsible_unit_id__in=scope.commands)
    return Concern.objects.filter(condition | Q(id__in=referred.values("id")))


def can_view_concern(user, concern: Concern) -> bool:
    scope = scope_of(user)
    if scope.reads_everything or concern.council_id in scope.member_of:
        return True
    if not scope.commands:
        return False
    return concern.actions.filter(responsible_unit_id__in=scope.commands).exists()


def can_read_internal_notes(user, concern: Concern) -> bool:
    """The council's discussion (internal notes, comments) stays with the council and the
    national level; a commander reading a referred concern sees its public history only."""
    scope = scope_of(user)
    return scope.reads_everything or concern.council_id in scope.member_of


def can_manage_concern(user, concern: Concern) -> bool:
    """Triage, reject, merge, refer, resolve, close, reopen, internal notes: the secretary."""
    return concern.council_id in scope_of(user).secretary_of


def can_see_reporter_identity(user, concern: Concern) -> bool:
    return can_manage_concern(user, concern) and not concern.is_anonymous


def can_comment(user, concern: Concern) -> bool:
    """Council members (secretary included) comment on their council's concerns."""
    return concern.council_id in scope_of(user).member_of


def can_enter_concern_for(user, council_id: int) -> bool:
    """Enter a concern on a resident's behalf (phone, walk-in, meeting)."""
    return council_id in scope_of(user).secretary_of


def can_manage_categories(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or scope.is_national


def commands_unit_in(user, municipality_id: int) -> bool:
    """A commander of an active police unit in the municipality."""
    scope = scope_of(user)
    return (
        bool(scope.commands)
        and PoliceUnit.objects.filter(
            pk__in=scope.commands, municipality_id=municipality_id
        ).exists()
    )
