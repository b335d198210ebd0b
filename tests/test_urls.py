"""Every URL parameter of the project has a converter that says what it is: a NUL byte or any
other stray character in a path is a 404 before a view (or PostgreSQL) sees it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import PathConverter, StringConverter
from django.urls.exceptions import Resolver404


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield route, namespace, entry


def test_no_url_pattern_of_the_project_takes_any_string():
    loose = [
        route
        for route, namespace, entry in _patterns(get_resolver())
        # The admin's own patterns parse object ids with the model field (and 404 on junk).
        if namespace != "admin"
        and any(
            isinstance(converter, StringConverter | PathConverter)
            for converter in getattr(entry.pattern, "converters", {}).values()
        )
    ]
    assert loose == []


@pytest.mark.parametrize(
    "path",
    [
        "/report/IST\x00/",
        "/report/IST'--/",
        "/report/I/",
        "/track/IST-2026-00001/abc\x00def/",
        "/track/IST\x00-2026-00001/abcdef/",
        "/track/IST-2026-00001/abc%def/",
        "/track/IST-2026-1x/abcdef/",
        "/accounts/password/reset/MQ\x00/set-password/",
    ],
)
def test_a_malformed_url_parameter_matches_no_url(path):
    with pytest.raises(Resolver404):
        resolve(path)


@pytest.mark.parametrize(
    ("path", "kwargs"),
    [
        ("/report/ist/", {"code": "IST"}),
        ("/track/ist-2026-00042/Ab_-9/", {"reference": "IST-2026-00042", "token": "Ab_-9"}),
        ("/accounts/password/reset/MQ/set-password/", {"uidb64": "MQ", "token": "set-password"}),
    ],
)
def test_well_formed_parameters_still_match(path, kwargs):
    assert resolve(path).kwargs == kwargs


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/report/IST%00/",
        "/track/IST-2026-00001/abc%00def/",
        "/track/IST%00-2026-00001/abcdef/",
        "/admin/concerns/concern/1%00/change/",
        "/staff/concerns/1%00/",
    ],
)
def test_a_nul_byte_in_a_path_is_not_found(client, admin_user, path):
    client.force_login(admin_user)
    assert client.get(path).status_code == 404
