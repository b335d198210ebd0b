from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import PlainErrorMessages
from notifications.models import Channel, ChannelPreference


def _choice(channel: Channel, help_text) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=channel.label,
        choices=ChannelPreference.Mode.choices,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


class PreferencesForm(PlainErrorMessages, forms.Form):
    """One choice per channel: every reminder, only the weekly digest, or nothing."""

    email = _choice(Channel.EMAIL, _("Emails go to the address of your account."))
    in_app = _choice(
        Channel.IN_APP, _("The list behind “Notifications” at the top of every staff page.")
    )

    def __init__(self, *args, user, **kwargs):
        current = dict(ChannelPreference.objects.filter(user=user).values_list("channel", "mode"))
        initial = {c.value: current.get(c.value, ChannelPreference.Mode.ALL) for c in Channel}
        super().__init__(*args, initial=initial, **kwargs)
