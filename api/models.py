from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken, AuthTokenManager


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(models.Q(expiry__isnull=True) | models.Q(expiry__gt=timezone.now()))


class ApiToken(AbstractAuthToken):
    """A knox token with a name, so that its owner can tell which integration uses which.

    knox stores the SHA-512 digest only (the token is shown once, when created), checks the
    expiry and deletes expired tokens; revoking is deleting the row.
    """

    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. “Statistics export”.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        help_text=_("The owner, or the administrator who created it for them."),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = AuthTokenManager.from_queryset(ApiTokenQuerySet)()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="api_token_name_unique_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key}…)"

    @property
    def is_expired(self) -> bool:
        return self.expiry is not None and self.expiry <= timezone.now()
