"""Random input for the fuzz run: unicode that breaks things, huge values, wrong types, bogus
dates and coordinates, broken multipart bodies."""

import os
import random
import uuid
from urllib.parse import quote_from_bytes

EVIL = [
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff",
    "\u202e",
    "\u200f\u202b",
    "\ufeff",
    "\uffff",
    "\U0001f6a8",
    "ë ç Ë Ç",
    "شارع المدرسة",
    "شەقامی قوتابخانە",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "%s%s%n",
    "{{ settings.SECRET_KEY }}",
    "\r\nSet-Cookie: x=1",
]
NUMBERS = ["-1", "0", "1", "2", "1e309", "-1e309", "NaN", "inf", "99999999999999999999", "0x10"]
DATES = [
    "0001-01-01",
    "0000-00-00",
    "9999-12-31",
    "2026-02-30",
    "1899-12-31",
    "1900-01-01",
    "2100-01-01",
    "31/12/2026",
    "-2026-01-01",
    "2026-13-01",
    "today",
]
TIMES = ["00:00", "25:61", "23:59:59.999999", "12", "noon", "-1:00"]
COORDS = ["91", "-91", "181", "-181", "NaN", "1e400", "0.0000001", "42.123456789", "42,6"]


def random_text(rng: random.Random) -> str:
    alphabet_ranges = [(0x20, 0x7E), (0xA0, 0x24F), (0x600, 0x6FF), (0x0, 0x1F), (0x2000, 0x206F)]
    length = rng.choice([1, 2, 5, 20, 80, 300])
    out = []
    for _ in range(length):
        low, high = rng.choice(alphabet_ranges)
        out.append(chr(rng.randint(low, high)))
    return "".join(out)


def random_value(rng: random.Random, known: list[str]) -> str:
    kind = rng.random()
    if kind < 0.15:
        return rng.choice(known) if known else ""
    if kind < 0.30:
        return rng.choice(EVIL) + rng.choice(["", random_text(rng)])
    if kind < 0.40:
        return rng.choice(NUMBERS)
    if kind < 0.50:
        return rng.choice(DATES)
    if kind < 0.55:
        return rng.choice(TIMES)
    if kind < 0.62:
        return rng.choice(COORDS)
    if kind < 0.66:
        size = rng.choice([300, 6000, 100_000]) if rng.random() < 0.95 else 1_000_000
        return rng.choice(["A", "é", "\x00", "ب"]) * size
    if kind < 0.72:
        return ""
    if kind < 0.78:
        return str(uuid.uuid4()) if rng.random() < 0.7 else "not-a-uuid"
    return random_text(rng)


def encode(text: str) -> bytes:
    # Lone surrogates become the bytes a broken client would send (invalid UTF-8).
    return text.encode("utf-8", "surrogatepass")


def urlencoded(pairs: list[tuple[str, str]]) -> bytes:
    return b"&".join(
        quote_from_bytes(encode(k)).encode() + b"=" + quote_from_bytes(encode(v)).encode()
        for k, v in pairs
    )


def multipart(rng: random.Random, pairs: list[tuple[str, str]]) -> tuple[bytes, str]:
    boundary = "----csc" + uuid.uuid4().hex
    parts = []
    for name, value in pairs:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="'.encode()
            + encode(name)
            + b'"\r\n\r\n'
            + encode(value)
            + b"\r\n"
        )
    for _ in range(rng.choice([0, 1, 1, 3, 6])):
        filename = rng.choice(
            ["photo.jpg", "a.png", "x.pdf", "\x00.jpg", "..\\..\\a", "\u202egpj.exe", ""]
        )
        content = rng.choice(
            [
                b"\xff\xd8\xff\xe0" + os.urandom(rng.choice([10, 2000])),
                b"\x89PNG\r\n\x1a\n" + os.urandom(100),
                b"%PDF-1.4\n" + os.urandom(50),
                os.urandom(rng.choice([0, 10, 5000])),
            ]
        )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="'.encode()
            + encode(filename)
            + b'"\r\nContent-Type: '
            + rng.choice([b"image/jpeg", b"image/png", b"application/pdf", b"text/html", b""])
            + b"\r\n\r\n"
            + content
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    breakage = rng.random()
    if breakage < 0.15:
        body = body[: rng.randint(0, len(body))]  # truncated
    elif breakage < 0.25:
        boundary = "wrong" + boundary  # the header names another boundary
    elif breakage < 0.30:
        return body, "multipart/form-data"  # no boundary at all
    return body, f"multipart/form-data; boundary={boundary}"


def fuzzed_pairs(rng: random.Random, fields: dict[str, list[str]]) -> list[tuple[str, str]]:
    pairs = []
    for name, known in fields.items():
        roll = rng.random()
        if roll < 0.15:
            continue  # missing
        pairs.append(
            (name, rng.choice(known) if roll < 0.45 and known else random_value(rng, known))
        )
        if rng.random() < 0.08:
            pairs.append((name, random_value(rng, known)))  # repeated key
    if rng.random() < 0.1:
        pairs.append((random_value(rng, []), random_value(rng, [])))  # unknown field
    if rng.random() < 0.05:
        pairs.append((rng.choice(list(fields) or ["x"]) + "[]", "1"))
    rng.shuffle(pairs)
    return pairs
