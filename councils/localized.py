"""Names that are data in several languages: municipalities, settlements, councils, categories."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def pick_translation(default: str, translations: dict | None, language: str | None = None) -> str:
    """The text in ``language`` (or the active language), falling back to its base then default."""
    if not translations:
        return default
    language = (language or get_language() or "").lower()
    for code in (language, language.split("-")[0]):
        if translations.get(code):
            return translations[code]
    return default


class LocalizedName(models.Model):
    name = models.CharField(_("name"), max_length=150)
    name_translations = models.JSONField(
        _("name in other languages"),
        default=dict,
        blank=True,
        help_text=_('For example {"sq": "Istog", "sr-latn": "Istok"}.'),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return pick_translation(self.name, self.name_translations)
