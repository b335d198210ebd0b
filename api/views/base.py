"""What every view of the API shares: authentication, throttles, JSON, the error shape."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer

from api.authentication import ApiTokenAuthentication
from api.errors import ErrorSerializer, api_exception_handler
from api.pagination import ApiCursorPagination
from api.throttling import ApiAnonThrottle, ApiUserThrottle

# Declared on every operation, so that clients and schemathesis know the error body.
ERRORS = {
    code: OpenApiResponse(ErrorSerializer, description=text)
    for code, text in (
        (400, "Invalid input: `fields` holds the messages."),
        (401, "Not signed in, or the token is unknown, expired or revoked."),
        (403, "The policy refuses this user."),
        (404, "No such resource for this user."),
        (429, "Too many requests: wait and retry (see Retry-After)."),
    )
}
READ_ERRORS = {code: ERRORS[code] for code in (400, 401, 403, 404, 429)}


class ApiView:
    # Mixed into every API view: the project-wide DRF defaults are not relied upon. (Comments,
    # not docstrings, on these bases: the schema shows a view's docstring as its description.)

    # The token first: its WWW-Authenticate header makes a refusal 401, not 403.
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [ApiUserThrottle, ApiAnonThrottle]
    renderer_classes = [JSONRenderer]
    pagination_class = ApiCursorPagination
    #: The list's order, a unique column last: the cursor's position.
    ordering = ("-id",)

    def get_exception_handler(self):
        return api_exception_handler

    @property
    def paginator(self):
        if not hasattr(self, "_paginator"):
            self._paginator = self.pagination_class() if self.pagination_class else None
            if self._paginator is not None:
                self._paginator.ordering = self.ordering
        return self._paginator

    def paginated(self, queryset, serializer_class, ordering):
        """A nested list (``/concerns/{id}/events/``) paginated like the top-level ones."""
        paginator = self.paginator
        paginator.ordering = ordering
        page = paginator.paginate_queryset(queryset, self.request, view=self)
        context = self.get_serializer_context()
        return paginator.get_paginated_response(
            serializer_class(page, many=True, context=context).data
        )


class ReadOnlyViewSet(
    ApiView, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    # A scoped list and detail: ``get_queryset`` starts from a policy queryset. (A comment, not
    # a docstring: the schema would show it as the description of every operation.)

    lookup_value_regex = "[0-9]{1,18}"


def documented(serializer):
    """Every operation of a read-only viewset declares its body and the error shape."""
    return extend_schema_view(
        list=extend_schema(responses={200: serializer(many=True), **READ_ERRORS}),
        retrieve=extend_schema(responses={200: serializer, **READ_ERRORS}),
    )
