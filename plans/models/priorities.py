"""Public priorities: what a council set at a meeting, its dated public updates, its followers."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from publictexts.fields import MultilingualTextField


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Priority(models.Model):
    class Status(models.TextChoices):
        SET = "set", _("Set, not public yet")
        PUBLISHED = "published", _("Current")
        CLOSED = "closed", _("Closed")

    TRANSITIONS: dict[str, set[str]] = {
        Status.SET: {Status.PUBLISHED, Status.CLOSED},
        Status.PUBLISHED: {Status.CLOSED},
        Status.CLOSED: set(),
    }
    OPEN = (Status.SET, Status.PUBLISHED)

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="priorities"
    )
    decision = models.OneToOneField(
        "councils.Decision",
        on_delete=models.PROTECT,
        related_name="priority",
        verbose_name=_("setting decision"),
    )
    title = MultilingualTextField(_("issue"), max_length=200, blank=False)
    commitment = MultilingualTextField(_("what will be done"), max_length=2000)
    settlements = models.ManyToManyField(
        "councils.Settlement", blank=True, related_name="priorities", verbose_name=_("settlements")
    )
    set_on = models.DateField(_("set on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SET, db_index=True
    )
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = MultilingualTextField(_("outcome"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["council", "-set_on", "-id"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="priority_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | (Q(closed_on__isnull=False) & ~Q(outcome={})),
                name="priority_closed_has_outcome",
            ),
        ]
        indexes = [models.Index(fields=["council", "status"])]

    def __str__(self) -> str:
        return f"{self.council_id}: {self.set_on}"

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def is_public(self) -> bool:
        return self.published_at is not None

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class PriorityUpdate(models.Model):
    """ "What we are doing", dated; public once the priority is."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(_("date"))
    text = MultilingualTextField(_("what we are doing"), max_length=2000, blank=False)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["priority", "-on", "-id"]
        verbose_name = _("priority update")
        verbose_name_plural = _("priority updates")

    def __str__(self) -> str:
        return f"{self.priority_id} {self.on}"


class PriorityConcern(models.Model):
    """A concern the priority takes up: its reporter reads the priority on the tracking page."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="concern_links")
    concern = models.ForeignKey(
        "concerns.Concern", on_delete=models.CASCADE, related_name="priority_links"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("concern of a priority")
        verbose_name_plural = _("concerns of priorities")
        constraints = [
            models.UniqueConstraint(fields=["priority", "concern"], name="priority_concern_once")
        ]

    def __str__(self) -> str:
        return f"{self.priority_id}: {self.concern_id}"


class PriorityFollower(models.Model):
    """A resident who asked for a priority's updates by email.

    Double opt-in: nothing is sent but the confirmation until its link is opened; every email
    carries the unsubscribe link. The address is used for these emails only and shown nowhere.
    """

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="followers")
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=10)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    consented_at = models.DateTimeField(_("consent given"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follower of a priority")
        verbose_name_plural = _("followers of priorities")
        constraints = [
            models.UniqueConstraint(fields=["priority", "email"], name="priority_follower_once")
        ]

    def __str__(self) -> str:
        return f"{self.priority_id}: follower {self.pk}"

    @property
    def receives_updates(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
