from rest_framework import serializers

from notifications.models import Notification
from notifications.selectors import with_texts


class NotificationListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        # An action reminder's words are composed for the whole page at once (one query).
        rows = data.all() if hasattr(data, "all") else data
        return super().to_representation(with_texts(rows, self.context["request"].user))


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "created_at", "read_at"]
        read_only_fields = fields
        list_serializer_class = NotificationListSerializer

    def to_representation(self, instance):
        with_texts([instance], self.context["request"].user)
        return super().to_representation(instance)
