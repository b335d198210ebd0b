from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Realistic demo data for every app (``manage.py seed_demo``). It imports all of them;
    nothing imports it, so the domain apps stay independent of each other's demo rows."""

    name = "demo"
    verbose_name = "Demo data"
