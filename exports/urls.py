from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/download/", views.download, name="download"),
]
