from django.urls import path

from policing import views
from policing.transitions import action_transitions

app_name = "policing"

urlpatterns = [
    path("", views.index, name="actions"),
    path("queue/", views.queue, name="queue"),
    path("queue/assign/", views.bulk_assign, name="bulk_assign"),
    path("mine/", views.mine, name="mine"),
    path("all/", views.action_list, name="list"),
    path("workload/", views.workload, name="workload"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    *action_transitions.urls(),
]
