"""Open311 GeoReport v2: thin views over ``selectors`` (reads) and ``services`` (the POST).

Plain Django views rather than DRF: the output is the spec's exact JSON and XML shapes and
error arrays on every path, including Django's own 400/404 (see ``handler``), and none of the
REST API's authentication, throttling or exception handling applies here. An ``Open311Error``
raised anywhere becomes the error array in the requested format.
"""

import functools
import logging

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from api import errors as api_errors
from concerns import ratelimit
from concerns.services import tracking_path
from notifications.services import absolute_url
from open311 import representations, selectors
from open311.filters import filter_requests
from open311.formats import Open311Error, error_response, format_of_path, render
from open311.parsing import parse_post
from open311.services import client_for, submit_service_request

logger = logging.getLogger(__name__)

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


def _language(request) -> str:
    """``locale`` (used by several Open311 clients) wins over Accept-Language."""
    wanted = request.GET.get("locale", "").strip().lower().replace("_", "-")
    if wanted:
        supported = translation.get_supported_language_variant
        try:
            return supported(wanted)
        except LookupError:
            pass
    return translation.get_language()


def open311_view(*methods: str):
    """Methods allowed, the format asked for, the reader's language and Open311 errors."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, format: str | None = None, **kwargs):
            fmt = format or format_of_path(request.path, request.GET.get("format"))
            with translation.override(_language(request)):
                if request.method not in methods:
                    response = error_response(
                        405,
                        [
                            _("Method %(method)s is not allowed here.")
                            % {"method": request.method[:10]}
                        ],
                        fmt=fmt,
                    )
                    response["Allow"] = ", ".join(methods)
                    return response
                try:
                    return view(request, *args, fmt=fmt, **kwargs)
                except Open311Error as exc:
                    return error_response(exc.status, [exc.description], fmt=fmt)

        return csrf_exempt(wrapper)

    return decorate


@open311_view("GET")
def discovery(request, *, fmt: str):
    endpoint = request.build_absolute_uri(reverse("open311:root"))
    data = {
        "changeset": "2026-12-01T00:00:00Z",
        "contact": settings.CSC.get("OPEN311_CONTACT", ""),
        "key_service": _("Ask the administrator of this site for an API key."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": endpoint,
                "changeset": "2026-12-01T00:00:00Z",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(data, root="discovery", fmt=fmt)


@open311_view("GET")
def services(request, *, fmt: str):
    place = selectors.place_for(request.GET.get("jurisdiction_id"))
    rows = [representations.service(c) for c in selectors.services(place)]
    return render(rows, root="services", fmt=fmt)


@open311_view("GET")
def service_definition(request, code: str, *, fmt: str):
    place = selectors.place_for(request.GET.get("jurisdiction_id"))
    category = selectors.service(place, code)
    data = representations.definition(category, selectors.questions(place, category))
    return render(data, root="service_definition", fmt=fmt)


@open311_view("GET", "POST")
def requests(request, *, fmt: str):
    if request.method == "POST":
        return _post_request(request, fmt)
    place = selectors.place_for(request.GET.get("jurisdiction_id"))
    concerns = filter_requests(selectors.public_requests(place), request.GET, place)
    rows = selectors.with_notes(list(concerns[: selectors.MAX_REQUESTS]), place)
    return render(
        [representations.request(c, place) for c in rows], root="service_requests", fmt=fmt
    )


def _post_request(request, fmt: str):
    fields = parse_post(request)
    place = selectors.place_for(fields.get("jurisdiction_id"))
    client = client_for(fields.get("api_key"), place)
    # Residents share the web form's limit; a client app posting for many residents from its
    # server has a limit of its own.
    scope, rate = "report", settings.CSC["REPORT_RATE_LIMIT"]
    if client is not None:
        scope, rate = f"open311-client-{client.pk}", settings.CSC["OPEN311_CLIENT_RATE_LIMIT"]
    if ratelimit.is_limited(scope, request, rate):
        return error_response(
            429, [_("Too many requests from this connection. Please try again later.")], fmt=fmt
        )
    accepted = submit_service_request(
        fields, place=place, client=client, language=translation.get_language()
    )
    ratelimit.hit(scope, request, rate)
    concern = accepted.submission.concern
    notice = _("Thank you. Your reference is %(reference)s. Follow your concern at %(url)s") % {
        "reference": concern.reference,
        "url": absolute_url(tracking_path(concern)),
    }
    row = {
        "service_request_id": concern.reference,
        "token": accepted.submission.token,
        "service_notice": notice,
        "account_id": None,
    }
    return render([row], root="service_requests", fmt=fmt, status=201)


@open311_view("GET")
def request_detail(request, service_request_id: str, *, fmt: str):
    place = selectors.place_for(request.GET.get("jurisdiction_id"))
    concern = selectors.public_requests(place).filter(reference=service_request_id.upper()).first()
    if concern is None:
        raise Open311Error(
            404, _("service_request_id %(id)s was not found.") % {"id": service_request_id[:40]}
        )
    rows = selectors.with_notes([concern], place)
    return render(
        [representations.request(c, place) for c in rows], root="service_requests", fmt=fmt
    )


@open311_view("GET")
def token(request, token: str, *, fmt: str):
    place = selectors.place_for(request.GET.get("jurisdiction_id"))
    submission = selectors.submission_for_token(place, token)
    row = {"service_request_id": submission.concern.reference, "token": submission.token}
    return render([row], root="service_requests", fmt=fmt)


@open311_view("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
def not_found(request, *, fmt: str):
    raise Open311Error(404, _("There is no such Open311 resource."))


def is_open311_path(request) -> bool:
    return request.path_info.startswith("/open311/")


def handler(status: int, request) -> HttpResponse:
    """Django's own errors (a NUL byte, a body too large, a path no pattern matches) on an
    Open311 path, as an error array."""
    fmt = format_of_path(request.path_info, request.GET.get("format"))
    messages = {
        400: _("The request could not be read."),
        404: _("There is no such Open311 resource."),
        500: _("Something went wrong on our side. Please try again later."),
    }
    with translation.override(_language(request)):
        return error_response(status, [messages[status]], fmt=fmt)


def bad_request(request, exception):
    if is_open311_path(request):
        return handler(400, request)
    return api_errors.bad_request(request, exception)


def page_not_found(request, exception):
    if is_open311_path(request):
        return handler(404, request)
    return api_errors.page_not_found(request, exception)


def server_error(request):
    if is_open311_path(request):
        return handler(500, request)
    return api_errors.server_error(request)
