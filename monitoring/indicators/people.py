"""Representation: the communities and gender of members, and of the members who attended."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.models import Attendance, Membership, Person
from councils.policies import councils_visible_to, meetings_for_staff
from monitoring.indicators.base import Dimension, Indicator, Kind, Source, count
from monitoring.indicators.meetings import HELD


def _members_visible_to(user):
    return Membership.objects.filter(council__in=councils_visible_to(user)).exclude(
        role=Membership.Role.SAFEGUARDING_OFFICER
    )


def _current_at_end(period) -> Q:
    """Members on the period's last day: one who left before it is not counted, one who left
    after it is."""
    return Q(start_date__lte=period.end) & (Q(end_date__isnull=True) | Q(end_date__gte=period.end))


MEMBERS = Source(
    key="members",
    queryset=_members_visible_to,
    anchor="start_date",
    in_period_rows=_current_at_end,
    dimensions={
        "council": Dimension(
            "council", _("Council"), "council_id", ("council__name", "council__name_translations")
        ),
        "community": Dimension("community", _("Community"), "person__community"),
        "gender": Dimension(
            "gender", _("Gender"), "person__gender", choices=tuple(Person.Gender.choices)
        ),
    },
)


def _attendance_visible_to(user):
    return Attendance.objects.filter(meeting__in=meetings_for_staff(user), membership__isnull=False)


ATTENDEES = Source(
    key="attendees",
    queryset=_attendance_visible_to,
    anchor="meeting__planned_at",
    dimensions={
        "council": Dimension(
            "council",
            _("Council"),
            "meeting__council_id",
            ("meeting__council__name", "meeting__council__name_translations"),
        ),
        "community": Dimension("community", _("Community"), "membership__person__community"),
        "gender": Dimension(
            "gender",
            _("Gender"),
            "membership__person__gender",
            choices=tuple(Person.Gender.choices),
        ),
    },
)


def _present(period) -> Q:
    held = Q(**{f"meeting__{key}": value for key, value in HELD.children})
    return ATTENDEES.in_period(period) & held & Q(status=Attendance.Status.PRESENT)


REPRESENTATION_INDICATORS = (
    Indicator(
        "members",
        "members",
        _("Members"),
        _(
            "Members on the last day of the period (observers included, the safeguarding "
            "designation not); by the community and gender they gave."
        ),
        Kind.COUNT,
        lambda period: count(_current_at_end(period)),
    ),
    Indicator(
        "attendances",
        "attendees",
        _("Attendances"),
        _(
            "Members present at the meetings held in the period, counted once per meeting; by "
            "the community and gender they gave."
        ),
        Kind.COUNT,
        lambda period: count(_present(period)),
    ),
)
