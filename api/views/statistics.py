"""Statistics, read-only, as the pages show them: the public statistics of a municipality
(``monitoring.public_statistics``, small cells suppressed there, not here) and the council,
national, police and partner dashboards (``monitoring.dashboards``,
``monitoring.responsible_dashboards``) for who ``monitoring.policies`` lets see them."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from api.errors import ErrorSerializer
from api.serializers.statistics import DashboardSerializer, PublicStatisticsSerializer
from api.views.base import READ_ERRORS, ApiView
from councils.models import Council, Municipality
from monitoring import dashboards, policies
from monitoring.forms import PeriodForm
from monitoring.public_statistics import public_statistics, years_to_show
from monitoring.responsible_dashboards import partner_dashboard, police_dashboard

PERIOD_PARAMETERS = [
    OpenApiParameter(
        name,
        OpenApiTypes.DATE,
        description=f"{text} Give both or neither; without them the last six calendar months.",
    )
    for name, text in (
        ("start", "The period's first day."),
        ("end", "The period's last day (inclusive)."),
    )
]
DASHBOARD_ERRORS = {
    **READ_ERRORS,
    403: OpenApiResponse(ErrorSerializer, description="This dashboard is not in your scope."),
}


class StatisticsView(ApiView, generics.GenericAPIView):
    # One document per request: no list, so neither pages nor filters.

    pagination_class = None
    filter_backends = []

    def period(self, zone=None):
        form = PeriodForm(self.request.query_params, zone=zone)
        if form.is_bound and not form.is_valid():
            raise ValidationError(
                {name: [str(m) for m in messages] for name, messages in form.errors.items()}
            )
        return form.period()


class PublicStatisticsView(StatisticsView):
    permission_classes = [AllowAny]
    serializer_class = PublicStatisticsSerializer

    @extend_schema(
        operation_id="statistics_public",
        parameters=[
            OpenApiParameter(
                "code", OpenApiTypes.STR, OpenApiParameter.PATH, pattern="^[A-Za-z]{2,8}$"
            ),
            OpenApiParameter(
                "year",
                OpenApiTypes.INT,
                description="One of `years` (this year and the four before); default this year.",
            ),
        ],
        responses={200: PublicStatisticsSerializer, **READ_ERRORS},
        description="The public statistics page of a municipality (/statistics/<code>/) as "
        "data, no sign-in needed: the same tables and the same suppressed cells.",
    )
    def get(self, request, code: str):
        municipality = get_object_or_404(Municipality, code=code.upper(), is_active=True)
        years = years_to_show(timezone.localdate())
        year = request.query_params.get("year", str(years[0]))
        if not (year.isascii() and year.isdigit()) or int(year) not in years:
            raise ValidationError(
                {"year": [_("Choose one of these years: %(years)s.") % {"years": _list(years)}]}
            )
        statistics = public_statistics(municipality, int(year))
        data = {
            "municipality": municipality,
            "year": statistics.year,
            "years": years,
            "threshold": statistics.threshold,
            "meetings_held": statistics.meetings_held,
            "minutes_published": statistics.minutes_published,
            "tables": statistics.tables,
        }
        return Response(self.get_serializer(data).data)


class CouncilStatisticsView(StatisticsView):
    serializer_class = DashboardSerializer

    @extend_schema(
        operation_id="statistics_council",
        parameters=PERIOD_PARAMETERS,
        responses={200: DashboardSerializer, **DASHBOARD_ERRORS},
        description="The council's dashboard: its secretary, co-chairs and members, and the "
        "national coordinator. Counts are of the rows the reader may open.",
    )
    def get(self, request, pk: str):
        council = get_object_or_404(Council.objects.select_related("municipality"), pk=pk)
        if not policies.can_view_council_dashboard(request.user, council):
            raise PermissionDenied()
        dashboard = dashboards.council_dashboard(request.user, council, self.period(council.zone))
        return Response(self.get_serializer(dashboard).data)


class NationalStatisticsView(StatisticsView):
    serializer_class = DashboardSerializer

    @extend_schema(
        operation_id="statistics_national",
        parameters=PERIOD_PARAMETERS,
        responses={200: DashboardSerializer, **DASHBOARD_ERRORS},
        description="All municipalities side by side: the national coordinator (and "
        "administrators) only.",
    )
    def get(self, request):
        if not policies.can_view_national_dashboard(request.user):
            raise PermissionDenied()
        period = self.period()
        councils = dashboards.councils_side_by_side(request.user)
        dashboard = dashboards.national_dashboard(request.user, councils, period)
        return Response(self.get_serializer(dashboard).data)


class PoliceStatisticsView(StatisticsView):
    serializer_class = DashboardSerializer

    @extend_schema(
        operation_id="statistics_police",
        parameters=PERIOD_PARAMETERS,
        responses={200: DashboardSerializer, **DASHBOARD_ERRORS},
        description="The follow-up actions of the police units the reader commands.",
    )
    def get(self, request):
        if not policies.can_view_police_dashboard(request.user):
            raise PermissionDenied()
        dashboard = police_dashboard(request.user, self.period())
        return Response(self.get_serializer(dashboard).data)


class PartnerStatisticsView(StatisticsView):
    serializer_class = DashboardSerializer

    @extend_schema(
        operation_id="statistics_partners",
        parameters=PERIOD_PARAMETERS,
        responses={200: DashboardSerializer, **DASHBOARD_ERRORS},
        description="The follow-up actions of the partner bodies the reader is a focal point of.",
    )
    def get(self, request):
        if not policies.can_view_partner_dashboard(request.user):
            raise PermissionDenied()
        dashboard = partner_dashboard(request.user, self.period())
        return Response(self.get_serializer(dashboard).data)


def _list(years) -> str:
    return ", ".join(str(y) for y in years)
