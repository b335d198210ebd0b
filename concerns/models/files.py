import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random: the uploader's name and extension are never trusted.
    return f"attachments/{instance.concern.created_at:%Y/%m}/{secrets.token_hex(16)}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"
        PDF = "application/pdf", "PDF"

    concern = models.ForeignKey(
        "concerns.Concern", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=200)
    content_type = models.CharField(max_length=40, choices=Kind.choices)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name or f"attachment {self.pk}"


def staged_upload_path(instance: "StagedUpload", filename: str) -> str:
    return f"staged/{secrets.token_hex(16)}"


class StagedUpload(models.Model):
    """A checked file of a form that came back with errors, kept so that the resident need not
    choose it again. Bound to the form's secret submission key; removed when the concern is
    saved, when the resident removes it, or after ``STAGED_UPLOAD_HOURS`` by a periodic task."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission_key = models.UUIDField(db_index=True)
    file = models.FileField(upload_to=staged_upload_path, max_length=200)
    content_type = models.CharField(max_length=40, choices=Attachment.Kind.choices)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("kept upload")
        verbose_name_plural = _("kept uploads")

    def __str__(self) -> str:
        return self.original_name or str(self.pk)
