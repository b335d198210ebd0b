"""The words of a reminder, in the recipient's language: a subject (also the in-app title), a
plain-text body and the page it links to.

Composed with gettext and string formatting rather than templates. An action reminder's message
is composed when it is sent (the worker, per recipient language) or shown (the in-app list, in
the reader's language), not by the scan: composing 15 000 of them cost a first scan 1.5 s. The
digests and meeting reminders, a handful per scan, are composed by the scan (a digest lists
what was overdue when it was decided).
"""

from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications.services import absolute_url
from reminders.models import Reminder

Kind = Reminder.Kind
DIGEST_LINES = 50


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    path: str


@cache
def _codes(languages: tuple) -> frozenset:
    return frozenset(code for code, _name in languages)


def language_for(user, council=None) -> str:
    """The user's chosen language, else the council municipality's first official one."""
    codes = _codes(tuple(settings.LANGUAGES))
    if user.preferred_language in codes:
        return user.preferred_language
    if council is not None and council.municipality_id:
        language = council.municipality.default_language
        if language in codes:
            return language
    return settings.LANGUAGE_CODE


@lru_cache(maxsize=4096)
def _formatted(value, fmt: str, language: str) -> str:
    return formats.date_format(value, fmt)


def _day(value) -> str:
    # A scan formats the same few due dates thousands of times, in a handful of languages.
    return _formatted(value, "SHORT_DATE_FORMAT", translation.get_language())


@cache
def _path_pattern(name: str) -> str:
    """The URL of ``name`` with its one id as ``{}``: reverse() once per scan, not per message."""
    return reverse(name, args=[999999999]).replace("999999999", "{}")


def path_of(name: str, pk: int) -> str:
    return _path_pattern(name).format(pk)


@cache
def _absolute_path(name: str) -> str:
    return absolute_url(reverse(name))


def _responsible(action) -> str:
    """A FollowUpAction's unit or partner body; a digest line names its own (``responsible``)."""
    if hasattr(action, "responsible"):
        return action.responsible
    if action.responsible_unit_id:
        return action.responsible_unit.name
    return action.responsible_body.display_name


def _footer() -> str:
    return _("Choose what you receive: %(url)s") % {
        "url": _absolute_path("notifications:preferences")
    }


def _action_message(kind: str, days: int, due_date, action) -> Message:
    """``due_date`` is the reminder's (from its period): the action's may have moved since."""
    values = {"title": action.title, "days": days}
    if kind == Kind.DUE_SOON:
        if days == 0:
            subject = _("Due today: %(title)s") % values
        else:
            subject = (
                ngettext("Due in %(days)d day: %(title)s", "Due in %(days)d days: %(title)s", days)
                % values
            )
        intro = _("This follow-up action is due on %(date)s.") % {"date": _day(due_date)}
    elif kind == Kind.OVERDUE:
        subject = (
            ngettext(
                "Overdue by %(days)d day: %(title)s", "Overdue by %(days)d days: %(title)s", days
            )
            % values
        )
        intro = _("This follow-up action was due on %(date)s and is not completed.") % {
            "date": _day(due_date)
        }
    else:
        subject = (
            ngettext(
                "Escalated, %(days)d day overdue: %(title)s",
                "Escalated, %(days)d days overdue: %(title)s",
                days,
            )
            % values
        )
        intro = _(
            "This follow-up action was due on %(date)s and is still open: it is escalated to "
            "you as commander or co-chair."
        ) % {"date": _day(due_date)}
    path = path_of("policing:detail", action.pk)
    lines = [
        intro,
        "",
        _("Action: %(title)s") % values,
        _("Council: %(council)s") % {"council": action.council.display_name},
        _("Responsible: %(responsible)s") % {"responsible": _responsible(action)},
    ]
    if action.assignee_id:
        lines.append(_("Assigned officer: %(officer)s") % {"officer": action.assignee})
    lines += [
        _("Due date: %(date)s") % {"date": _day(due_date)},
        "",
        _("Open the action: %(url)s") % {"url": absolute_url(path)},
    ]
    return Message(subject, "\n".join(lines), path)


