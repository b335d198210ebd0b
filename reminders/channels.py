"""The ways a reminder reaches a person. A channel is small: a name (its preference key) and a
``send`` that writes its messages in the scan's transaction; whatever leaves the machine goes
through the notifications outbox after commit.

An SMS channel would be one more class here (writing to an SMS outbox sent by its own task)
and one more entry in ``settings.CSC["REMINDER_CHANNELS"]``: the scan does not change.
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from notifications.bulk import EmailRow, InAppRow, insert_notifications
from notifications.models import Channel as ChannelName
from notifications.models import ChannelPreference
from notifications.services import DeliveryHandOff, queue_email_rows
from reminders.messages import Message
from reminders.models import Reminder


@dataclass(frozen=True)
class Outgoing:
    """One reminder for one person. ``message`` is None for an action reminder: its words are
    composed when sent (in ``language``) or shown (``reminders.compose``)."""

    reminder_id: int
    user: object
    message: Message | None
    language: str = ""
    path: str = ""


class Channel:
    name: str = ""

    def reaches(self, user) -> bool:
        """Whether this channel can reach the user at all (an address, a phone number)."""
        return True

    def send(self, outgoing: list[Outgoing]) -> None:
        raise NotImplementedError


class EmailChannel(Channel):
    name = ChannelName.EMAIL

    def __init__(self):
        self.hand_off: DeliveryHandOff | None = None

    def reaches(self, user) -> bool:
        return bool(user.email)

    def send(self, outgoing: list[Outgoing]) -> None:
        self.hand_off = queue_email_rows(
            [
                EmailRow(
                    to=item.user.email,
                    reminder_id=item.reminder_id,
                    subject=item.message.subject if item.message else "",
                    body=item.message.body if item.message else "",
                    language=item.language,
                )
                for item in outgoing
            ]
        )

    @property
    def not_queued(self) -> int:
        return self.hand_off.not_queued if self.hand_off is not None else 0


class InAppChannel(Channel):
    """The list behind the bell in the header: written in the scan's transaction, so it is
    there the moment the scan commits, with nothing to send."""

    name = ChannelName.IN_APP

    def send(self, outgoing: list[Outgoing]) -> None:
        insert_notifications(
            [
                InAppRow(
                    user_id=item.user.pk,
                    url=item.path,
                    reminder_id=item.reminder_id,
                    title=item.message.subject if item.message else "",
                    body=item.message.body if item.message else "",
                )
                for item in outgoing
            ]
        )


@cache
def _channel_classes(paths: tuple[str, ...]) -> list[type[Channel]]:
    return [import_string(path) for path in paths]


def configured_channels() -> list[Channel]:
    """Fresh instances for one scan (a channel may keep what it sent, as email does)."""
    return [cls() for cls in _channel_classes(tuple(settings.CSC["REMINDER_CHANNELS"]))]


class Preferences:
    """Each user's choice per channel (no row: every reminder), loaded for many users at once."""

    def __init__(self, user_ids):
        self.modes = {
            (user_id, channel): mode
            for user_id, channel, mode in ChannelPreference.objects.filter(
                user_id__in=set(user_ids)
            ).values_list("user_id", "channel", "mode")
        }

    def wants(self, user_id: int, channel: str, kind: str) -> bool:
        mode = self.modes.get((user_id, channel), ChannelPreference.Mode.ALL)
        if mode == ChannelPreference.Mode.ALL:
            return True
        if mode == ChannelPreference.Mode.DIGEST:
            return kind == Reminder.Kind.DIGEST
        return False
