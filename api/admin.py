"""Administrators create tokens for a user (shown once) and revoke anyone's (delete)."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from knox.models import AuthToken

from api import services
from api.forms import lifetime_choices
from api.models import ApiToken
from concerns.admin_privacy import PrivateFieldsAdmin

# knox registers its own model, which api.ApiToken replaces (KNOX_TOKEN_MODEL).
if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)


class ApiTokenAddForm(forms.ModelForm):
    days = forms.TypedChoiceField(
        label=gettext_lazy("Valid for"), coerce=int, choices=lifetime_choices, initial=90
    )

    class Meta:
        model = ApiToken
        fields = ["user", "name"]


@admin.register(ApiToken)
class ApiTokenAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("name", "user", "token_key", "created", "expiry", "last_used_at", "created_by")
    list_select_related = ("user", "created_by")
    search_fields = ("name", "token_key", "user__username")
    list_filter = ("expiry",)
    raw_id_fields = ("user",)
    # The digest never leaves the database; the token itself is not stored.
    readonly_fields = (
        "name",
        "user",
        "token_key",
        "created",
        "expiry",
        "last_used_at",
        "created_by",
    )
    fields = readonly_fields

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenAddForm
            kwargs["fields"] = ["user", "name", "days"]
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ["user", "name", "days"] if obj is None else list(self.readonly_fields)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        token, text = services.create_token(
            form.cleaned_data["user"],
            name=form.cleaned_data["name"],
            days=form.cleaned_data["days"],
            by=request.user,
        )
        obj.pk = token.pk
        obj._state.adding = False
        obj.refresh_from_db()
        self.message_user(
            request,
            _("The token for %(user)s, shown only this once: %(token)s")
            % {"user": token.user, "token": text},
            messages.WARNING,
        )
