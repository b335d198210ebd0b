from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = _("Exports")

    def ready(self) -> None:
        # Each app declares the lists it exports in its own ``exports`` module; importing them
        # here fills the registry the background task looks a list up in.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("exports")
