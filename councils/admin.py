from django import forms
from django.contrib import admin
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from concerns.admin_privacy import PrivateFieldsAdmin
from councils.models import (
    AgendaItem,
    Attendance,
    Council,
    CouncilEvent,
    Decision,
    Meeting,
    Membership,
    MinutesRevision,
    Municipality,
    Person,
    Settlement,
)
from publictexts.forms import LanguageListFormField
from publictexts.languages import language_choices


class RelatedLabelsMixin:
    """Load what a related object's __str__ needs with it, so its widget costs one query."""

    label_related = {
        Membership: ("person", "council"),
        Meeting: ("council__municipality",),  # the date is shown in the council's time zone
    }

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = self.label_related.get(db_field.related_model)
        if related and "queryset" not in kwargs:
            kwargs["queryset"] = db_field.related_model._default_manager.select_related(*related)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SettlementInline(admin.TabularInline):
    model = Settlement
    fields = ("name", "name_translations", "kind")
    extra = 0


def _known_languages_help() -> str:
    return ", ".join(f"{code} ({name})" for code, name in language_choices())


class MunicipalityForm(forms.ModelForm):
    official_languages = LanguageListFormField(
        label=_("Official languages"),
        help_text=format_lazy(
            "{} {}",
            _("Codes separated by commas, the default first, e.g. sq, sr-latn, tr. Known codes:"),
            lazy(_known_languages_help, str)(),
        ),
    )

    class Meta:
        model = Municipality
        fields = (
            "code",
            "name",
            "name_translations",
            "official_languages",
            "emergency_number",
            "is_active",
        )


