"""What residents fill in: following a priority by email."""

from django import forms
from django.utils.translation import gettext_lazy as _


class FollowForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"))
    consent = forms.BooleanField(
        label=_(
            "I agree to receive emails about this priority. My address is used for nothing "
            "else, and every email has a link to stop them."
        ),
        required=True,
    )
