"""Who sees which dashboard. The figures themselves are counted from each app's policies
(concerns_visible_to, actions_visible_to, meetings_for_staff): a dashboard never counts a row
its reader could not open in the list behind the figure."""

from councils.models import Council
from workspace.scopes import scope_of


def can_view_council_dashboard(user, council: Council) -> bool:
    """Its secretary, co-chairs and members; the national coordinator."""
    scope = scope_of(user)
    return scope.reads_everything or council.pk in scope.member_of


def dashboard_councils(user):
    scope = scope_of(user)
    councils = Council.objects.filter(is_active=True).select_related("municipality")
    if scope.reads_everything:
        return councils.exclude(level=Council.Level.NATIONAL)
    return councils.filter(pk__in=scope.member_of)


def can_view_police_dashboard(user) -> bool:
    return bool(scope_of(user).commands)


def can_view_partner_dashboard(user) -> bool:
    return bool(scope_of(user).focal_point_of)


def can_view_national_dashboard(user) -> bool:
    scope = scope_of(user)
    return scope.is_national or scope.is_admin


def sees_statistics(user) -> bool:
    return (
        can_view_national_dashboard(user)
        or bool(scope_of(user).member_of)
        or can_view_police_dashboard(user)
        or can_view_partner_dashboard(user)
    )
