"""One JSON error shape for every refusal of the API: 400, 401, 403, 404, 405, 409, 415, 429.

    {"status": 400, "code": "invalid", "detail": "The request has errors.",
     "fields": {"reason": ["This field is required."]}}

``fields`` is there for 400 only. Django's ValidationError and PermissionDenied, which the
services raise, become 400 and 403 here: a view passes them through unchanged.
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    """The step is not possible from the target's current state, or the target moved on."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, detail=None, code=None):
        super().__init__(detail or _("This is not possible in the current state."), code)


class ErrorSerializer(serializers.Serializer):
    """What every error response of the API carries."""

    status = serializers.IntegerField(help_text="The HTTP status, repeated.")
    code = serializers.CharField(
        help_text="A stable machine name: invalid, not_authenticated, authentication_failed, "
        "permission_denied, not_found, method_not_allowed, unsupported_media_type, conflict, "
        "stale, throttled, parse_error, not_acceptable."
    )
    detail = serializers.CharField(help_text="A sentence for a person, in their language.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="400 only: messages by field name; non_field_errors for the request as a whole.",
    )


def _service_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            (field if field != "__all__" else "non_field_errors"): [str(m) for m in messages]
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as {"field": [...], "nested.field": [...]}."""
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if (
        isinstance(detail, list)
        and detail
        and not all(isinstance(d, str | exceptions.ErrorDetail) for d in detail)
    ):
        out = {}
        for index, value in enumerate(detail):
            out.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return out
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(d) for d in items]}


def error_body(status_code: int, code: str, detail: str, fields=None) -> dict:
    body = {"status": status_code, "code": code, "detail": str(detail)}
    if fields is not None:
        body["fields"] = fields
    return body


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_service_errors(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a bug: Django's 500 handling logs it
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(
            response.status_code, "invalid", _("The request has errors."), _flatten(exc.detail)
        )
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        code = codes if isinstance(codes, str) else "error"
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        if isinstance(detail, list | dict):
            detail = " ".join(_flatten(detail).get("non_field_errors", [])) or str(exc)
        body = error_body(response.status_code, code, detail)
    response.data = body
    return response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """A path under /api/v1/ that names no resource: the API's 404, not the HTML page."""
    from rest_framework.renderers import JSONRenderer

    response = Response(
        error_body(404, "not_found", _("Not found.")), status=status.HTTP_404_NOT_FOUND
    )
    response.accepted_renderer = JSONRenderer()
    response.accepted_media_type = "application/json"
    response.renderer_context = {}
    response.render()
    return response


def _json_error(request, status_code: int, code: str, detail: str):
    from django.http import JsonResponse

    return JsonResponse(error_body(status_code, code, detail), status=status_code)


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/v1/")


def bad_request(request, exception, template_name="400.html"):
    """Django's 400 (a NUL byte, an oversized body, a bad host) in the API's shape on its paths."""
    from django.views import defaults

    if _is_api(request):
        return _json_error(request, 400, "bad_request", _("The request could not be read."))
    return defaults.bad_request(request, exception, template_name)


def permission_denied(request, exception, template_name="403.html"):
    from django.views import defaults

    if _is_api(request):
        return _json_error(request, 403, "permission_denied", _("You may not do this."))
    return defaults.permission_denied(request, exception, template_name)


def server_error(request, template_name="500.html"):
    from django.views import defaults

    if _is_api(request):
        return _json_error(
            request, 500, "server_error", _("Something went wrong on our side; it was logged.")
        )
    return defaults.server_error(request, template_name)


def page_not_found(request, exception, template_name="404.html"):
    from django.views import defaults

    if _is_api(request):
        return _json_error(request, 404, "not_found", _("Not found."))
    return defaults.page_not_found(request, exception, template_name)
