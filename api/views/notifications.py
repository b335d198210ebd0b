"""The signed-in user's in-app notifications (their own only)."""

from api.filters import NotificationFilter
from api.serializers.notifications import NotificationSerializer
from api.views.base import ReadOnlyViewSet, documented
from notifications.models import Notification


@documented(NotificationSerializer)
class NotificationViewSet(ReadOnlyViewSet):
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    ordering = ("-created_at", "-id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return Notification.objects.filter(user=self.request.user)
