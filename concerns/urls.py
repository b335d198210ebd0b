from django.urls import path

from concerns.transitions import concern_transitions
from concerns.views import staff, tracking_codes

app_name = "concerns"

urlpatterns = [
    path("", staff.inbox, name="inbox"),
    path("new/", staff.new_concern, name="new"),
    path("<int:pk>/", staff.detail, name="detail"),
    path("<int:pk>/identity/", staff.reveal_identity, name="identity"),
    path("<int:pk>/attachments/<int:attachment_id>/", staff.attachment, name="attachment"),
    path("<int:pk>/tracking-code/", tracking_codes.issue_code, name="issue_code"),
    path("<int:pk>/tracking-code/slip/", tracking_codes.print_slip, name="tracking_slip"),
    path("<int:pk>/tracking-code/email/", tracking_codes.email_code, name="email_code"),
    *concern_transitions.urls(),
]
