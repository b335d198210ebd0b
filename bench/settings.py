"""The project's settings plus one bare view: the ceiling the page benchmark compares against.

Only bench/bench_pages.py uses this module (DJANGO_SETTINGS_MODULE=bench.settings); the bare
view goes through the same middleware, session and cache configuration as every page.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
