from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from concerns.admin_privacy import PrivateFieldsAdmin
from policing.models import (
    ActionEvent,
    DueDateChange,
    FocalPoint,
    FollowUpAction,
    Officer,
    PartnerBody,
    PoliceUnit,
    ProgressAttachment,
    ProgressUpdate,
)
from reminders.admin import ReminderInline


@admin.register(PoliceUnit)
class PoliceUnitAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("name", "kind", "municipality", "parent", "commander", "is_active")
    list_filter = ("kind", "is_active", "municipality")
    list_select_related = ("municipality", "parent", "commander")
    search_fields = ("name", "municipality__name", "municipality__code")
    autocomplete_fields = ("commander",)


@admin.register(Officer)
class OfficerAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("user", "rank", "badge_number", "unit", "is_active")
    list_filter = ("is_active", "unit__municipality", "unit")
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "badge_number",
        "unit__name",
    )
    autocomplete_fields = ("user",)

    def get_queryset(self, request):
        # __str__ names the user, also in autocomplete answers. A select_related here makes the
        # changelist ignore list_select_related, so this covers the list columns too.
        return super().get_queryset(request).select_related("user", "unit")


class FocalPointInline(admin.TabularInline):
    model = FocalPoint
    fields = ("user", "start_date", "end_date")
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(PartnerBody)
class PartnerBodyAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("name", "kind", "municipality", "is_active")
    list_filter = ("kind", "is_active", "municipality")
    list_select_related = ("municipality",)
    search_fields = ("name", "municipality__name", "municipality__code")
    inlines = [FocalPointInline]


class ActionEventInline(admin.TabularInline):
    model = ActionEvent
    fields = ("created_at", "kind", "actor", "from_status", "to_status", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    fields = ("created_at", "author", "text", "is_public")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class DueDateChangeInline(admin.TabularInline):
    model = DueDateChange
    fields = ("created_at", "changed_by", "old_due_date", "new_due_date", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


@admin.register(FollowUpAction)
class FollowUpActionAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = (
        "title",
        "council",
        "concern",
        "responsible",
        "assignee",
        "due_date",
        "priority",
        "status",
    )
    list_filter = ("status", "priority", "is_public", "council", "responsible_unit")
    list_select_related = (
        "council",
        "concern",
        "responsible_unit",
        "responsible_body",
        "assignee__user",
    )
    search_fields = ("title", "description", "responsible_body__name", "concern__reference")
    date_hierarchy = "due_date"
    autocomplete_fields = ("concern", "decision", "assignee", "responsible_body")
    # Status, verification and due-date changes go through the action services, which keep
    # the progress updates and due-date history shown below.
    readonly_fields = (
        "status",
        "cancel_reason",
        "completed_at",
        "completed_by",
        "verified_at",
        "verified_by",
        "created_by",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "description", "council", "concern", "decision")}),
        (
            _("Responsibility"),
            {
                "fields": (
                    "responsible_unit",
                    "responsible_body",
                    "assignee",
                    "due_date",
                    "priority",
                )
            },
        ),
        (
            _("Status"),
            {
                "fields": (
                    "status",
                    "cancel_reason",
                    "completed_at",
                    "completed_by",
                    "verified_at",
                    "verified_by",
                )
            },
        ),
        (_("Shown to the reporter"), {"fields": ("is_public", "public_summary")}),
        (_("Record"), {"fields": ("created_by", "created_at", "updated_at")}),
    )
    inlines = [ActionEventInline, ProgressUpdateInline, DueDateChangeInline, ReminderInline]

    @admin.display(description=_("responsible"), ordering="responsible_unit__name")
    def responsible(self, obj: FollowUpAction) -> str:
        return str(obj.responsible)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        return (*self.readonly_fields, "due_date")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assignee":
            kwargs["queryset"] = Officer.objects.select_related("user")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("__str__", "action", "author", "is_public", "created_at")
    list_filter = ("is_public",)
    list_select_related = ("action", "author")
    search_fields = ("text", "action__title")
    date_hierarchy = "created_at"
    autocomplete_fields = ("action", "author")


@admin.register(FocalPoint)
class FocalPointAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("user", "body", "start_date", "end_date")
    list_filter = ("body__municipality",)
    list_select_related = ("user", "body")
    search_fields = ("user__username", "user__last_name", "body__name")
    autocomplete_fields = ("user", "body")


@admin.register(ActionEvent)
class ActionEventAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    """Written by the action services; the history is not edited."""

    list_display = ("action", "kind", "from_status", "to_status", "actor", "created_at")
    list_filter = ("kind",)
    list_select_related = ("action", "actor")
    search_fields = ("action__title", "note")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProgressAttachment)
class ProgressAttachmentAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("__str__", "update", "content_type", "size", "created_at")
    list_select_related = ("update",)
    readonly_fields = ("update", "file", "content_type", "size", "original_name", "sha256")

    def has_add_permission(self, request):
        return False


@admin.register(DueDateChange)
class DueDateChangeAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("action", "old_due_date", "new_due_date", "changed_by", "created_at")
    list_select_related = ("action", "changed_by")
    search_fields = ("action__title", "reason")
    date_hierarchy = "created_at"
    autocomplete_fields = ("action", "changed_by")
