"""Follow-up actions: scoped by ``policing.policies.actions_visible_to``; steps from
``policing.transitions``."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from api.filters import ActionFilter
from api.serializers.actions import (
    DueDateChangeSerializer,
    FollowUpActionSerializer,
    ProgressUpdateSerializer,
    ReminderSerializer,
)
from api.transitions import with_transitions
from api.views.base import READ_ERRORS, ReadOnlyViewSet, documented
from policing import policies
from policing.transitions import action_transitions


@documented(FollowUpActionSerializer)
@with_transitions(action_transitions, prefix="Action", response_serializer=FollowUpActionSerializer)
class FollowUpActionViewSet(ReadOnlyViewSet):
    """Follow-up actions of the user's councils, police units or partner bodies."""

    serializer_class = FollowUpActionSerializer
    filterset_class = ActionFilter
    ordering = ("-created_at", "-id")

    def get_queryset(self):
        return policies.actions_visible_to(self.request.user).select_related("assignee__user")

    @extend_schema(responses={200: ProgressUpdateSerializer(many=True), **READ_ERRORS})
    @action(detail=True, methods=["get"], url_path="progress-updates")
    def progress_updates(self, request, pk=None):
        updates = self.get_object().updates.select_related("author")
        return self.paginated(updates, ProgressUpdateSerializer, ("created_at", "id"))

    @extend_schema(responses={200: DueDateChangeSerializer(many=True), **READ_ERRORS})
    @action(detail=True, methods=["get"], url_path="due-date-changes")
    def due_date_changes(self, request, pk=None):
        changes = self.get_object().due_date_changes.select_related("changed_by")
        return self.paginated(changes, DueDateChangeSerializer, ("created_at", "id"))

    @extend_schema(
        responses={200: ReminderSerializer(many=True), **READ_ERRORS},
        description="The reminders decided for the action (due soon, overdue, escalation).",
    )
    @action(detail=True, methods=["get"], url_path="reminders")
    def reminders(self, request, pk=None):
        reminders = self.get_object().reminders.all()
        return self.paginated(reminders, ReminderSerializer, ("-created_at", "-id"))
