from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicingConfig(AppConfig):
    name = "policing"
    verbose_name = _("Policing")
