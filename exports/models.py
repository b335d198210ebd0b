"""A file written in the background for a list too long to stream while the reader waits."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Export(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being written")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    list_name = models.CharField(max_length=60)  # exports.lists registry key
    # The page's query parameters, as lists of values (a QueryDict's lists()).
    params = models.JSONField(default=dict, blank=True)
    format = models.CharField(max_length=4, choices=Format.choices, default=Format.CSV)
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    # The run that may write progress and the file: a task run again (a worker lost, a
    # retried message) takes over, and the run it replaced stops at its next progress update.
    run_token = models.CharField(max_length=32, blank=True)
    # What the requester could read when they asked (a digest of their scope): a file is only
    # handed to them while their roles are the same (exports.services.scope_digest).
    scope_digest = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to="exports/", blank=True, max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "done", "failed"]),
                name="export_status_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="done") | ~models.Q(file=""),
                name="export_done_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.list_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("exports:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)
