"""Who may see and do what with action plans and priorities.

The secretary edits; co-chairs adopt; members (and national readers) read drafts; the public
reads what the council adopted or published. Nothing here ever exposes a reporter.
"""

from django.db.models import QuerySet

from councils.policies import is_co_chair_of, is_secretary_of
from plans.models import Priority, SafetyPlan
from workspace.scopes import scope_of


def plans_visible_to(user) -> QuerySet[SafetyPlan]:
    """Drafts included: the council's members read them, national coordinators read all."""
    scope = scope_of(user)
    if scope.reads_everything:
        return SafetyPlan.objects.all()
    return SafetyPlan.objects.filter(council_id__in=scope.member_of)


def can_edit_plan(user, plan: SafetyPlan) -> bool:
    return is_secretary_of(user, plan.council_id)


def can_create_plan(user, council) -> bool:
    return is_secretary_of(user, council)


def can_adopt_plan(user, plan: SafetyPlan) -> bool:
    """A co-chair signs the adoption the meeting decided (the secretary recorded the decision)."""
    return is_co_chair_of(user, plan.council_id)


def public_plans() -> QuerySet[SafetyPlan]:
    """Adopted at least once (a plan under revision shows its last adopted revision)."""
    return SafetyPlan.objects.filter(revision__gte=1, council__is_active=True)


def priorities_visible_to(user) -> QuerySet[Priority]:
    scope = scope_of(user)
    if scope.reads_everything:
        return Priority.objects.all()
    return Priority.objects.filter(council_id__in=scope.member_of)


def can_manage_priorities(user, council) -> bool:
    council_id = council if isinstance(council, int) else council.pk
    return is_secretary_of(user, council_id)


def public_priorities() -> QuerySet[Priority]:
    return Priority.objects.filter(published_at__isnull=False, council__is_active=True)
