"""What a signed-in user's home page shows: their councils and units with open-item counts."""

from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django.utils import timezone

from concerns.models import Concern
from councils.models import Council, Meeting
from councils.policies import councils_visible_to
from policing.models import FollowUpAction, PoliceUnit
from policing.policies import units_visible_to
from workspace.scopes import scope_of


@dataclass
class Dashboard:
    roles: list[str]
    councils: list[Council] = field(default_factory=list)
    units: list[PoliceUnit] = field(default_factory=list)
    my_actions_open: int = 0
    my_actions_overdue: int = 0


def dashboard_for(user) -> Dashboard:
    scope = scope_of(user)
    today = timezone.localdate()
    active_actions = Q(actions__status__in=FollowUpAction.ACTIVE_STATUSES)
    dashboard = Dashboard(roles=scope.roles)

    # Count only the concerns the user reads: sensitive ones for their secretary and
    # safeguarding officer, the others for members and the national level.
    readable = Q(concerns__category__is_sensitive=False)
    if not scope.reads_everything:
        readable &= Q(id__in=scope.member_of)
    readable |= Q(concerns__category__is_sensitive=True, id__in=scope.reads_sensitive_of)
    dashboard.councils = list(
        (councils_visible_to(user) | Council.objects.filter(id__in=scope.safeguarding_of))
        .filter(is_active=True)
        .select_related("municipality")
        .annotate(
            open_concerns=Count(
                "concerns",
                filter=readable & Q(concerns__status__in=Concern.OPEN_STATUSES),
                distinct=True,
            ),
            awaiting_triage=Count(
                "concerns", filter=readable & Q(concerns__status=Concern.Status.NEW), distinct=True
            ),
        )
        .order_by("level", "name")
    )
    # Second pass, not a join with the first: two to-many counts in one query multiply rows.
    action_counts = dict(
        Council.objects.filter(id__in=[c.id for c in dashboard.councils])
        .annotate(
            n=Count("actions", filter=active_actions & Q(actions__due_date__lt=today)),
        )
        .values_list("id", "n")
    )
    next_meetings = dict(
        Meeting.objects.filter(
            council_id__in=[c.id for c in dashboard.councils],
            status=Meeting.Status.PLANNED,
            planned_at__gte=timezone.now(),
        )
        .values("council_id")
        .annotate(next_at=Min("planned_at"))
        .values_list("council_id", "next_at")
    )
    for council in dashboard.councils:
        council.user_is_secretary = council.id in scope.secretary_of
        council.user_is_co_chair = council.id in scope.co_chair_of
        council.user_is_safeguarding_officer = council.id in scope.safeguarding_of
        # A safeguarding officer who is not a member reads the sensitive concerns only.
        reads_council = scope.reads_everything or council.id in scope.member_of
        council.overdue_actions = action_counts.get(council.id, 0) if reads_council else None
        council.next_meeting_at = next_meetings.get(council.id) if reads_council else None

    if scope.commands or scope.officer_unit_id or scope.reads_everything:
        dashboard.units = list(
            units_visible_to(user)
            .filter(is_active=True)
            .select_related("municipality", "commander")
            .annotate(
                open_actions=Count("actions", filter=active_actions),
                overdue_actions=Count(
                    "actions", filter=active_actions & Q(actions__due_date__lt=today)
                ),
                unassigned_actions=Count(
                    "actions", filter=Q(actions__status=FollowUpAction.Status.OPEN)
                ),
            )
            .order_by("municipality__name", "name")
        )
        for unit in dashboard.units:
            unit.user_commands = unit.id in scope.commands

    if scope.officer_id or scope.focal_point_of:
        # An officer's assigned actions; a focal point's bodies' actions.
        given = Q(responsible_body_id__in=scope.focal_point_of)
        if scope.officer_id:
            given |= Q(assignee_id=scope.officer_id)
        mine = FollowUpAction.objects.filter(given, status__in=FollowUpAction.ACTIVE_STATUSES)
        dashboard.my_actions_open = mine.count()
        dashboard.my_actions_overdue = mine.filter(due_date__lt=today).count()
    return dashboard
