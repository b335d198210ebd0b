"""A fixed-window rate limit per client address, kept in the cache (Redis in production)."""

import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

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


def hit(scope: str, request, rate: str) -> bool:
    """Count one request; False once the address went over ``rate`` in the current window."""
    limit = Rate.parse(rate)
    window = int(time.time() // limit.seconds)
    key = f"ratelimit:{scope}:{_bucket(request)}:{window}"
    if cache.add(key, 1, timeout=limit.seconds + 5):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=limit.seconds + 5)
        return True
    return count <= limit.count


def is_limited(scope: str, request, rate: str) -> bool:
    """Whether the address is already over ``rate``, without counting this request."""
    limit = Rate.parse(rate)
    window = int(time.time() // limit.seconds)
    return (cache.get(f"ratelimit:{scope}:{_bucket(request)}:{window}") or 0) >= limit.count
