"""Statistics as monitoring builds them: tables of cells (``monitoring.tables``), serialised as
they are. No figure is computed here; a suppressed cell of the public statistics arrives with
no value and the page's “< 5 or hidden” text."""

from datetime import date
from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(
    {
        "type": ["number", "string", "null"],
        "description": "A count, share or number of days; the text of a label cell; null when "
        "there is no value (hidden, or nothing to measure).",
    }
)
class CellValueField(serializers.Field):
    def to_representation(self, value):
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bool | int | float | str) or value is None:
            return value
        return str(value)


class CellSerializer(serializers.Serializer):
    value = CellValueField()
    text = serializers.CharField(help_text="The value as the page shows it, in your language.")
    url = serializers.CharField(
        help_text="The staff list behind a count, when there is one; else empty."
    )
    suppressed = serializers.SerializerMethodField(
        help_text="Hidden to protect the people behind small numbers (public statistics)."
    )

    def get_suppressed(self, cell) -> bool:
        return "suppressed" in cell.css.split()


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    numeric = serializers.BooleanField()


class TableSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Stable name of the table, e.g. `quarters`.")
    title = serializers.CharField()
    description = serializers.CharField(help_text="How to read it: definitions, suppression.")
    columns = ColumnSerializer(many=True)
    rows = serializers.ListField(
        child=CellSerializer(many=True), help_text="Each row's cells, in the columns' order."
    )
    footer = CellSerializer(many=True, allow_null=True)


class MunicipalityRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    display_name = serializers.CharField()


class PublicStatisticsSerializer(serializers.Serializer):
    municipality = MunicipalityRefSerializer()
    year = serializers.IntegerField()
    years = serializers.ListField(
        child=serializers.IntegerField(), help_text="The years one may ask for, newest first."
    )
    threshold = serializers.IntegerField(
        help_text="Counts under it are hidden, with others that would give them away."
    )
    meetings_held = serializers.IntegerField()
    minutes_published = serializers.IntegerField()
    tables = TableSerializer(many=True)


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField(help_text="Inclusive.")
    time_zone = serializers.CharField(source="zone.key")


class DashboardSerializer(serializers.Serializer):
    title = serializers.CharField()
    period = PeriodSerializer()
    previous_period = serializers.SerializerMethodField()
    tables = TableSerializer(many=True)

    @extend_schema_field(PeriodSerializer)
    def get_previous_period(self, dashboard):
        return PeriodSerializer(dashboard.period.previous()).data
