"""Meetings: members read their councils' (drafts too), everyone the published ones
(``councils.policies.meetings_visible_to``); steps from ``councils.transitions``."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from api.filters import MeetingFilter
from api.serializers.meetings import (
    AgendaItemSerializer,
    AttendanceSerializer,
    DecisionSerializer,
    MeetingSerializer,
    MinutesRevisionSerializer,
)
from api.transitions import with_transitions
from api.views.base import READ_ERRORS, ReadOnlyViewSet, documented
from councils import policies
from councils.models import Decision
from councils.transitions import meeting_transitions


@documented(MeetingSerializer)
@with_transitions(meeting_transitions, prefix="Meeting", response_serializer=MeetingSerializer)
class MeetingViewSet(ReadOnlyViewSet):
    """Meetings: members read their councils' (drafts too), everyone the published ones."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    ordering = ("-planned_at", "-id")

    def get_queryset(self):
        return policies.meetings_visible_to(self.request.user)

    @extend_schema(
        responses={200: AgendaItemSerializer(many=True), **READ_ERRORS},
        description="In order. A confidential item (a sensitive concern) reads “Confidential "
        "item” with no details but for its secretary and safeguarding officer.",
    )
    @action(detail=True, methods=["get"], url_path="agenda")
    def agenda(self, request, pk=None):
        meeting = self.get_object()
        items = meeting.agenda_items.select_related("meeting")
        return self.paginated(items, AgendaItemSerializer, ("position", "id"))

    @extend_schema(responses={200: AttendanceSerializer(many=True), **READ_ERRORS})
    @action(detail=True, methods=["get"], url_path="attendance")
    def attendance(self, request, pk=None):
        meeting = self.get_object()
        rows = meeting.attendance.select_related("membership__person")
        return self.paginated(rows, AttendanceSerializer, ("id",))

    @extend_schema(responses={200: DecisionSerializer(many=True), **READ_ERRORS})
    @action(detail=True, methods=["get"], url_path="decisions")
    def decisions(self, request, pk=None):
        meeting = self.get_object()
        decisions = Decision.objects.filter(agenda_item__meeting=meeting).select_related(
            "agenda_item__meeting"
        )
        return self.paginated(decisions, DecisionSerializer, ("id",))

    @extend_schema(
        responses={200: MinutesRevisionSerializer(many=True), **READ_ERRORS},
        description="Each approved version of the minutes, the first and every correction.",
    )
    @action(detail=True, methods=["get"], url_path="minutes-revisions")
    def minutes_revisions(self, request, pk=None):
        meeting = self.get_object()
        revisions = meeting.revisions.select_related("approved_by", "meeting")
        return self.paginated(revisions, MinutesRevisionSerializer, ("number", "id"))
