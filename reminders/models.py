"""A reminder decided on: one row per (subject, kind, period), written by the scan.

The row is what keeps a reminder from being decided twice: two scans at once, two beat
instances or a task delivered twice all insert the same key, and the database keeps one.
Sending goes through the notifications outbox (one OutgoingEmail per recipient, linked to the
row) and is *at least once*: a worker killed between the mail server's acceptance and the
outbox's "sent" UPDATE sends that email again after the claim's lease, with the same
Message-ID (see ``notifications.services.deliver``). So no second *reminder* is ever decided,
and a repeated *email* is rare, bounded to that window, and recognisable as the same message.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        ESCALATION = "escalation", _("Escalation")
        DIGEST = "digest", _("Weekly digest")
        MEETING_TOMORROW = "meeting_tomorrow", _("Meeting tomorrow")
        MINUTES_UNAPPROVED = "minutes_unapproved", _("Minutes not approved")

    ACTION_KINDS = (Kind.DUE_SOON, Kind.OVERDUE, Kind.ESCALATION)
    MEETING_KINDS = (Kind.MEETING_TOMORROW, Kind.MINUTES_UNAPPROVED)

    # What the reminder is about: an action, a meeting, or (a digest) the person it goes to.
    # No index of their own: each is the first column of its partial unique index below, which
    # serves the lookups and cascades (a first scan inserts 15 000 rows: each index costs).
    action = models.ForeignKey(
        "policing.FollowUpAction",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="reminders",
        verbose_name=_("action"),
    )
    meeting = models.ForeignKey(
        "councils.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="reminders",
        verbose_name=_("meeting"),
    )
    digest_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="digests",
        verbose_name=_("digest for"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The occurrence: the due date it was computed for (``2026-11-20``), with the repetition for
    # overdue reminders (``2026-11-20/2``); a meeting's date; a digest's week (``2026-W48``).
    # A due date that moves gives a new period, so the new date is reminded of in its turn.
    period = models.CharField(_("period"), max_length=32)
    # Days until the due date (due soon) or past it (overdue, escalation) when decided; days
    # after the meeting (minutes), overdue actions (digest). The message is composed from it.
    days = models.PositiveIntegerField(_("days"), default=0)
    # Why now, in words for the log and ``manage.py reminders --dry-run``.
    reason = models.CharField(_("reason"), max_length=250, blank=True)
    # User ids the reminder went to (the channels each chose are in the outbox and in-app rows).
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    # The scan that inserted the row: after an INSERT … ON CONFLICT DO NOTHING, the rows with
    # its id are the ones this scan decided (a concurrent scan's rows carry the other id).
    # Not indexed: read back by it only on SQLite (PostgreSQL's INSERT returns its rows).
    scan = models.UUIDField(editable=False)
    created_at = models.DateTimeField(_("decided"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "kind", "period"],
                condition=Q(action__isnull=False),
                name="reminder_once_per_action_period",
            ),
            models.UniqueConstraint(
                fields=["meeting", "kind", "period"],
                condition=Q(meeting__isnull=False),
                name="reminder_once_per_meeting_period",
            ),
            models.UniqueConstraint(
                fields=["digest_for", "kind", "period"],
                condition=Q(digest_for__isnull=False),
                name="reminder_one_digest_per_week",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["due_soon", "overdue", "escalation"])
                    & Q(action__isnull=False, meeting__isnull=True, digest_for__isnull=True)
                )
                | (
                    Q(kind__in=["meeting_tomorrow", "minutes_unapproved"])
                    & Q(action__isnull=True, meeting__isnull=False, digest_for__isnull=True)
                )
                | (
                    Q(kind="digest")
                    & Q(action__isnull=True, meeting__isnull=True, digest_for__isnull=False)
                ),
                name="reminder_subject_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period}"
