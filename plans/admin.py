"""Plans and priorities in the admin, read-only: every change goes through the services (the
pages), which check who may and write the event. Followers' addresses are not listed."""

from django.contrib import admin

from concerns.admin_privacy import PrivateFieldsAdmin
from plans.models import Activity, Objective, PlanEvent, Priority, PriorityUpdate, SafetyPlan


class ReadOnlyAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ObjectiveInline(admin.TabularInline):
    model = Objective
    fields = ("position", "title")
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SafetyPlan)
class SafetyPlanAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "status", "revision", "approved_on", "assembly_reference")
    list_filter = ("status",)
    list_select_related = ("council",)
    inlines = [ObjectiveInline]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "objective", "starts_on", "ends_on", "baseline", "target")
    list_select_related = ("objective",)


class PriorityUpdateInline(admin.TabularInline):
    model = PriorityUpdate
    fields = ("on", "text")
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Priority)
class PriorityAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "council", "set_on", "status", "closed_on")
    list_filter = ("status",)
    list_select_related = ("council",)
    exclude = ("settlements",)
    inlines = [PriorityUpdateInline]


@admin.register(PlanEvent)
class PlanEventAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "kind", "council", "actor", "note")
    list_filter = ("kind",)
    list_select_related = ("council", "actor")
