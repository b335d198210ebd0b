from django.db import models
from django.utils.translation import gettext_lazy as _

from councils.localized import LocalizedName, pick_translation


class Category(LocalizedName):
    """A kind of concern; its ``code`` doubles as the Open311 ``service_code``."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    description = models.CharField(_("one-line explanation"), max_length=250, blank=True)
    description_translations = models.JSONField(
        _("explanation in other languages"), default=dict, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_active = models.BooleanField(_("active"), default=True)
    is_sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_(
            "Domestic violence, human trafficking and the like: only the council's secretary and "
            "safeguarding officer read these concerns; never in member views, agendas, minutes, "
            "Open311 or small statistics cells."
        ),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    @property
    def display_description(self) -> str:
        return pick_translation(self.description, self.description_translations)
