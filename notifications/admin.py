from django.contrib import admin

from notifications.models import Heartbeat, Notification, OutgoingEmail


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the application; the admin shows them and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "created_at", "read_at")
    list_filter = (("read_at", admin.EmptyFieldListFilter),)
    list_select_related = ("user",)
    search_fields = ("title", "body", "user__username")
    date_hierarchy = "created_at"
    autocomplete_fields = ("user",)
    raw_id_fields = ("reminder",)
    readonly_fields = ("created_at",)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    list_display = ("to", "subject", "created_at", "sent_at", "attempts")
    list_filter = (("sent_at", admin.EmptyFieldListFilter),)
    search_fields = ("to", "subject")
    date_hierarchy = "created_at"


@admin.register(Heartbeat)
class HeartbeatAdmin(ReadOnlyAdmin):
    list_display = ("name", "seen_at")
    search_fields = ("name",)
