"""Concerns and what hangs off them. No serializer here has a reporter field: the reporter's
name, phone and email leave the server only through ``ReporterIdentitySerializer``, the answer
of the secretary's logged disclosure."""

from django.urls import reverse
from rest_framework import serializers

from concerns import policies
from concerns.models import Attachment, Concern, ConcernEvent
from policing.models import ProgressUpdate

PUBLIC_TEXT = serializers.DictField(
    child=serializers.CharField(), help_text='Text by language code, e.g. {"sq": "…"}.'
)


def _version(instance) -> str:
    return instance.updated_at.isoformat()


class ConcernSerializer(serializers.ModelSerializer):
    category_code = serializers.SlugRelatedField(
        source="category", slug_field="code", read_only=True
    )
    duplicate_of = serializers.SlugRelatedField(
        slug_field="reference",
        read_only=True,
        allow_null=True,
        help_text="The original's reference (status duplicate only).",
    )
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, coerce_to_string=False, read_only=True, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, coerce_to_string=False, read_only=True, allow_null=True
    )
    reporter_identity = serializers.SerializerMethodField(
        help_text="Always “withheld”: the secretary discloses it with POST …/reporter-identity/."
    )
    can_disclose_identity = serializers.SerializerMethodField(
        help_text="Whether this user may disclose the reporter's identity (logged)."
    )
    version = serializers.SerializerMethodField(
        help_text="Send it back with a transition to refuse it if the concern changed since."
    )

    class Meta:
        model = Concern
        fields = [
            "id",
            "reference",
            "status",
            "priority",
            "category",
            "category_code",
            "council",
            "municipality",
            "settlement",
            "description",
            "occurred_at",
            "address",
            "latitude",
            "longitude",
            "channel",
            "language",
            "is_anonymous",
            "reporter_identity",
            "can_disclose_identity",
            "public_response",
            "rejection_reason",
            "duplicate_of",
            "created_at",
            "updated_at",
            "triaged_at",
            "resolved_at",
            "closed_at",
            "version",
        ]
        read_only_fields = fields

    def get_reporter_identity(self, concern) -> str:
        return "withheld"

    def get_can_disclose_identity(self, concern) -> bool:
        user = self.context["request"].user
        return concern.has_identity and policies.can_see_reporter_identity(user, concern)

    def get_version(self, concern) -> str:
        return _version(concern)


class ConcernEventSerializer(serializers.ModelSerializer):
    # Blank on events that change no status (a note, a message): "" is in the enum too.
    from_status = serializers.ChoiceField(
        choices=Concern.Status.choices, allow_blank=True, read_only=True
    )
    to_status = serializers.ChoiceField(
        choices=Concern.Status.choices, allow_blank=True, read_only=True
    )
    actor_name = serializers.SerializerMethodField()
    # What the reporter reads, per language code ({} on internal events); `note` is staff text.
    public_text = serializers.DictField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ConcernEvent
        fields = [
            "id",
            "kind",
            "from_status",
            "to_status",
            "note",
            "public_text",
            "is_public",
            "actor",
            "actor_name",
            "created_at",
        ]
        read_only_fields = fields

    def get_actor_name(self, event) -> str:
        return str(event.actor) if event.actor_id else ""


class AttachmentSerializer(serializers.ModelSerializer):
    """The file's original name is left out: residents name photos after people."""

    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "content_type", "size", "sha256", "created_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, attachment) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("concerns:attachment", args=[attachment.concern_id, attachment.pk])
        )


class PublicUpdateSerializer(serializers.ModelSerializer):
    """A progress summary of one of the concern's actions that the reporter is shown."""

    public_summary = PUBLIC_TEXT

    class Meta:
        model = ProgressUpdate
        fields = ["id", "action", "public_summary", "created_at"]
        read_only_fields = fields


class ReporterIdentitySerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    consent_to_contact = serializers.BooleanField()
