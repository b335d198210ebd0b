from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from concerns.admin_privacy import PrivateFieldsAdmin
from notifications.models import ChannelPreference, Heartbeat, Notification, OutgoingEmail


class ReadOnlyAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    """Rows written only by the application; the admin shows them and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    # An action reminder's notification has no stored title (composed when shown): its
    # reminder says what it is.
    list_display = ("title", "reminder", "user", "created_at", "read_at")
    list_filter = (("read_at", admin.EmptyFieldListFilter),)
    list_select_related = ("user", "reminder")
    search_fields = ("title", "body", "user__username")
    date_hierarchy = "created_at"
    autocomplete_fields = ("user",)
    raw_id_fields = ("reminder",)
    readonly_fields = ("created_at",)


@admin.register(ChannelPreference)
class ChannelPreferenceAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    """What each user chose per channel (they set it themselves on their preferences page)."""

    list_display = ("user", "channel", "mode")
    list_filter = ("channel", "mode")
    list_select_related = ("user",)
    search_fields = ("user__username",)
    autocomplete_fields = ("user",)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    """Enough to support delivery problems, nothing of the resident: addresses are masked,
    bodies (which hold the citizen's tracking link) are never shown, and no address, subject
    or body is searched or filtered on (concerns.admin_privacy)."""

    list_display = (
        "recipient",
        "subject",
        "concern",
        "created_at",
        "sent_at",
        "attempts",
        "short_error",
        "given_up_at",
    )
    list_filter = (
        ("sent_at", admin.EmptyFieldListFilter),
        ("given_up_at", admin.EmptyFieldListFilter),
    )
    list_select_related = ("concern",)
    # A bounce or a resident's complaint quotes the Message-ID: found by the exact value.
    search_fields = ("concern__reference", "=message_id")
    date_hierarchy = "created_at"
    fields = (
        "recipient",
        "subject",
        "concern",
        "reminder",
        "created_at",
        "sent_at",
        "attempts",
        "next_attempt_at",
        "given_up_at",
        "last_error",
        "message_id",
    )
    readonly_fields = fields

    @admin.display(description=_("to"))
    def recipient(self, obj: OutgoingEmail) -> str:
        return obj.masked_to

    @admin.display(description=_("last error"))
    def short_error(self, obj: OutgoingEmail) -> str:
        return Truncator(obj.last_error).chars(80)


@admin.register(Heartbeat)
class HeartbeatAdmin(ReadOnlyAdmin):
    list_display = ("name", "seen_at")
    search_fields = ("name",)
