"""The Redis database of one pytest-xdist process (see config/settings.py)."""

from urllib.parse import urlsplit, urlunsplit

REDIS_DATABASES = 16  # Redis's default `databases`


def redis_url_for_worker(url: str, worker: str) -> str:
    """gw0 keeps the URL's database; gwN takes the Nth one below it (wrapping around), so CI's
    database 15 and 14 with two processes, and a developer's other databases stay untouched."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    database = (base - int(worker.removeprefix("gw"))) % REDIS_DATABASES
    return urlunsplit(parts._replace(path=f"/{database}"))
