"""Test-wide fixtures: real services when they are configured, isolation between tests.

Tests that need PostgreSQL, Redis or Chromium say so with a fixture (``require_postgres``,
``require_redis``, ``require_chromium``) or a marker (``services``, ``browser``). Without the
service they are skipped, so ``make test`` runs anywhere; with ``CSC_REQUIRE_SERVICES=1`` (set by
``.ci/run``) a missing service fails them instead, so CI cannot turn green by skipping.

    @pytest.mark.services                      # needs PostgreSQL
    @pytest.mark.services("redis")             # needs Redis
    @pytest.mark.services("postgres", "redis") # needs both
    @pytest.mark.browser                       # needs /usr/bin/chromium
    @pytest.mark.celery_worker                 # runs a real worker: tasks are not run eagerly
"""

import os
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings as django_settings

CHROMIUM = Path("/usr/bin/chromium")
SERVICES = ("postgres", "redis")


def services_required() -> bool:
    return os.environ.get("CSC_REQUIRE_SERVICES", "").lower() in {"1", "true", "yes", "on"}


def _unavailable(reason: str) -> None:
    if services_required():
        pytest.fail(f"{reason} — CSC_REQUIRE_SERVICES=1 forbids skipping", pytrace=False)
    pytest.skip(reason)


def postgres_configured() -> bool:
    return "postgresql" in django_settings.DATABASES["default"]["ENGINE"]


@cache
def redis_reachable(url: str) -> bool:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        return bool(client.ping())
    except redis.RedisError:
        return False


def ensure_postgres() -> None:
    if not postgres_configured():
        _unavailable("needs PostgreSQL (set DATABASE_URL)")


def ensure_redis() -> str:
    url = django_settings.REDIS_URL
    if not url:
        _unavailable("needs Redis (set REDIS_URL)")
    if not redis_reachable(url):
        _unavailable(f"needs Redis (REDIS_URL is set but {url} does not answer PING)")
    return url


def ensure_chromium() -> Path:
    if not CHROMIUM.exists():
        _unavailable(f"needs Chromium ({CHROMIUM}; apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session", autouse=True)
def _broker_folders():
    """The filesystem broker (the default without REDIS_URL) needs its folders."""
    from config.celery import ensure_broker_folders

    ensure_broker_folders()


def pytest_configure(config: pytest.Config) -> None:
    # pyproject.toml registers `services` and `browser`; these belong to this conftest.
    config.addinivalue_line(
        "markers", "celery_worker: runs a real Celery worker, so tasks are not run eagerly"
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers(name="services"):
        wanted = marker.args or ("postgres",)
        unknown = set(wanted) - set(SERVICES)
        if unknown:
            pytest.fail(f"unknown service in @pytest.mark.services: {sorted(unknown)}")
        if "postgres" in wanted:
            ensure_postgres()
        if "redis" in wanted:
            ensure_redis()
    if item.get_closest_marker("browser"):
        ensure_chromium()


@pytest.fixture
def require_postgres() -> None:
    """Skip (or fail under CSC_REQUIRE_SERVICES=1) unless the tests run on PostgreSQL."""
    ensure_postgres()


@pytest.fixture
def require_redis() -> str:
    """Skip (or fail under CSC_REQUIRE_SERVICES=1) unless REDIS_URL answers; returns the URL."""
    return ensure_redis()


@pytest.fixture
def require_chromium() -> Path:
    """Skip (or fail under CSC_REQUIRE_SERVICES=1) without Debian's Chromium; returns its path."""
    return ensure_chromium()


@pytest.fixture(scope="session", autouse=True)
def _empty_static_root(tmp_path_factory):
    """An existing STATIC_ROOT keeps whitenoise from warning on every request, also in the
    session-wide live server, which is why this is set before any other fixture runs."""
    saved = django_settings.STATIC_ROOT
    django_settings.STATIC_ROOT = tmp_path_factory.mktemp("staticfiles")
    yield
    django_settings.STATIC_ROOT = saved


@pytest.fixture(autouse=True)
def _test_storage_and_email(settings, tmp_path):
    """No manifest (nothing was collected), uploads into a fresh folder, emails in mail.outbox."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Password hashing is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _celery_eager(request):
    """Tasks run in the test's thread unless the test runs a real worker."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    from config.celery import app

    saved = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = saved


def _clear_cache() -> None:
    from django.core.cache import cache as django_cache

    location = django_settings.CACHES["default"]
    if location["BACKEND"].endswith("RedisCache") and django_cache.key_prefix:
        # The Redis database may also hold the Celery broker's keys: delete ours only.
        import redis

        client = _redis_client(location["LOCATION"])
        try:
            keys = list(client.scan_iter(match=f"{django_cache.key_prefix}:*", count=1000))
            if keys:
                client.delete(*keys)
        except redis.ConnectionError:
            pass  # Redis is down: require_redis skips or fails the test with the reason.
    else:
        django_cache.clear()


@cache
def _redis_client(url: str):
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate limits count in the cache: every test starts with none used."""
    _clear_cache()
    yield
    _clear_cache()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a test (or a page it renders) that activates
    another would otherwise leave it active for whichever test the same process runs next."""
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
