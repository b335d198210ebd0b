"""Staff pages under /staff/plans/ and /staff/priorities/, public ones under /councils/."""

from django.urls import path, register_converter

from config.converters import UrlSafeConverter
from plans.transitions import plan_transitions, priority_transitions
from plans.views import plans, priorities, public


class FollowerTokenConverter(UrlSafeConverter):
    """A follower's secret token (``secrets.token_urlsafe(24)``: 32 characters)."""

    regex = "[A-Za-z0-9_-]{20,64}"


register_converter(FollowerTokenConverter, "follower_token")

app_name = "plans"

urlpatterns = [
    path("staff/plans/", plans.plans, name="plans"),
    path("staff/plans/new/<int:council_id>/", plans.new_plan, name="new_plan"),
    path("staff/plans/<int:pk>/", plans.plan, name="plan"),
    path("staff/plans/<int:pk>/edit/", plans.edit_plan, name="edit_plan"),
    path("staff/plans/<int:pk>/objectives/add/", plans.add_objective, name="add_objective"),
    *plan_transitions.urls(),
    path("staff/plans/objectives/<int:pk>/", plans.edit_objective, name="edit_objective"),
    path(
        "staff/plans/objectives/<int:pk>/activities/add/", plans.add_activity, name="add_activity"
    ),
    path("staff/plans/activities/<int:pk>/", plans.activity, name="activity"),
    path("staff/plans/activities/<int:pk>/remove/", plans.remove_activity, name="remove_activity"),
    path("staff/plans/activities/<int:pk>/values/", plans.record_value, name="record_value"),
    path("staff/plans/activities/<int:pk>/link/", plans.link_action, name="link_action"),
    path("staff/plans/links/<int:pk>/remove/", plans.unlink, name="unlink"),
    path("staff/priorities/<int:pk>/", priorities.priority, name="priority"),
    path("staff/priorities/<int:pk>/edit/", priorities.edit_priority, name="edit_priority"),
    path("staff/priorities/<int:pk>/updates/", priorities.add_update, name="add_update"),
    path("staff/priorities/<int:pk>/concerns/", priorities.link_concern, name="link_concern"),
    *priority_transitions.urls(),
    # Public
    path("councils/plans/<int:pk>/", public.plan, name="public_plan"),
    path("councils/priorities/<int:pk>/follow/", public.follow, name="public_follow"),
    path(
        "councils/follow/<follower_token:token>/",
        public.follow_confirm,
        name="public_follow_confirm",
    ),
    path(
        "councils/unfollow/<follower_token:token>/", public.unsubscribe, name="public_unsubscribe"
    ),
]
