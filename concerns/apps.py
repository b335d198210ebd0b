from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "concerns"
    verbose_name = _("Concerns")

    def ready(self) -> None:
        from concerns import form_cache

        form_cache.connect_signals()
