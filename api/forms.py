from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from api.services import LIFETIMES_DAYS
from config.forms import PlainErrorMessages


def lifetime_choices():
    return [
        (days, ngettext_lazy("%(count)d day", "%(count)d days", days) % {"count": days})
        for days in LIFETIMES_DAYS
    ]


class TokenForm(PlainErrorMessages, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Statistics export”."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"), coerce=int, choices=lifetime_choices, initial=90
    )
