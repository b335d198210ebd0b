"""Follow-up actions, their progress, due-date history and reminders."""

from rest_framework import serializers

from policing.models import DueDateChange, FollowUpAction, ProgressUpdate
from reminders.models import Reminder

PUBLIC_TEXT = serializers.DictField(
    child=serializers.CharField(), help_text='Text by language code, e.g. {"sq": "…"}.'
)


class FollowUpActionSerializer(serializers.ModelSerializer):
    assignee_name = serializers.SerializerMethodField()
    is_overdue = serializers.BooleanField(read_only=True)
    version = serializers.SerializerMethodField(
        help_text="Send it back with a transition to refuse it if the action changed since."
    )

    class Meta:
        model = FollowUpAction
        fields = [
            "id",
            "title",
            "description",
            "council",
            "concern",
            "decision",
            "responsible_unit",
            "responsible_body",
            "assignee",
            "assignee_name",
            "due_date",
            "priority",
            "status",
            "is_overdue",
            "is_public",
            "public_summary",
            "cancel_reason",
            "created_at",
            "updated_at",
            "completed_at",
            "verified_at",
            "version",
        ]
        read_only_fields = fields

    def get_assignee_name(self, action) -> str:
        return str(action.assignee.user) if action.assignee_id else ""

    def get_version(self, action) -> str:
        return action.updated_at.isoformat()


class ProgressUpdateSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()
    public_summary = PUBLIC_TEXT

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "action",
            "text",
            "is_public",
            "public_summary",
            "author_name",
            "created_at",
        ]
        read_only_fields = fields

    def get_author_name(self, update) -> str:
        return str(update.author)


class DueDateChangeSerializer(serializers.ModelSerializer):
    changed_by_name = serializers.SerializerMethodField()

    class Meta:
        model = DueDateChange
        fields = [
            "id",
            "action",
            "old_due_date",
            "new_due_date",
            "reason",
            "changed_by_name",
            "created_at",
        ]
        read_only_fields = fields

    def get_changed_by_name(self, change) -> str:
        return str(change.changed_by)


class ReminderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reminder
        fields = ["id", "action", "kind", "period", "reason", "created_at"]
        read_only_fields = fields
