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