def _meeting_message(decision) -> Message:
    meeting = decision.meeting
    council = meeting.council.display_name
    path = path_of("councils:meeting", meeting.pk)
    if decision.kind == Kind.MEETING_TOMORROW:
        when = formats.date_format(meeting.local_planned_at, "DATETIME_FORMAT")
        values = {"council": council, "when": when}
        if decision.days == 0:
            subject = _("Council meeting today: %(council)s, %(when)s") % values
        else:
            subject = _("Council meeting tomorrow: %(council)s, %(when)s") % values
        lines = [_("The %(council)s meets on %(when)s.") % values]
        if meeting.place:
            lines.append(_("Place: %(place)s") % {"place": meeting.place})
        lines += ["", _("Agenda: %(url)s") % {"url": absolute_url(path)}]
    else:
        held = formats.date_format(
            meeting.held_at.astimezone(meeting.zone).date(), "SHORT_DATE_FORMAT"
        )
        values = {"council": council, "date": held, "days": decision.days}
        subject = _("Minutes not approved: %(council)s, meeting of %(date)s") % values
        lines = [
            ngettext(
                "The minutes of the meeting of %(date)s are not approved %(days)d day after it.",
                "The minutes of the meeting of %(date)s are not approved %(days)d days after it.",
                decision.days,
            )
            % values,
            "",
            _("Minutes: %(url)s") % {"url": absolute_url(path_of("councils:minutes", meeting.pk))},
        ]
    return Message(subject, "\n".join(lines), path)


def _digest_message(decision) -> Message:
    actions = decision.digest_actions
    count = len(actions)
    subject = ngettext(
        "Weekly digest: %(count)d overdue action", "Weekly digest: %(count)d overdue actions", count
    ) % {"count": count}
    lines = [
        ngettext(
            "This action in your area is overdue:",
            "These actions in your area are overdue:",
            count,
        ),
        "",
    ]
    for action, late in actions[:DIGEST_LINES]:
        lines.append(
            ngettext(
                "- %(title)s (%(responsible)s), due %(date)s, %(days)d day overdue",
                "- %(title)s (%(responsible)s), due %(date)s, %(days)d days overdue",
                late,
            )
            % {
                "title": action.title,
                "responsible": _responsible(action),
                "date": _day(action.due_date),
                "days": late,
            }
        )
        lines.append("  " + absolute_url(path_of("policing:detail", action.pk)))
    if count > DIGEST_LINES:
        lines.append(_("… and %(count)d more.") % {"count": count - DIGEST_LINES})
    path = reverse("policing:actions")
    lines += ["", _("All your actions: %(url)s") % {"url": absolute_url(path)}]
    return Message(subject, "\n".join(lines), path)


def _with_footer(message: Message) -> Message:
    return Message(message.subject, f"{message.body}\n\n-- \n{_footer()}\n", message.path)


def compose(decision, user) -> Message:
    """The message of a digest or meeting reminder the scan decided, for one recipient, in the
    recipient's language (an action reminder's is composed when sent: ``compose_action``)."""
    with translation.override(language_for(user, decision.council)):
        if decision.kind in Reminder.MEETING_KINDS:
            return _with_footer(_meeting_message(decision))
        return _with_footer(_digest_message(decision))


def compose_action(reminder, action, language: str) -> Message:
    """An action reminder's message in ``language``, from its row: the kind, the days counted
    when it was decided and the due date it was decided for."""
    due_date = date.fromisoformat(reminder.period[:10])
    with translation.override(language):
        return _with_footer(_action_message(reminder.kind, reminder.days, due_date, action))


def action_path(action_id: int) -> str:
    """The page an action reminder links to (stored on the in-app row when decided)."""
    return path_of("policing:detail", action_id)
