from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicTextsConfig(AppConfig):
    name = "publictexts"
    verbose_name = _("Public texts")
