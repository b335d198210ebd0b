from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from monitoring.aggregates import register_sqlite_functions
        from monitoring.monthly import tracking

        connection_created.connect(register_sqlite_functions)
        tracking.connect()
