from django.contrib import admin
from django.urls import include, path

from config.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("workspace.urls")),
    path("accounts/", include("accounts.urls")),
    path("staff/concerns/", include("concerns.urls")),
    path("staff/actions/", include("policing.urls")),
    path("staff/statistics/", include("monitoring.urls")),
    path("staff/notifications/", include("notifications.urls")),
    path("staff/exports/", include("exports.urls")),
    path("api/v1/", include("api.urls")),
    path("staff/api-tokens/", include("api.urls_staff")),
    path("open311/v2/", include("open311.urls")),
    path("", include("councils.urls")),
    path("", include("plans.urls")),
    path("", include("concerns.urls_public")),
    path("", include("monitoring.urls_public")),
]
# Under /api/v1/ Django's own 400, 403, 404 and 500 answer in the API's JSON error shape.
# Open311 paths answer with the spec's error arrays, the API's with its JSON, others as pages.
handler400 = "open311.views.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "open311.views.page_not_found"
handler500 = "open311.views.server_error"
# Media (attachments) are never served as static files: each download checks the policy.
