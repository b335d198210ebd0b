"""The period a dashboard shows."""

from datetime import date

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concerns.forms.dates import LATEST_DATE
from config.forms import PlainErrorMessages
from monitoring.periods import Period, default_period

EARLIEST = date(2000, 1, 1)
# A period's end plus a day must be a date: 9999-12-31 would overflow (a 500, not a message).
LATEST = LATEST_DATE


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
            elif end > LATEST:
                self.add_error(
                    "end",
                    gettext("Choose a day until %(day)s.") % {"day": date_format(LATEST)},
                )
        return data

    def period(self) -> Period:
        """The chosen period, or the default one when nothing (valid) was chosen."""
        if self.is_bound and self.is_valid():
            return Period(self.cleaned_data["start"], self.cleaned_data["end"], self._zone())
        return default_period(self.zone)

    def _zone(self):
        from monitoring.periods import site_zone

        return self.zone or site_zone()


class NewReportForm(PlainErrorMessages, forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    half = forms.ChoiceField(
        label=_("Half-year"),
        required=False,
        choices=[("1", _("January–June")), ("2", _("July–December"))],
        help_text=_("For a six-monthly report."),
    )

    def __init__(self, data=None, *, today):
        from monitoring.models import CouncilReport

        super().__init__(
            data,
            initial={
                "kind": CouncilReport.Kind.HALF_YEAR,
                "year": today.year,
                "half": "1" if today.month > 6 else "2",
            },
        )
        self.fields["kind"].choices = CouncilReport.Kind.choices
        if today.month <= 6:
            self.initial["year"] = today.year - 1

    def period(self, zone):
        from monitoring.models import CouncilReport
        from monitoring.periods import half_year, year

        data = self.cleaned_data
        if data["kind"] == CouncilReport.Kind.HALF_YEAR:
            return half_year(data["year"], int(data.get("half") or 1), zone)
        return year(data["year"], zone)


class SectionsForm(PlainErrorMessages, forms.Form):
    """One multilingual text per section of the report, in the council's official languages."""

    def __init__(self, data=None, *, sections, municipality):
        from publictexts.forms import MultilingualTextFormField

        super().__init__(data)
        self.sections = sections
        for section in sections:
            field = MultilingualTextFormField(
                label=section.display_title, required=False, max_length=20000
            )
            if municipality is not None:
                field.for_municipality(municipality)
            field.initial = section.text
            self.fields[f"section_{section.pk}"] = field

    def texts(self) -> dict[int, dict]:
        return {s.pk: self.cleaned_data.get(f"section_{s.pk}") or {} for s in self.sections}
