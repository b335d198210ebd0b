from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from concerns.admin_privacy import PrivateFieldsAdmin
from concerns.models import (
    Attachment,
    Category,
    Concern,
    ConcernEvent,
    IdentityDisclosure,
    ReferenceCounter,
    StagedUpload,
)
from concerns.policies import exclude_sensitive


class ReadOnlyAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    """Rows written only by the application; the admin shows them and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AuditLogAdmin(ReadOnlyAdmin):
    """An audit trail: shown, never changed, never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Category)
class CategoryAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("code", "name", "position", "is_active", "is_sensitive")
    list_editable = ("position", "is_active")
    list_filter = ("is_active", "is_sensitive")
    search_fields = ("code", "name", "description")
    fields = (
        "code",
        "name",
        "name_translations",
        "description",
        "description_translations",
        "position",
        "is_active",
        "is_sensitive",
    )


@admin.register(ReferenceCounter)
class ReferenceCounterAdmin(AuditLogAdmin):
    # Not deletable either: a deleted counter would start handing out used numbers again.
    list_display = ("municipality", "year", "last_value")
    list_filter = ("year", "municipality")
    list_select_related = ("municipality",)
    search_fields = ("municipality__code", "municipality__name")


class AttachmentInline(admin.TabularInline):
    """Files come in through the intake checks (type sniffing, size, metadata stripping)."""

    model = Attachment
    fields = ("file", "original_name", "content_type", "size", "uploaded_by", "created_at")
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


class ConcernEventInline(admin.TabularInline):
    model = ConcernEvent
    fields = ("created_at", "kind", "from_status", "to_status", "actor", "is_public", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Concern)
class ConcernAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    """Reporter identity is not shown here at all: DOMAIN.md gives it to the council secretary
    only (on the concern page, each showing logged). Administrators can erase it on request.
    The tracking token hash is never shown.
    """

    list_display = (
        "reference",
        "status",
        "category",
        "council",
        "municipality",
        "channel",
        "priority",
        "is_anonymous",
        "created_at",
    )
    list_filter = ("status", "priority", "channel", "is_anonymous", "category", "municipality")
    list_select_related = ("category", "council", "municipality")
    search_fields = ("reference", "description", "address")
    date_hierarchy = "created_at"
    autocomplete_fields = ("entered_by",)
    # Workflow fields change through concerns.services (triage, reclassify, reject, duplicate,
    # refer, resolve…), which writes the ConcernEvent the timeline shows; an edit here would
    # not. The admin corrects where and when it happened, nothing else.
    readonly_fields = (
        "reference",
        "has_identity",
        "is_anonymous",
        "consent_to_contact",
        "status",
        "municipality",
        "council",
        "category",
        "priority",
        "channel",
        "language",
        "description",
        "public_response",
        "rejection_reason",
        "duplicate_of",
        "entered_by",
        "created_at",
        "updated_at",
        "triaged_at",
        "resolved_at",
        "closed_at",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "reference",
                    "status",
                    "municipality",
                    "council",
                    "category",
                    "priority",
                    "channel",
                    "language",
                )
            },
        ),
        (
            _("What happened"),
            {
                "fields": (
                    "description",
                    "occurred_at",
                    "settlement",
                    "address",
                    "latitude",
                    "longitude",
                )
            },
        ),
        (
            _("Reporter"),
            {
                "classes": ("collapse",),
                "description": _(
                    "The reporter's name and contact details are shown to the council "
                    "secretary only, on the concern page."
                ),
                "fields": ("is_anonymous", "consent_to_contact", "has_identity"),
            },
        ),
        (_("Outcome"), {"fields": ("public_response", "rejection_reason", "duplicate_of")}),
        (
            _("Record"),
            {
                "fields": (
                    "entered_by",
                    "created_at",
                    "updated_at",
                    "triaged_at",
                    "resolved_at",
                    "closed_at",
                )
            },
        ),
    )
    inlines = [AttachmentInline, ConcernEventInline]

    def get_queryset(self, request):
        # Sensitive-category concerns are for the council's secretary and safeguarding officer,
        # not for administrators (DOMAIN.md).
        return exclude_sensitive(super().get_queryset(request), request.user)

    def has_add_permission(self, request):
        # Concerns are submitted through concerns.services.submit_concern, which hands out the
        # reference and the citizen's tracking token and writes the first event.
        return False

    actions = ["erase_reporter_identity"]

    @admin.display(boolean=True, description=_("Reporter identity kept"))
    def has_identity(self, obj: Concern) -> bool:
        return obj.has_identity

    @admin.action(description=_("Erase reporter identity (data protection request)"))
    def erase_reporter_identity(self, request, queryset):
        """Erase the name and contacts, and the emails written to them: unsent ones are
        dropped, sent ones keep only their subject and delivery record."""
        erased = 0
        for concern in queryset.filter(is_anonymous=False):
            with transaction.atomic():
                Concern.objects.filter(pk=concern.pk).update(
                    reporter_name="", reporter_phone="", reporter_email="", consent_to_contact=False
                )
                concern.emails.filter(sent_at__isnull=True).delete()
                concern.emails.update(to="", body="")
                ConcernEvent.objects.create(
                    concern=concern,
                    kind=ConcernEvent.Kind.UPDATED,
                    actor=request.user,
                    from_status=concern.status,
                    to_status=concern.status,
                    note=gettext("Reporter identity erased on request."),
                    is_public=False,
                )
            erased += 1
        self.message_user(
            request,
            ngettext(
                "The reporter identity of %(count)d concern was erased.",
                "The reporter identities of %(count)d concerns were erased.",
                erased,
            )
            % {"count": erased},
            messages.SUCCESS,
        )


@admin.register(ConcernEvent)
class ConcernEventAdmin(AuditLogAdmin):
    list_display = (
        "concern",
        "kind",
        "from_status",
        "to_status",
        "actor",
        "is_public",
        "created_at",
    )
    list_filter = ("kind", "is_public", "to_status")
    list_select_related = ("concern", "actor")
    search_fields = ("concern__reference", "note")
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return exclude_sensitive(super().get_queryset(request), request.user, through="concern")


@admin.register(Attachment)
class AttachmentAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("__str__", "concern", "content_type", "size", "uploaded_by", "created_at")
    list_filter = ("content_type",)
    list_select_related = ("concern", "uploaded_by")
    search_fields = ("concern__reference", "original_name", "sha256")
    date_hierarchy = "created_at"
    fields = (
        "concern",
        "file",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "created_at",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return exclude_sensitive(super().get_queryset(request), request.user, through="concern")

    def has_add_permission(self, request):
        # Uploads go through concerns.attachments.check_upload: type, size and metadata.
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(IdentityDisclosure)
class IdentityDisclosureAdmin(AuditLogAdmin):
    list_display = ("concern", "shown", "user", "ip_address", "created_at")
    list_filter = ("shown",)
    list_select_related = ("concern", "user")
    search_fields = ("concern__reference", "user__username", "ip_address")
    date_hierarchy = "created_at"


@admin.register(StagedUpload)
class StagedUploadAdmin(ReadOnlyAdmin):
    """Files of forms that came back with errors, kept for a few hours. The submission key
    is not shown: the tracking code is derived from it."""

    list_display = ("original_name", "content_type", "size", "created_at")
    fields = list_display
    readonly_fields = list_display
    date_hierarchy = "created_at"
