"""Short tracking codes a resident can read out over the phone: ``K7QM-3ZTD-9WXA``.

Twelve characters of Crockford's base32 alphabet (digits and capitals without I, L, O and U,
so nothing reads as another), shown in three groups of four: 60 bits.

Guessing odds, with the existing limit on failed look-ups (``CSC_TRACK_FAILED_RATE_LIMIT``,
20 an hour per address, per /64 for IPv6): one address can try at most 20 × 24 × 365 = 175 200
codes a year, each against one reference, each right with probability 2⁻⁶⁰ ≈ 8.7 × 10⁻¹⁹. That
is 1.5 × 10⁻¹³ a year per address; a million addresses trying for a year find a given concern
with probability 1.5 × 10⁻⁷, and one hit on *any* concern needs about 6.6 × 10¹² address-years
(2⁶⁰ / 175 200): a guess names its reference, so the number of concerns does not help.

Only a keyed hash is stored (HMAC-SHA256 with SECRET_KEY): a copy of the database alone does
not let anyone test codes offline. A concern's first code is derived from its form's one-time
key, as the long link token is (``references.tracking_token_for``), so that a resubmitted form
and the receipt page show the same code again; a code issued later by the secretary is random
and exists only in the response that shows it (the slip, the SMS text, the email): nobody,
the server included, can show it again — issuing another one replaces it.

Typing is forgiven: case, spaces and hyphens are ignored, O is read as 0 and I or L as 1.
"""

import hashlib
import hmac
import secrets
import uuid

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4
BITS = LENGTH * 5  # 60
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_IGNORED = str.maketrans("", "", " -\t\u00a0")


def _encode(number: int) -> str:
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(LENGTH)))


def new_code() -> str:
    """A random code (60 bits from the system's CSPRNG)."""
    return _encode(secrets.randbits(BITS))


def code_for_key(submission_key: uuid.UUID) -> str:
    """A concern's first code, derived from its form's one-time key with SECRET_KEY."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), b"tracking-code:" + submission_key.bytes, hashlib.sha256
    ).digest()
    return _encode(int.from_bytes(digest[:8], "big") >> (64 - BITS))


def normalize(text: str | None) -> str | None:
    """The code as stored, from what a person typed; None if it cannot be a code."""
    code = (text or "").upper().translate(_IGNORED).translate(_READ_AS)
    if len(code) != LENGTH or any(character not in ALPHABET for character in code):
        return None
    return code


def grouped(code: str) -> str:
    """``K7QM3ZTD9WXA`` → ``K7QM-3ZTD-9WXA``: how it is printed, read out and linked."""
    code = normalize(code) or code
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def hash_code(code: str) -> str:
    """What the database keeps of a code (normalized first)."""
    return hmac.new(
        settings.SECRET_KEY.encode(),
        b"tracking-code:" + (normalize(code) or "").encode(),
        hashlib.sha256,
    ).hexdigest()


def matches(stored_hash: str, text: str | None) -> bool:
    """Whether ``text`` is the code whose hash is ``stored_hash`` (constant time)."""
    code = normalize(text)
    if not code or not stored_hash:
        return False
    return secrets.compare_digest(stored_hash, hash_code(code))
