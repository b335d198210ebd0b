from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concerns.admin_privacy import PrivateFieldsAdmin
from open311.models import Client, Jurisdiction, ServiceAttribute, Submission


@admin.register(Jurisdiction)
class JurisdictionAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("municipality", "require_api_key", "lists_sensitive_services")
    list_select_related = ("municipality",)


@admin.register(Client)
class ClientAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    """A new client gets a key on saving; "Issue a new key" replaces it. Only the key's hash is
    stored: the key is shown once, in the message after saving."""

    list_display = ("name", "municipality", "key_prefix", "is_active", "last_used_at")
    list_filter = ("is_active", "municipality")
    list_select_related = ("municipality",)
    search_fields = ("name", "contact_email", "key_prefix")
    fields = ("name", "municipality", "contact_email", "is_active", "key_prefix", "last_used_at")
    readonly_fields = ("key_prefix", "last_used_at")
    actions = ["issue_new_keys"]

    def _show_key(self, request, client: Client, key: str) -> None:
        self.message_user(
            request,
            gettext("API key of %(client)s (shown only now, copy it): %(key)s")
            % {"client": client.name, "key": key},
            messages.WARNING,
        )

    def save_model(self, request, obj, form, change):
        key = obj.issue_key() if not change else None
        super().save_model(request, obj, form, change)
        if key:
            self._show_key(request, obj, key)

    @admin.action(description=_("Issue a new key (the old one stops working)"))
    def issue_new_keys(self, request, queryset):
        for client in queryset:
            key = client.issue_key()
            client.save(update_fields=["key_prefix", "key_hash"])
            self._show_key(request, client, key)


@admin.register(ServiceAttribute)
class ServiceAttributeAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("category", "code", "datatype", "required", "position", "is_active")
    list_editable = ("position", "is_active")
    list_filter = ("category", "datatype", "is_active")
    list_select_related = ("category",)
    search_fields = ("code", "description")
    fields = (
        "category",
        "code",
        "description",
        "description_translations",
        "datatype",
        "required",
        "source",
        "values",
        "position",
        "is_active",
    )


@admin.register(Submission)
class SubmissionAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    """Written by the Open311 POST only."""

    list_display = ("concern", "client", "created_at")
    list_select_related = ("concern", "client")
    list_filter = ("client",)
    fields = ("concern", "client", "token", "answers", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
