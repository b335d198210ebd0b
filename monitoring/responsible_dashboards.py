"""The dashboards of those who answer for actions: a commander's police units, a focal point's
partner bodies. The page and the API build them here, from the reader's scope."""

from monitoring.dashboards import Dashboard, action_rows, actions_dashboard
from monitoring.periods import Period
from policing.models import PartnerBody, PoliceUnit
from workspace.scopes import scope_of


def _title(rows) -> str:
    return ", ".join(str(row) for row in rows.order_by("name")[:5])


def police_dashboard(user, period: Period) -> Dashboard:
    """The actions of the units ``user`` commands (``policies.can_view_police_dashboard``)."""
    units = scope_of(user).commands
    return actions_dashboard(
        user,
        _title(PoliceUnit.objects.filter(pk__in=units)),
        action_rows(user, period, units=units),
        period,
        "unit",
        fixed={"unit": sorted(units)},
    )


def partner_dashboard(user, period: Period) -> Dashboard:
    """The actions of the bodies ``user`` is a focal point of
    (``policies.can_view_partner_dashboard``)."""
    bodies = scope_of(user).focal_point_of
    return actions_dashboard(
        user,
        _title(PartnerBody.objects.filter(pk__in=bodies)),
        action_rows(user, period, bodies=bodies),
        period,
        "body",
        fixed={"body": sorted(bodies)},
    )
