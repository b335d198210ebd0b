"""Meetings, their agenda, attendance, decisions and approved minutes.

A confidential item (a sensitive concern on the agenda) is shown as the pages show it — a title
of "Confidential item" and nothing else — unless the reader reads that council's sensitive
concerns (its secretary, its safeguarding officer).
"""

import copy

from django.utils.translation import gettext as _
from rest_framework import serializers

from councils.models import AgendaItem, Attendance, Decision, Meeting, MinutesRevision
from workspace.scopes import scope_of

PUBLIC_TEXT = serializers.DictField(
    child=serializers.CharField(), help_text='Text by language code, e.g. {"sq": "…"}.'
)


def reads_confidential(context, council_id: int) -> bool:
    return council_id in scope_of(context["request"].user).reads_sensitive_of


class MeetingSerializer(serializers.ModelSerializer):
    public_summary = PUBLIC_TEXT
    version = serializers.SerializerMethodField(
        help_text="Send it back with a transition to refuse it if the meeting changed since."
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "council",
            "kind",
            "status",
            "planned_at",
            "place",
            "agenda_published_at",
            "held_at",
            "cancel_reason",
            "minutes_summary",
            "public_summary",
            "members_current",
            "members_present",
            "quorum_required",
            "minutes_approved_at",
            "approved_at_meeting",
            "published_at",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = fields

    def get_version(self, meeting) -> str:
        return meeting.updated_at.isoformat()


class AgendaItemSerializer(serializers.ModelSerializer):
    public_summary = PUBLIC_TEXT
    figures = serializers.DictField(
        read_only=True, help_text="The police security report's figures, frozen when held."
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "position",
            "kind",
            "title",
            "concern",
            "action",
            "minutes_of",
            "is_confidential",
            "carried_from",
            "deferrals",
            "figures",
            "annotation",
            "discussion",
            "public_summary",
        ]
        read_only_fields = fields

    def to_representation(self, item):
        data = super().to_representation(item)
        if item.is_confidential and not reads_confidential(self.context, item.meeting.council_id):
            data.update(
                title=_("Confidential item"),
                concern=None,
                discussion="",
                annotation="",
                public_summary={},
                figures={},
            )
        return data


class AttendanceSerializer(serializers.ModelSerializer):
    person_name = serializers.SerializerMethodField()
    role = serializers.SerializerMethodField()
    represents = serializers.SerializerMethodField()

    class Meta:
        model = Attendance
        fields = [
            "id",
            "meeting",
            "membership",
            "person_name",
            "role",
            "represents",
            "guest_name",
            "guest_organisation",
            "status",
        ]
        read_only_fields = fields

    def get_person_name(self, row) -> str:
        return row.membership.person.full_name if row.membership_id else ""

    def get_role(self, row) -> str:
        return row.membership.role if row.membership_id else ""

    def get_represents(self, row) -> str:
        return row.membership.represents if row.membership_id else ""


class DecisionSerializer(serializers.ModelSerializer):
    public_text = PUBLIC_TEXT

    class Meta:
        model = Decision
        fields = [
            "id",
            "agenda_item",
            "kind",
            "text",
            "public_text",
            "referred_to",
            "carry_to",
            "created_at",
        ]
        read_only_fields = fields

    def to_representation(self, decision):
        data = super().to_representation(decision)
        item = decision.agenda_item
        if item.is_confidential and not reads_confidential(self.context, item.meeting.council_id):
            data.update(text="", public_text={}, referred_to="")
        return data


class MinutesRevisionSerializer(serializers.ModelSerializer):
    approved_by_name = serializers.SerializerMethodField()
    content = serializers.DictField(
        read_only=True, help_text="The minutes as approved (summary, attendance, items)."
    )

    class Meta:
        model = MinutesRevision
        fields = ["id", "meeting", "number", "reason", "content", "approved_by_name", "created_at"]
        read_only_fields = fields

    def get_approved_by_name(self, revision) -> str:
        return str(revision.approved_by)

    def to_representation(self, revision):
        data = super().to_representation(revision)
        if not reads_confidential(self.context, revision.meeting.council_id):
            content = copy.deepcopy(data["content"])
            for item in content.get("items", []):
                if item.get("confidential"):
                    item.update(
                        title=_("Confidential item"), discussion="", public_summary={}, decisions=[]
                    )
            data["content"] = content
        return data
