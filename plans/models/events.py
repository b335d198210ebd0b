"""The log of plans and priorities: who changed what, when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanEvent(models.Model):
    """One row per change to a plan or a priority: who, when, what."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Plan drafted")
        CHANGED = "changed", _("Plan changed")
        ADOPTION_RECORDED = "adoption_recorded", _("Adoption decision recorded")
        ADOPTED = "adopted", _("Plan adopted")
        SUBMITTED = "submitted", _("Submitted to the Municipal Assembly")
        APPROVED = "approved", _("Approved by the Municipal Assembly")
        REVISION_STARTED = "revision_started", _("Revision started")
        LINKED = "linked", _("Linked to an activity")
        UNLINKED = "unlinked", _("Link removed")
        VALUE_RECORDED = "value_recorded", _("Indicator value recorded")
        PRIORITY_SET = "priority_set", _("Priority set")
        PRIORITY_CHANGED = "priority_changed", _("Priority changed")
        PRIORITY_PUBLISHED = "priority_published", _("Priority published")
        PRIORITY_UPDATED = "priority_updated", _("Public update")
        PRIORITY_CLOSED = "priority_closed", _("Priority closed")
        CONCERN_LINKED = "concern_linked", _("Concern linked to the priority")
        FOLLOWED = "followed", _("Follower confirmed")
        UNFOLLOWED = "unfollowed", _("Follower unsubscribed")

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(
        "plans.SafetyPlan", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    priority = models.ForeignKey(
        "plans.Priority", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("plan event")
        verbose_name_plural = _("plan events")

    def __str__(self) -> str:
        return self.get_kind_display()
