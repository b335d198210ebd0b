from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from api.errors import not_found
from api.views.actions import FollowUpActionViewSet
from api.views.concerns import ConcernViewSet
from api.views.meetings import MeetingViewSet
from api.views.notifications import NotificationViewSet
from api.views.places import (
    CategoryViewSet,
    CouncilViewSet,
    MunicipalityViewSet,
    PartnerBodyViewSet,
    SettlementViewSet,
)
from api.views.statistics import (
    CouncilStatisticsView,
    NationalStatisticsView,
    PartnerStatisticsView,
    PoliceStatisticsView,
    PublicStatisticsView,
)

app_name = "api"

router = SimpleRouter()
router.register("categories", CategoryViewSet, basename="category")
router.register("municipalities", MunicipalityViewSet, basename="municipality")
router.register("settlements", SettlementViewSet, basename="settlement")
router.register("councils", CouncilViewSet, basename="council")
router.register("partner-bodies", PartnerBodyViewSet, basename="partner-body")
router.register("concerns", ConcernViewSet, basename="concern")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("actions", FollowUpActionViewSet, basename="action")
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="docs",
    ),
    path("swagger/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="swagger"),
    re_path(
        r"^statistics/public/(?P<code>[A-Za-z]{2,8})/$",
        PublicStatisticsView.as_view(),
        name="statistics-public",
    ),
    re_path(
        r"^statistics/councils/(?P<pk>[0-9]{1,18})/$",
        CouncilStatisticsView.as_view(),
        name="statistics-council",
    ),
    path("statistics/national/", NationalStatisticsView.as_view(), name="statistics-national"),
    path("statistics/police/", PoliceStatisticsView.as_view(), name="statistics-police"),
    path("statistics/partners/", PartnerStatisticsView.as_view(), name="statistics-partners"),
    *router.urls,
    re_path(r"^.*$", not_found),
]
