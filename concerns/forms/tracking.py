"""The resident's tracking look-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import PlainErrorMessages


class TrackForm(PlainErrorMessages, forms.Form):
    reference = forms.CharField(
        label=_("Reference"),
        max_length=32,
        help_text=_("For example IST-2026-00042."),
        error_messages={"required": _("Enter the reference of your concern.")},
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "dir": "ltr"}),
    )
    token = forms.CharField(
        label=_("Tracking code"),
        max_length=64,
        help_text=_(
            "The code you received with your reference, for example K7QM-3ZTD-9WXA. Capital "
            "letters or small, with or without the dashes."
        ),
        error_messages={"required": _("Enter the tracking code you received.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}
        ),
    )

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()

    def clean_token(self):
        return self.cleaned_data["token"].strip()
