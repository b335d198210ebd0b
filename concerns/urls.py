from django.urls import path

from concerns.transitions import concern_transitions
from concerns.views import staff

app_name = "concerns"

urlpatterns = [
    path("", staff.inbox, name="inbox"),
    path("new/", staff.new_concern, name="new"),
    path("<int:pk>/", staff.detail, name="detail"),
    path("<int:pk>/identity/", staff.reveal_identity, name="identity"),
    path("<int:pk>/attachments/<int:attachment_id>/", staff.attachment, name="attachment"),
    *concern_transitions.urls(),
]
