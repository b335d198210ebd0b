from django.urls import path

from monitoring.views import dashboards

app_name = "monitoring"

urlpatterns = [
    path("", dashboards.index, name="dashboard"),
    path("councils/<int:pk>/", dashboards.council, name="council"),
    path("police/", dashboards.police, name="police"),
    path("partners/", dashboards.partners, name="partners"),
    path("national/", dashboards.national, name="national"),
    path("meetings/", dashboards.meetings, name="meetings"),
]

from monitoring.transitions import report_transitions  # noqa: E402
from monitoring.views import reports  # noqa: E402

urlpatterns += [
    path("councils/<int:pk>/reports/", reports.council_reports, name="council_reports"),
    path("reports/<int:pk>/", reports.report, name="report"),
    path("reports/<int:pk>/pdf/", reports.report_pdf, name="report_pdf"),
    path("reports/national/", reports.national_reports, name="national_reports"),
    *report_transitions.urls(),
]
