"""The period a dashboard shows."""

from datetime import date

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.forms import PlainErrorMessages
from monitoring.periods import Period, default_period

EARLIEST = date(2000, 1, 1)


class PeriodForm(PlainErrorMessages, forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None, *, zone=None):
        self.zone = zone
        fallback = default_period(zone)
        bound = data if data and ("start" in data or "end" in data) else None
        super().__init__(bound, initial={"start": fallback.start, "end": fallback.end})

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", gettext("“Until” is before “From”: swap the two dates."))
            elif start < EARLIEST or (end - start).days > 366 * 5:
                self.add_error("start", gettext("Choose a period of at most five years."))
        return data

    def period(self) -> Period:
        """The chosen period, or the default one when nothing (valid) was chosen."""
        if self.is_bound and self.is_valid():
            return Period(self.cleaned_data["start"], self.cleaned_data["end"], self._zone())
        return default_period(self.zone)

    def _zone(self):
        from monitoring.periods import site_zone

        return self.zone or site_zone()
