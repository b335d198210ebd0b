"""Action reminders' words, composed when they are sent or shown rather than by the scan.

The scan writes an action reminder's outbox email with an empty subject and body and the
recipient's language, and its in-app notification with an empty title and the link. Here:

- ``compose_emails``: the worker, before sending, composes a batch of such emails from their
  reminders (two queries for the batch) and stores the words on the rows, so every attempt to
  send an email, a repeat included, carries the same words with the same Message-ID;
- ``compose_notifications``: the in-app list and the API, for the page they show, in the
  reader's active language; nothing is stored (the row keeps its link and read state).

The words come from the reminder row (kind, period, the days counted when decided) and the
action as it is when composed (its title, unit or body, officer).
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from reminders.messages import compose_action
from reminders.models import Reminder

ACTION_MESSAGE_RELATIONS = (
    "action__council__municipality",
    "action__concern__category",
    "action__responsible_unit",
    "action__responsible_body",
    "action__assignee__user",
)


def _reminders(ids) -> dict[int, Reminder]:
    return Reminder.objects.select_related(*ACTION_MESSAGE_RELATIONS).in_bulk(set(ids))


def _compose(reminder: Reminder | None, language: str):
    if reminder is None or reminder.kind not in Reminder.ACTION_KINDS:
        # The scan composes every other kind itself; an empty one is a defect, not a message.
        raise ValueError(f"reminder {getattr(reminder, 'pk', None)} has no message to compose")
    return compose_action(reminder, reminder.action, language)


def compose_emails(emails) -> None:
    """Fill and store the subject and body of these outbox rows (action reminders' emails)."""
    if not emails:
        return
    from notifications.models import OutgoingEmail

    reminders = _reminders(email.reminder_id for email in emails)
    for email in emails:
        language = email.language or settings.LANGUAGE_CODE
        message = _compose(reminders.get(email.reminder_id), language)
        email.subject, email.body = message.subject[:250], message.body
    OutgoingEmail.objects.bulk_update(emails, ["subject", "body"])


def compose_notifications(notifications, reader) -> None:
    """Give ``reader``'s in-app notifications their title and text in the active language.

    Composed from the action as it is now, so checked as it is now: an action ``reader`` may no
    longer open (its concern since put in a sensitive category, say) gets words that say only
    that, not its title."""
    if not notifications:
        return
    from policing.policies import can_view_action

    language = translation.get_language()
    reminders = _reminders(n.reminder_id for n in notifications)
    for notification in notifications:
        reminder = reminders.get(notification.reminder_id)
        if reminder is None or reminder.kind not in Reminder.ACTION_KINDS:
            continue
        if not can_view_action(reader, reminder.action):
            notification.title = gettext("A reminder about an action you can no longer open")
            notification.body = ""
            continue
        message = compose_action(reminder, reminder.action, language)
        notification.title, notification.body = message.subject[:250], message.body
