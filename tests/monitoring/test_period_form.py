"""The period of a dashboard: what the form refuses rather than fail on."""

from datetime import date

from monitoring.forms import PeriodForm


def test_a_period_at_the_end_of_the_calendar_is_refused_not_a_server_error():
    form = PeriodForm({"start": "9999-12-30", "end": "9999-12-31"})
    assert not form.is_valid()
    assert form.errors["end"]
    assert form.period().end < date(9999, 1, 1)  # the default period instead


def test_a_period_until_the_last_day_allowed_is_accepted():
    form = PeriodForm({"start": "2100-12-01", "end": "2100-12-31"})
    assert form.is_valid()
    assert form.period().end == date(2100, 12, 31)
