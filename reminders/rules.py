"""When a reminder is due: pure date arithmetic, judged in the council's time zone.

Each rule gives the reminder's *period*, the key that with the subject and kind is unique in
the database. A rule holds for a window of days, not a single day, so a scan that did not run
(worker down over a weekend) still sends the reminder late rather than never; and the period
names the occurrence, so a reminder already decided for it is never decided again.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from reminders.models import Reminder

# Plain strings, not the enum members: a TextChoices member hashes by its name, so it would
# never be found in a set of (id, kind, period) read from the database.
DUE_SOON, OVERDUE, ESCALATION = (k.value for k in Reminder.ACTION_KINDS)
MEETING_TOMORROW = Reminder.Kind.MEETING_TOMORROW.value
MINUTES_UNAPPROVED = Reminder.Kind.MINUTES_UNAPPROVED.value


@dataclass(frozen=True)
class Thresholds:
    """A council's reminder settings (DOMAIN.md: defaults 2, 3 and 7 days)."""

    due_soon_days: int = 2
    overdue_repeat_days: int = 3
    escalation_days: int = 7

    @classmethod
    def of(cls, council) -> "Thresholds":
        return cls(council.due_soon_days, council.overdue_repeat_days, council.escalation_days)


@dataclass(frozen=True)
class Due:
    kind: str
    period: str
    days: int  # days until the due date (due soon) or past it (overdue, escalation)


def local_today(zone, now: datetime | None = None) -> date:
    """The calendar day it is in ``zone``: a reminder is never a day early or late at midnight."""
    return timezone.localtime(now or timezone.now(), zone).date()


def action_reminders(due_date: date, today: date, thresholds: Thresholds) -> list[Due]:
    """The reminders an active action with this due date should have had by ``today``.

    - due soon: from ``due_soon_days`` before the due date until the due date itself;
    - overdue: from the day after the due date, a new period every ``overdue_repeat_days``
      (``2026-11-20/1``, ``/2`` …): only the current one, a missed repetition is not sent late;
    - escalation: once ``escalation_days`` (at least one) have passed since the due date.
    """
    days = (due_date - today).days
    if days >= 0:
        if days <= thresholds.due_soon_days:
            return [Due(DUE_SOON, due_date.isoformat(), days)]
        return []
    late = -days
    repetition = (late - 1) // max(thresholds.overdue_repeat_days, 1) + 1
    result = [Due(OVERDUE, f"{due_date.isoformat()}/{repetition}", late)]
    if late >= max(thresholds.escalation_days, 1):
        result.append(Due(ESCALATION, due_date.isoformat(), late))
    return result


def latest_due_date_with_reminders(today: date, thresholds: Thresholds) -> date:
    """Actions due after this day need nothing yet (the scan's set-based filter)."""
    return today + timedelta(days=thresholds.due_soon_days)


def meeting_tomorrow(planned_day: date, today: date) -> Due | None:
    """Members are told the day before; on the day itself if that scan was missed."""
    days = (planned_day - today).days
    if days in (0, 1):
        return Due(MEETING_TOMORROW, planned_day.isoformat(), days)
    return None


def minutes_unapproved(held_day: date, today: date, after_days: int) -> Due | None:
    days = (today - held_day).days
    if days >= after_days:
        return Due(MINUTES_UNAPPROVED, held_day.isoformat(), days)
    return None


def digest_week(today: date) -> str | None:
    """The week's period on its digest day (``CSC["DIGEST_WEEKDAY"]``, ISO: 1 is Monday) and
    the day after (a scan missed all that day still sends it); on other days, None."""
    if not 0 <= today.isoweekday() - settings.CSC["DIGEST_WEEKDAY"] <= 1:
        return None
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"
