"""Reference data: categories, municipalities, settlements, councils, partner bodies."""

from rest_framework import serializers

from concerns.models import Category
from councils.models import Council, Municipality, Settlement
from policing.models import PartnerBody

TRANSLATIONS = serializers.DictField(
    child=serializers.CharField(),
    read_only=True,
    help_text='The name by language code, e.g. {"sq": "Istog"}.',
)


class NamedSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(
        read_only=True, help_text="The name in the request's language (Accept-Language)."
    )
    name_translations = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text='The name by language code, e.g. {"sq": "Istog"}.',
    )


class CategorySerializer(NamedSerializer):
    display_description = serializers.CharField(read_only=True)

    class Meta:
        model = Category
        fields = [
            "id",
            "code",
            "name",
            "name_translations",
            "display_name",
            "description",
            "display_description",
            "is_active",
            "is_sensitive",
            "position",
        ]


class MunicipalitySerializer(NamedSerializer):
    official_languages = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Municipality
        fields = [
            "id",
            "code",
            "name",
            "name_translations",
            "display_name",
            "official_languages",
            "time_zone",
            "emergency_number",
            "is_active",
        ]


class SettlementSerializer(NamedSerializer):
    class Meta:
        model = Settlement
        fields = ["id", "municipality", "kind", "name", "name_translations", "display_name"]


class CouncilSerializer(NamedSerializer):
    class Meta:
        model = Council
        fields = [
            "id",
            "level",
            "municipality",
            "parent",
            "name",
            "name_translations",
            "display_name",
            "meeting_cadence",
            "time_zone",
            "is_active",
        ]


class PartnerBodySerializer(NamedSerializer):
    class Meta:
        model = PartnerBody
        fields = [
            "id",
            "municipality",
            "kind",
            "name",
            "name_translations",
            "display_name",
            "is_active",
        ]
