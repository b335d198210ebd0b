"""Concerns: scoped by ``concerns.policies.concerns_visible_to`` (sensitive categories excluded
for who may not read them), their transitions from ``concerns.transitions``."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from api.errors import ErrorSerializer
from api.filters import ConcernFilter
from api.serializers.concerns import (
    AttachmentSerializer,
    ConcernEventSerializer,
    ConcernSerializer,
    PublicUpdateSerializer,
    ReporterIdentitySerializer,
)
from api.transitions import with_transitions
from api.views.base import ERRORS, READ_ERRORS, ReadOnlyViewSet, documented
from concerns import policies, selectors, services
from concerns.ratelimit import client_ip_or_none
from concerns.transitions import concern_transitions
from policing.models import ProgressUpdate


@documented(ConcernSerializer)
@with_transitions(concern_transitions, prefix="Concern", response_serializer=ConcernSerializer)
class ConcernViewSet(ReadOnlyViewSet):
    """Concerns the user may read (their councils'; sensitive categories only for the secretary
    and the safeguarding officer). Never the reporter's identity."""

    serializer_class = ConcernSerializer
    filterset_class = ConcernFilter
    ordering = ("-created_at", "-id")

    def get_queryset(self):
        return (
            policies.concerns_visible_to(self.request.user)
            .select_related("category", "duplicate_of")
            .defer("search_vector")
        )

    @extend_schema(
        responses={200: ConcernEventSerializer(many=True), **READ_ERRORS},
        description="The concern's history. Internal notes and comments only for the council "
        "(and national level); others read the public events.",
    )
    @action(detail=True, methods=["get"], url_path="events")
    def events(self, request, pk=None):
        concern = self.get_object()
        events = concern.events.select_related("actor")
        if not policies.can_read_internal_notes(request.user, concern):
            events = events.filter(is_public=True)
        return self.paginated(events, ConcernEventSerializer, ("created_at", "id"))

    @extend_schema(responses={200: AttachmentSerializer(many=True), **READ_ERRORS})
    @action(detail=True, methods=["get"], url_path="attachments")
    def attachments(self, request, pk=None):
        concern = self.get_object()
        return self.paginated(concern.attachments.all(), AttachmentSerializer, ("created_at", "id"))

    @extend_schema(
        responses={200: PublicUpdateSerializer(many=True), **READ_ERRORS},
        description="The progress summaries of the concern's actions that the reporter sees.",
    )
    @action(detail=True, methods=["get"], url_path="public-updates")
    def public_updates(self, request, pk=None):
        concern = self.get_object()
        updates = ProgressUpdate.objects.filter(action__concern=concern, is_public=True)
        return self.paginated(updates, PublicUpdateSerializer, ("created_at", "id"))

    @extend_schema(
        responses={200: ConcernEventSerializer(many=True), **READ_ERRORS},
        description="The messages the council wrote to the reporter (kind public_update), in "
        "every language they were written in; the status stays as it was.",
    )
    @action(detail=True, methods=["get"], url_path="reporter-messages")
    def reporter_messages(self, request, pk=None):
        concern = self.get_object()
        messages = selectors.public_updates(concern).select_related("actor")
        return self.paginated(messages, ConcernEventSerializer, ("created_at", "id"))

    @extend_schema(
        request=None,
        responses={
            200: ReporterIdentitySerializer,
            **ERRORS,
            403: OpenApiResponse(
                ErrorSerializer,
                description="Only the secretary of the concern's council, and never for an "
                "anonymous concern.",
            ),
        },
        description="The reporter's name, phone and email, for the council's secretary. Every "
        "call is logged (who, when, from where) as on the staff page; a POST so that it is "
        "never prefetched or cached.",
    )
    @action(detail=True, methods=["post"], url_path="reporter-identity")
    def reporter_identity(self, request, pk=None):
        concern = self.get_object()
        identity = services.reveal_reporter_identity(
            concern, by=request.user, ip_address=client_ip_or_none(request)
        )
        return Response(ReporterIdentitySerializer(identity).data)
