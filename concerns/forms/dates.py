"""Date fields with bounds: a year typed as 0001 or 9999 is a mistake to show, not a value
to store or to compute with (it overflowed in the time-zone conversion and answered 500)."""

from collections.abc import Callable
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from concerns.models import OCCURRED_AT_EARLIEST

EARLIEST_DATE = OCCURRED_AT_EARLIEST.date()
LATEST_DATE = date(2100, 12, 31)


class BoundedDateField(forms.DateField):
    """A DateField that refuses dates before ``earliest`` and after ``latest`` (a date, or a
    callable such as ``timezone.localdate`` for "not in the future")."""

    default_error_messages = {
        "too_early": _("Please check the year: the date cannot be before %(earliest)s."),
        "too_late": _("Please check the year: the date cannot be after %(latest)s."),
    }

    def __init__(
        self,
        *,
        earliest: date = EARLIEST_DATE,
        latest: date | Callable[[], date] = LATEST_DATE,
        **kwargs,
    ):
        self.earliest = earliest
        self.latest = latest
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        latest = self.latest() if callable(self.latest) else self.latest
        if value < self.earliest:
            raise ValidationError(
                self.error_messages["too_early"],
                code="too_early",
                params={"earliest": formats.date_format(self.earliest, "SHORT_DATE_FORMAT")},
            )
        if value > latest:
            raise ValidationError(
                self.error_messages["too_late"],
                code="too_late",
                params={"latest": formats.date_format(latest, "SHORT_DATE_FORMAT")},
            )


def today() -> date:
    return timezone.localdate()
