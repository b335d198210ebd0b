"""What the plan and priority services share: the event row, refusals users read."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from plans.models import PlanEvent


class PlanRuleError(ValidationError):
    """A change the plan's or priority's state does not allow: shown, nothing changed."""


def record(
    kind: str, *, council_id: int, by, plan=None, priority=None, note: str = ""
) -> PlanEvent:
    return PlanEvent.objects.create(
        council_id=council_id, plan=plan, priority=priority, kind=kind, actor=by, note=note[:2000]
    )


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("Only the council's secretary may do this."))
