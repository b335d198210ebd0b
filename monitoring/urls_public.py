from django.urls import path

from monitoring.views import public

app_name = "statistics"

# <municipality_code:…> is registered by concerns.urls_public, included before this module.
urlpatterns = [
    path("statistics/", public.public_index, name="public_index"),
    path(
        "statistics/<municipality_code:code>/",
        public.public_municipality,
        name="public_municipality",
    ),
]
