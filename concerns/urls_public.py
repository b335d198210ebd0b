from django.urls import path, register_converter

from concerns.converters import (
    MunicipalityCodeConverter,
    ReferenceConverter,
    TrackingTokenConverter,
)
from concerns.views import public

register_converter(MunicipalityCodeConverter, "municipality_code")
register_converter(ReferenceConverter, "reference")
register_converter(TrackingTokenConverter, "tracking_token")

app_name = "public"

urlpatterns = [
    path("", public.home, name="home"),
    path("report/", public.report, name="report"),
    path("report/done/", public.report_done, name="report_done"),
    path("report/<municipality_code:code>/", public.report, name="report_municipality"),
    path("categories/", public.categories, name="categories"),
    path("track/", public.track, name="track"),
    path(
        "track/<reference:reference>/<tracking_token:token>/",
        public.track_concern,
        name="track_concern",
    ),
]
