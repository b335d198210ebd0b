"""Staff pages under /staff/meetings/, public pages under /councils/: one namespace."""

from django.urls import path

from councils.transitions import meeting_transitions
from councils.views import agenda, meetings, members, public

app_name = "councils"

urlpatterns = [
    # Staff
    path("staff/meetings/", meetings.meetings, name="meetings"),
    path("staff/meetings/schedule/<int:council_id>/", meetings.schedule, name="schedule"),
    path("staff/meetings/<int:pk>/", meetings.meeting, name="meeting"),
    path("staff/meetings/<int:pk>/agenda/add/", agenda.add_item, name="add_item"),
    path("staff/meetings/<int:pk>/agenda/order/", agenda.reorder, name="reorder"),
    path("staff/meetings/<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path("staff/meetings/<int:pk>/minutes/", meetings.minutes, name="minutes"),
    path("staff/meetings/<int:pk>/correct/", meetings.correct, name="correct"),
    path("staff/meetings/<int:pk>/revisions/<int:number>/", meetings.revision, name="revision"),
    path("staff/meetings/<int:pk>/print/", meetings.printable, name="staff_print"),
    *meeting_transitions.urls(),
    path("staff/meetings/items/<int:pk>/", agenda.item, name="item"),
    path("staff/meetings/items/<int:pk>/move/", agenda.move_item, name="move_item"),
    path("staff/meetings/items/<int:pk>/remove/", agenda.remove_item, name="remove_item"),
    path("staff/meetings/items/<int:pk>/decide/", agenda.decide, name="decide"),
    path("staff/meetings/items/<int:pk>/annotate/", agenda.annotate, name="annotate"),
    path("staff/meetings/councils/<int:pk>/members/", members.members, name="members"),
    path("staff/meetings/councils/<int:pk>/appoint/", members.appoint, name="appoint"),
    path("staff/meetings/memberships/<int:pk>/end/", members.end, name="end_membership"),
    # Public
    path("councils/", public.councils, name="public_councils"),
    path("councils/<int:pk>/", public.council, name="public_council"),
    path("councils/meetings/<int:pk>/", public.meeting, name="public_meeting"),
    path("councils/meetings/<int:pk>/pdf/", public.meeting_pdf, name="public_meeting_pdf"),
]