@admin.register(Municipality)
class MunicipalityAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    form = MunicipalityForm
    list_display = ("code", "name", "official_languages", "emergency_number", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name")
    inlines = [SettlementInline]


@admin.register(Settlement)
class SettlementAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("name", "municipality", "kind")
    list_filter = ("kind", "municipality")
    list_select_related = ("municipality",)
    search_fields = ("name", "municipality__name")


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("person", "role", "represents", "start_date", "end_date")
    autocomplete_fields = ("person",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "council")


@admin.register(Council)
class CouncilAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("name", "level", "municipality", "parent", "meeting_cadence", "is_active")
    list_filter = ("level", "is_active", "meeting_cadence", "municipality")
    list_select_related = ("municipality", "parent")
    search_fields = ("name", "municipality__name", "municipality__code")
    filter_horizontal = ("settlements",)
    fieldsets = (
        (None, {"fields": ("name", "name_translations", "level", "municipality", "parent")}),
        (_("Coverage"), {"fields": ("settlements",)}),
        (_("Meetings"), {"fields": ("meeting_cadence", "is_active")}),
        (
            _("Reminders"),
            {
                "fields": (
                    "due_soon_days",
                    "overdue_repeat_days",
                    "escalation_days",
                    "minutes_reminder_days",
                )
            },
        ),
    )
    inlines = [MembershipInline]


@admin.register(Person)
class PersonAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("full_name", "user", "email", "phone", "community", "gender")
    list_filter = ("gender",)
    list_select_related = ("user",)
    search_fields = ("full_name", "email", "phone", "community")
    autocomplete_fields = ("user",)


@admin.register(Membership)
class MembershipAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("person", "council", "role", "represents", "start_date", "end_date")
    list_filter = ("role", "council__level", "council")
    search_fields = ("person__full_name", "council__name", "represents")
    autocomplete_fields = ("person",)
    date_hierarchy = "start_date"

    def get_queryset(self, request):
        # __str__ names the person and the council, also in autocomplete answers. A
        # select_related here makes the changelist ignore list_select_related: it covers both.
        return super().get_queryset(request).select_related("person", "council")


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    fk_name = "meeting"
    fields = ("position", "title", "concern", "action", "discussion")
    autocomplete_fields = ("concern", "action")
    extra = 0


class AttendanceInline(RelatedLabelsMixin, admin.TabularInline):
    model = Attendance
    fields = ("membership", "guest_name", "guest_organisation", "status")
    autocomplete_fields = ("membership",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("membership__person")


@admin.register(Meeting)
class MeetingAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("__str__", "council", "kind", "planned_at", "place", "status")
    list_filter = ("status", "kind", "council__level", "council")
    search_fields = ("council__name", "place", "minutes_summary")
    date_hierarchy = "planned_at"
    # The status moves through the meeting services (held, minutes, approval, publication,
    # cancellation), with the fields that go with each step.
    readonly_fields = (
        "status",
        "held_at",
        "cancel_reason",
        "minutes_approved_at",
        "minutes_approved_by",
        "published_at",
        "created_by",
        "created_at",
    )
    fieldsets = (
        (None, {"fields": ("council", "kind", "planned_at", "place", "status")}),
        (_("Held or cancelled"), {"fields": ("held_at", "cancel_reason")}),
        (
            _("Minutes"),
            {
                "fields": (
                    "minutes_summary",
                    "minutes_approved_at",
                    "minutes_approved_by",
                    "published_at",
                )
            },
        ),
        (_("Record"), {"fields": ("created_by", "created_at")}),
    )
    inlines = [AgendaItemInline, AttendanceInline]

    def get_queryset(self, request):
        # __str__ names the council and dates the meeting in its time zone (municipality's),
        # also in autocomplete answers and the changelist.
        return super().get_queryset(request).select_related("council__municipality")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class DecisionInline(admin.StackedInline):
    model = Decision
    fields = ("text", "created_by", "created_at")
    readonly_fields = ("created_by", "created_at")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")


@admin.register(AgendaItem)
class AgendaItemAdmin(PrivateFieldsAdmin, RelatedLabelsMixin, admin.ModelAdmin):
    list_display = ("__str__", "meeting", "concern", "action")
    list_filter = ("meeting__council",)
    list_select_related = ("meeting__council__municipality", "concern", "action")
    date_hierarchy = "meeting__planned_at"
    search_fields = ("title", "discussion", "concern__reference", "action__title")
    autocomplete_fields = ("meeting", "concern", "action")
    inlines = [DecisionInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is Decision:
            for decision in formset.save(commit=False):
                if decision.created_by_id is None:
                    decision.created_by = request.user
                decision.save()
            for decision in formset.deleted_objects:
                decision.delete()
            formset.save_m2m()
            return
        super().save_formset(request, form, formset, change)


@admin.register(Attendance)
class AttendanceAdmin(PrivateFieldsAdmin, RelatedLabelsMixin, admin.ModelAdmin):
    list_display = ("attendee", "meeting", "status")
    list_filter = ("status", "meeting__council")
    list_select_related = ("membership__person", "meeting__council__municipality")
    date_hierarchy = "meeting__planned_at"
    search_fields = ("membership__person__full_name", "guest_name", "guest_organisation")
    autocomplete_fields = ("meeting", "membership")

    @admin.display(description=_("attendee"), ordering="membership__person__full_name")
    def attendee(self, obj: Attendance) -> str:
        if obj.membership_id:
            return obj.membership.person.full_name
        return _("%(name)s (guest)") % {"name": obj.guest_name}


@admin.register(Decision)
class DecisionAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("__str__", "agenda_item", "meeting", "created_by", "created_at")
    list_filter = ("agenda_item__meeting__council",)
    list_select_related = ("agenda_item__meeting__council__municipality", "created_by")
    search_fields = ("text", "agenda_item__title")
    date_hierarchy = "created_at"
    autocomplete_fields = ("agenda_item",)
    readonly_fields = ("created_by", "created_at")

    @admin.display(description=_("meeting"), ordering="agenda_item__meeting__planned_at")
    def meeting(self, obj: Decision) -> Meeting:
        return obj.agenda_item.meeting

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class CouncilRecordAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    """Written by the meeting services as the council's record: shown, never changed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MinutesRevision)
class MinutesRevisionAdmin(CouncilRecordAdmin):
    list_display = ("__str__", "meeting", "number", "approved_by", "created_at")
    list_select_related = ("meeting__council__municipality", "approved_by")
    search_fields = ("meeting__council__name", "reason")
    date_hierarchy = "created_at"


@admin.register(CouncilEvent)
class CouncilEventAdmin(CouncilRecordAdmin):
    list_display = ("kind", "council", "meeting", "actor", "created_at")
    list_filter = ("kind", "council")
    list_select_related = ("council", "meeting__council__municipality", "actor")
    search_fields = ("council__name", "note")
    date_hierarchy = "created_at"
