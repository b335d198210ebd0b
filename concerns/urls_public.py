from django.urls import path

from concerns.views import public

app_name = "public"

urlpatterns = [
    path("", public.home, name="home"),
    path("report/", public.report, name="report"),
    path("report/done/", public.report_done, name="report_done"),
    path("report/<str:code>/", public.report, name="report_municipality"),
    path("categories/", public.categories, name="categories"),
    path("track/", public.track, name="track"),
    path("track/<str:reference>/<str:token>/", public.track_concern, name="track_concern"),
]
