"""GeoReport v2 under /open311/v2/: each resource with ``.json`` / ``.xml`` and, without an
extension, ``?format=`` (XML by default, as the spec has it)."""

from django.urls import path, re_path, register_converter

from open311 import views
from open311.converters import FormatConverter, IdentifierConverter

register_converter(FormatConverter, "open311_format")
register_converter(IdentifierConverter, "open311_id")

app_name = "open311"


def _both(route: str, view, name: str) -> list:
    return [
        path(f"{route}.<open311_format:format>", view, name=name),
        path(route, view, name=f"{name}_plain"),
    ]


urlpatterns = [
    path("", views.discovery, name="root"),
    *_both("discovery", views.discovery, "discovery"),
    *_both("services", views.services, "services"),
    *_both("services/<open311_id:code>", views.service_definition, "service_definition"),
    *_both("requests", views.requests, "requests"),
    *_both("requests/<open311_id:service_request_id>", views.request_detail, "request"),
    *_both("tokens/<open311_id:token>", views.token, "token"),
    re_path(r"^.*$", views.not_found),
]
