"""Templates are compiled once per process, not read and parsed on every page: Django's cached
loader wraps the others whenever no loaders are given (what config/settings.py does)."""

from django.conf import settings
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader


def test_the_settings_leave_the_loaders_to_django():
    (options,) = [t["OPTIONS"] for t in settings.TEMPLATES]
    assert "loaders" not in options  # a list here would turn the cached loader off


def test_with_debug_off_the_templates_come_from_the_cached_loader(settings):
    settings.DEBUG = False
    (loader,) = engines["django"].engine.template_loaders

    assert isinstance(loader, CachedLoader)
    loader.reset()
    first = loader.get_template("base.html")
    assert loader.get_template("base.html") is first
