import os
import uuid
from email.utils import parseaddr
from functools import lru_cache
from urllib.parse import urlparse

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """The ways a reminder reaches someone (``reminders.channels`` sends through each)."""

    EMAIL = "email", _("Email")
    IN_APP = "in_app", _("In the app")


class ChannelPreference(models.Model):
    """How much a user wants through one channel; no row means everything."""

    class Mode(models.TextChoices):
        ALL = "all", _("Every reminder")
        DIGEST = "digest", _("Only the weekly digest")
        OFF = "off", _("Nothing")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="channel_preferences"
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    mode = models.CharField(_("what to send"), max_length=8, choices=Mode.choices)

    class Meta:
        verbose_name = _("channel preference")
        verbose_name_plural = _("channel preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "channel"], name="one_preference_per_channel")
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.get_mode_display()}"


class Notification(models.Model):
    """An in-app notification in a user's list: unread until the user marks it read."""

    # No index of its own: the two indexes below start with it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,
    )
    # Empty on an action reminder's notification: its words are composed from the reminder
    # when the list is shown, in the reader's language (``notifications.selectors.with_texts``).
    title = models.CharField(_("title"), max_length=250, blank=True)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    reminder = models.ForeignKey(
        "reminders.Reminder",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["user", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"


def new_message_id() -> str:
    """A Message-ID for a new outbox row, in the sender's domain: ``<outbox.…@csc.example.org>``.

    It is stored on the row, so every attempt to send the row carries the same one: a repeat
    (see ``notifications.services.deliver``) is the same message to mail servers and clients.
    """
    domain = _message_domain(settings.DEFAULT_FROM_EMAIL, settings.PUBLIC_BASE_URL)
    return f"<outbox.{uuid.uuid4().hex}@{domain}>"


def new_message_ids(count: int) -> list[str]:
    """``count`` of them at once (one read of the random source, not one per id)."""
    domain = _message_domain(settings.DEFAULT_FROM_EMAIL, settings.PUBLIC_BASE_URL)
    random = os.urandom(16 * count).hex()
    return [f"<outbox.{random[i : i + 32]}@{domain}>" for i in range(0, 32 * count, 32)]


@lru_cache(maxsize=8)
def _message_domain(from_email: str, base_url: str) -> str:
    # Parsed once per setting, not per row: a reminder scan writes thousands of rows at once.
    domain = parseaddr(from_email)[1].rpartition("@")[2]
    return domain or urlparse(base_url).hostname or "localhost"


class OutgoingEmail(models.Model):
    """The outbox: any outgoing message is written here in the transaction that decides to
    send it (acknowledgements, status emails, reminders).

    Sending happens after commit through a Celery task; when the broker is down the row waits
    and the periodic sweep sends it later, so an email is delayed but never lost. A failed send
    waits longer each time (``next_attempt_at``), so an SMTP outage of hours costs no email;
    after ``notifications.services.MAX_ATTEMPTS`` failures it is given up and logged.
    Delivery is at least once: ``notifications.services.deliver`` says when an email can be
    sent twice, and each repeat carries the row's ``message_id``.
    """

    to = models.EmailField(_("to"))
    # Empty on a reminder's email until it is sent: the worker composes it from the reminder
    # (``reminders.compose``), in ``language``, and stores it before sending.
    subject = models.CharField(_("subject"), max_length=250, blank=True)
    body = models.TextField(_("text"), blank=True)
    # The recipient's language, for an email composed when it is sent.
    language = models.CharField(_("language"), max_length=10, blank=True)
    # [{"filename": "meeting.ics", "content_type": "text/calendar", "content": "BEGIN:…"}]
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    reminder = models.ForeignKey(
        "reminders.Reminder",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emails",
    )
    # The concern this email tells its reporter about: erasing the reporter's identity
    # erases these emails too.
    concern = models.ForeignKey(
        "concerns.Concern",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emails",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # While a worker sends the email: the end of its claim (services.CLAIM_LEASE).
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, db_index=True)
    given_up_at = models.DateTimeField(_("given up"), null=True, blank=True)
    # Unique by a constraint (Meta), not unique=True: that would add a second, LIKE-pattern
    # index on PostgreSQL that nothing uses and every insert pays for.
    message_id = models.CharField(
        _("Message-ID"), max_length=255, default=new_message_id, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [models.Index(fields=["sent_at", "created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["message_id"], name="outgoingemail_message_id_unique")
        ]

    def __str__(self) -> str:
        # Shown in admin titles, breadcrumbs and the admin's history: never the full address.
        return f"{self.masked_to}: {self.subject}"

    @property
    def masked_to(self) -> str:
        """The recipient as support may see it: ``d***@example.org``."""
        local, at, domain = self.to.partition("@")
        if not at:
            return "***" if self.to else ""
        return f"{local[:1]}***@{domain}"


class Heartbeat(models.Model):
    """Last time a periodic task ran through beat and a worker: shows both are alive.

    Rows by name: ``worker`` is the tick beat schedules and a worker runs; ``worker-started``,
    ``worker-stopped`` and ``beat-started`` are written by the processes themselves, so a tick
    from before the latest restart or stop does not count as alive.
    """

    TICK = "worker"
    WORKER_STARTED = "worker-started"
    WORKER_STOPPED = "worker-stopped"
    BEAT_STARTED = "beat-started"

    name = models.CharField(max_length=50, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.seen_at:%Y-%m-%d %H:%M:%S}"
