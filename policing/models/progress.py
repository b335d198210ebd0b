"""What officers and focal points report on an action, with photos and PDFs."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerns.models import Attachment
from policing.models.actions import FollowUpAction
from publictexts.fields import MultilingualTextField


class ProgressUpdate(models.Model):
    """What the officer or focal point reports; optionally shown to the reporter in summary."""

    action = models.ForeignKey(FollowUpAction, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("progress"))
    is_public = models.BooleanField(_("visible to the reporter"), default=False)
    public_summary = MultilingualTextField(
        _("public summary"),
        max_length=300,
        help_text=_("A short summary in the official languages, shown to the reporter."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_public=False) | ~Q(public_summary={}),
                name="progress_public_has_summary",
            )
        ]
        indexes = [models.Index(fields=["action", "-created_at"])]

    def __str__(self) -> str:
        return self.text[:80]


def progress_attachment_path(instance: "ProgressAttachment", filename: str) -> str:
    # Random, as for a resident's attachments: the uploader's file name is never trusted.
    return f"actions/{instance.update.action_id}/{secrets.token_hex(16)}"


class ProgressAttachment(models.Model):
    """A photo or PDF with a progress update, checked as a resident's attachments are."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=progress_attachment_path, max_length=200)
    content_type = models.CharField(max_length=40, choices=Attachment.Kind.choices)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("progress attachment")
        verbose_name_plural = _("progress attachments")

    def __str__(self) -> str:
        return self.original_name or f"attachment {self.pk}"
