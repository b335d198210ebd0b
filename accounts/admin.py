from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from concerns.admin_privacy import PrivateFieldsAdmin

admin.site.site_header = _("CSC Tracker administration")
admin.site.site_title = _("CSC Tracker administration")
admin.site.index_title = _("Administration")


@admin.register(User)
class UserAdmin(PrivateFieldsAdmin, BaseUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            {"fields": ("first_name", "last_name", "email", "phone", "preferred_language")},
        ),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "is_national_coordinator",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_national_coordinator",
        "is_active",
    )
    list_filter = ("is_staff", "is_superuser", "is_national_coordinator", "is_active", "groups")
    search_fields = ("username", "first_name", "last_name", "email", "phone")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The model keeps the code as free text; the admin offers the languages the site speaks.
        if db_field.name == "preferred_language":
            return forms.ChoiceField(
                label=db_field.verbose_name,
                help_text=db_field.help_text,
                choices=[("", "---------"), *settings.LANGUAGES],
                required=False,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# Registered by their apps, which come first in INSTALLED_APPS; users lead to concerns too.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(PrivateFieldsAdmin, BaseGroupAdmin):
    pass
