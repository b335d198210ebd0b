"""The period a figure is about, and the period it is compared with.

A period is a span of calendar days in a time zone (the council's, or the site's for figures
across municipalities): a concern received at 23:30 UTC on 31 October is a November concern in
Pristina. Whole months compare with as many months before them (a half-year with the previous
half-year); other spans with as many days before them.
"""

import calendar
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def end_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    zone: zoneinfo.ZoneInfo

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("a period ends after it starts")

    @classmethod
    def months_to(cls, last_month: date, count: int, zone=None) -> "Period":
        first = add_months(last_month, -(count - 1))
        return cls(first, end_of_month(last_month), zone or site_zone())

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=self.zone)

    @property
    def end_at(self) -> datetime:
        """The first moment after the period."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=self.zone)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def whole_months(self) -> int:
        """How many calendar months it spans, when it is made of whole months; else 0."""
        if self.start.day != 1 or self.end != end_of_month(self.end):
            return 0
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def previous(self) -> "Period":
        months = self.whole_months
        if months:
            first = add_months(self.start, -months)
            return Period(first, end_of_month(add_months(first, months - 1)), self.zone)
        return Period(
            self.start - timedelta(days=self.days), self.start - timedelta(days=1), self.zone
        )

    def months(self) -> list[date]:
        first, months = self.start.replace(day=1), []
        while first <= self.end:
            months.append(first)
            first = add_months(first, 1)
        return months

    def covers(self, field: str) -> Q:
        """Rows whose datetime ``field`` falls in the period."""
        return Q(**{f"{field}__gte": self.start_at, f"{field}__lt": self.end_at})

    def covers_day(self, field: str) -> Q:
        """Rows whose date ``field`` falls in the period."""
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})

    def with_zone(self, zone) -> "Period":
        return Period(self.start, self.end, zone)

    @property
    def label(self) -> str:
        return f"{date_format(self.start, 'SHORT_DATE_FORMAT')} – {date_format(self.end, 'SHORT_DATE_FORMAT')}"

    def query(self) -> str:
        return f"start={self.start.isoformat()}&end={self.end.isoformat()}"


def site_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def default_period(zone=None, *, today: date | None = None) -> Period:
    """The last six calendar months, this one included."""
    today = today or timezone.localdate()
    return Period.months_to(today, 6, zone)


def half_year(year: int, half: int, zone=None) -> Period:
    first = date(year, 1 if half == 1 else 7, 1)
    return Period(first, end_of_month(add_months(first, 5)), zone or site_zone())


def year(value: int, zone=None) -> Period:
    return Period(date(value, 1, 1), date(value, 12, 31), zone or site_zone())
