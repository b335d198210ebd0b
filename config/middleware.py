"""Middleware of the whole site: refuse NUL bytes, keep staff and intake pages out of caches."""

from collections.abc import Iterable

from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.utils import translation


class NulByteInRequest(SuspiciousOperation):
    """Logged by django.security.NulByteInRequest, answered with the 400 page."""


def _has_nul(texts: Iterable[str]) -> bool:
    return any("\x00" in text for text in texts)


def _querydict_texts(data) -> Iterable[str]:
    for key, values in data.lists():
        yield key
        yield from (value for value in values if isinstance(value, str))


class RejectNulBytesMiddleware:
    """A NUL byte anywhere a view or the database could see it is a 400, never a 500.

    PostgreSQL cannot store NUL in text, and psycopg2 raises ValueError on any query
    parameter holding one: a NUL in a search box, a filter, a cookie or an upload's name
    would otherwise reach a query somewhere (the admin's search, a session look-up) and
    answer 500. No person types one. In the path it is a 404, as for any unknown page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            self.check(request)
        except (Http404, NulByteInRequest):
            # It runs before the session and LocaleMiddleware: the error page is still
            # in the reader's language.
            translation.activate(translation.get_language_from_request(request))
            raise
        return self.get_response(request)

    def check(self, request) -> None:
        if "\x00" in request.path_info:
            # Like any other path no URL pattern matches (the converters refuse it too).
            raise Http404
        if (
            _has_nul(_querydict_texts(request.GET))
            or _has_nul(request.COOKIES.keys())
            or _has_nul(request.COOKIES.values())
        ):
            raise NulByteInRequest("NUL byte in the query string or a cookie")
        if request.method == "POST":
            names = (upload.name or "" for _, files in request.FILES.lists() for upload in files)
            if (
                _has_nul(_querydict_texts(request.POST))
                or _has_nul(request.FILES.keys())
                or _has_nul(names)
            ):
                raise NulByteInRequest("NUL byte in a posted field")


class NoStoreMiddleware:
    """``Cache-Control: no-store, private`` on every page a signed-in user sees, on the sign-in
    and admin pages, and on the resident's report and tracking pages: a shared computer's
    browser cache or a proxy must not keep reporters' details, tracking codes or staff lists."""

    PREFIXES = ("/staff/", "/accounts/", "/admin/", "/report/", "/track/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path_info.startswith(self.PREFIXES) or (user and user.is_authenticated):
            current = response.get("Cache-Control", "")
            if "no-store" not in current or "private" not in current:
                response["Cache-Control"] = "no-store, private"
        return response
