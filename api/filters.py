"""Query filters of the lists (django-filter); a value that does not parse is a 400."""

from datetime import UTC

import django_filters as filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

from concerns.models import Channel, Concern, Priority
from councils.models import Meeting
from policing.models import FollowUpAction


class IdFilter(filters.NumberFilter):
    """A row id: a whole number in the range of a database key (else 400, not a 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class UtcDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment, given to the database in UTC: PostgreSQL refuses offsets past ±15:59
    that Python accepts, and a moment at the edge of the calendar cannot be converted."""

    def clean(self, value):
        moment = super().clean(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError(_("Enter a date and time that exists.")) from None


class MomentFilter(filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class ConcernFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=Concern.Status.choices)
    priority = filters.MultipleChoiceFilter(choices=Priority.choices)
    channel = filters.MultipleChoiceFilter(choices=Channel.choices)
    category = filters.CharFilter(field_name="category__code", help_text="A category code.")
    received_after = MomentFilter(field_name="created_at", lookup_expr="gte")
    received_before = MomentFilter(field_name="created_at", lookup_expr="lt")
    reference = filters.CharFilter(field_name="reference", lookup_expr="startswith")

    class Meta:
        model = Concern
        fields = []

    council = IdFilter()
    municipality = IdFilter()
    settlement = IdFilter()


class MeetingFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=Meeting.Status.choices)
    kind = filters.MultipleChoiceFilter(choices=Meeting.Kind.choices)
    planned_after = MomentFilter(field_name="planned_at", lookup_expr="gte")
    planned_before = MomentFilter(field_name="planned_at", lookup_expr="lt")

    class Meta:
        model = Meeting
        fields = []

    council = IdFilter()


class ActionFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=FollowUpAction.Status.choices)
    priority = filters.MultipleChoiceFilter(choices=Priority.choices)
    due_after = filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_before = filters.DateFilter(field_name="due_date", lookup_expr="lte")

    class Meta:
        model = FollowUpAction
        fields = []

    council = IdFilter()
    concern = IdFilter()
    responsible_unit = IdFilter()
    responsible_body = IdFilter()
    assignee = IdFilter()


class NotificationFilter(filters.FilterSet):
    unread = filters.BooleanFilter(field_name="read_at", lookup_expr="isnull")


class SettlementFilter(filters.FilterSet):
    municipality = IdFilter()
