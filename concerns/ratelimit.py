"""A fixed-window rate limit per client address, kept in the cache (Redis in production).

It fails open: with the cache down every request is let through and the outage is logged, so
intake keeps working (the limit protects the council from floods; losing it for the length of
an outage is the smaller harm than refusing every resident).

Why not django-ratelimit: its RATELIMIT_FAIL_OPEN only covers a cache that returns nothing;
Django's own RedisCache raises ``redis.ConnectionError`` from ``cache.add``, which it does not
catch (it catches ``socket.gaierror`` only), so a Redis outage still answers 500. Its key
functions would also need the trusted-proxy logic below rewritten as a callable, and its
decorators count every request, where intake counts only accepted concerns. The IPv6 /64
grouping it offers is the eight lines of ``_bucket``.
"""

import ipaddress
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        count, _, period = text.partition("/")
        return cls(int(count), _PERIODS[period[-1]] * int(period[:-1] or 1))


def client_address(request) -> str:
    """The resident's address. Behind N trusted reverse proxies (CSC_TRUSTED_PROXY_HOPS) it is
    the N-th address from the right of X-Forwarded-For: what a client wrote further left is
    not to be trusted."""
    hops = settings.CSC["TRUSTED_PROXY_HOPS"]
    if hops:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_ip_or_none(request) -> str | None:
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _bucket(request) -> str:
    """One bucket per IPv4 address, per /64 for IPv6 (one subscriber's whole range)."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


def _key(scope: str, request, limit: Rate) -> str:
    window = int(time.time() // limit.seconds)
    return f"ratelimit:{scope}:{_bucket(request)}:{window}"


def _cache_down(scope: str, exc: Exception) -> None:
    logger.warning(
        "Rate limit %s not applied: the cache is unavailable (%s: %s)",
        scope,
        type(exc).__name__,
        exc,
    )


def hit(scope: str, request, rate: str) -> bool:
    """Count one request; False once the address went over ``rate`` in the current window.
    True (and logged) when the cache cannot be reached."""
    limit = Rate.parse(rate)
    key = _key(scope, request, limit)
    try:
        if cache.add(key, 1, timeout=limit.seconds + 5):
            return True
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=limit.seconds + 5)
            return True
    except Exception as exc:  # noqa: BLE001 — any cache failure: fail open
        _cache_down(scope, exc)
        return True
    return count <= limit.count


def is_limited(scope: str, request, rate: str) -> bool:
    """Whether the address is already at ``rate``, without counting this request.
    False (and logged) when the cache cannot be reached."""
    limit = Rate.parse(rate)
    try:
        used = cache.get(_key(scope, request, limit)) or 0
    except Exception as exc:  # noqa: BLE001 — any cache failure: fail open
        _cache_down(scope, exc)
        return False
    return used >= limit.count


def hit_unless_limited(scope: str, request, rate: str, *, blocked_by: tuple[str, str]) -> bool:
    """``hit(scope)`` unless ``is_limited(*blocked_by)``, in one Redis round trip.

    The tracking page asks both on every view (failed look-ups block, look-ups count): with
    Redis the two are a single pipeline (GET the blocking counter, SET NX EX and INCR this
    one) instead of two to three round trips; the request is counted even when blocked, which
    changes nothing for a client already refused. Other caches take the two calls above.
    Fails open like them.
    """
    blocked_scope, blocked_rate = blocked_by
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        return not is_limited(blocked_scope, request, blocked_rate) and hit(scope, request, rate)
    limit, blocking = Rate.parse(rate), Rate.parse(blocked_rate)
    key = backend.make_and_validate_key(_key(scope, request, limit))
    blocked_key = backend.make_and_validate_key(_key(blocked_scope, request, blocking))
    try:
        pipe = backend._cache.get_client(key, write=True).pipeline(transaction=False)
        pipe.get(blocked_key)
        pipe.set(key, 0, ex=limit.seconds + 5, nx=True)
        pipe.incr(key)
        blocked_raw, _created, count = pipe.execute()
    except Exception as exc:  # noqa: BLE001 — any cache failure: fail open
        _cache_down(scope, exc)
        return True
    # Django's Redis cache stores integers as their digits (what cache.incr counts on).
    if blocked_raw is not None and int(blocked_raw) >= blocking.count:
        return False
    return count <= limit.count
