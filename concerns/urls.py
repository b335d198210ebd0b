from django.urls import path

from concerns.views import staff

app_name = "concerns"

urlpatterns = [
    path("", staff.inbox, name="inbox"),
    path("new/", staff.new_concern, name="new"),
    path("<int:pk>/", staff.detail, name="detail"),
    path("<int:pk>/triage/", staff.triage, name="triage"),
    path("<int:pk>/reject/", staff.reject, name="reject"),
    path("<int:pk>/reclassify/", staff.reclassify, name="reclassify"),
    path("<int:pk>/duplicate/", staff.duplicate, name="duplicate"),
    path("<int:pk>/refer/", staff.refer, name="refer"),
    path("<int:pk>/agenda/", staff.put_on_agenda, name="agenda"),
    path("<int:pk>/resolve/", staff.resolve, name="resolve"),
    path("<int:pk>/close/", staff.close, name="close"),
    path("<int:pk>/reopen/", staff.reopen, name="reopen"),
    path("<int:pk>/notes/", staff.add_note, name="note"),
    path("<int:pk>/identity/", staff.reveal_identity, name="identity"),
    path("<int:pk>/attachments/<int:attachment_id>/", staff.attachment, name="attachment"),
]
