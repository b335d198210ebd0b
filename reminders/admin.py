from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from concerns.admin_privacy import PrivateFieldsAdmin
from reminders.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    """Reminders are decided by the scan; the row is what keeps a reminder from being decided
    twice, so nobody adds or edits one here."""

    list_display = (
        "__str__",
        "kind",
        "action",
        "meeting",
        "digest_for",
        "created_at",
        "emails_sent",
    )
    list_filter = ("kind", "created_at")
    list_select_related = ("action", "meeting__council", "digest_for")
    search_fields = ("action__title", "period")
    date_hierarchy = "created_at"
    readonly_fields = (
        "action",
        "meeting",
        "digest_for",
        "kind",
        "period",
        "reason",
        "recipients",
        "scan",
        "created_at",
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                email_count=Count("emails", distinct=True),
                sent_count=Count("emails", filter=Q(emails__sent_at__isnull=False), distinct=True),
            )
        )

    @admin.display(description=_("emails sent"))
    def emails_sent(self, obj) -> str:
        return f"{obj.sent_count}/{obj.email_count}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReminderInline(admin.TabularInline):
    """An action's reminder log, read-only, on its admin page."""

    model = Reminder
    fk_name = "action"
    fields = ("kind", "period", "reason", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("reminder log")

    def has_add_permission(self, request, obj=None):
        return False
