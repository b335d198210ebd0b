from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentityDisclosure(models.Model):
    """A log row for every time someone was shown a reporter's identity or their safe ways
    to be contacted."""

    class Shown(models.TextChoices):
        IDENTITY = "identity", _("Name and contact details")
        SAFE_CONTACT = "safe_contact", _("Safe ways to contact")

    concern = models.ForeignKey(
        "concerns.Concern", on_delete=models.CASCADE, related_name="identity_disclosures"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shown = models.CharField(
        _("what was shown"), max_length=16, choices=Shown.choices, default=Shown.IDENTITY
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reporter identity disclosure")
        verbose_name_plural = _("reporter identity disclosures")

    def __str__(self) -> str:
        return f"{self.concern_id} {self.shown} shown to {self.user_id}"
