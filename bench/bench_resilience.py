"""Reliability figures: Redis stopped during 300 submissions, then a few thousand fuzzed requests.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_resilience.py \
        [--submissions 300] [--fuzz 3000] [--seconds 900] [--seed 2026]

Needs PostgreSQL (DATABASE_URL) and the redis-server program; it never touches a shared Redis.
It creates (once) a database ``csc_bench_resilience`` beside the one in DATABASE_URL (another
name with BENCH_DATABASE=...), migrates it and adds what it needs.

1. Outage: the Django test client posts N concerns to /report/ (this process is the web side)
   with its cache and Celery broker on a private redis-server on a free port; a real Celery
   worker process sends the emails. Redis is stopped for the middle third of the submissions
   and started again, empty, then the outbox sweep is queued until every acknowledgement is
   sent. Printed: status codes (all, and during the outage), concerns saved, emails sent,
   references mailed twice or never.
2. Fuzz: a bounded number of requests with random input against /report/, /track/, the
   secretary's inbox filters, every concern transition, the staff entry form and the sign-in
   form, signed in as a secretary for the staff ones: random unicode (NUL, lone surrogates,
   right-to-left overrides), huge values, wrong types, missing and repeated fields, bogus
   dates and coordinates, broken multipart bodies. Printed: the count of each status code and,
   for any 5xx, the request and the exception.

Unknown positional arguments are ignored (``make bench BENCH_ARGS=…`` passes them to every bench).
The exit code is 1 when any figure is off (a 5xx, a lost concern, an email lost or doubled).
"""

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import quote_from_bytes, urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bench_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("bench/bench_resilience.py needs DATABASE_URL pointing at PostgreSQL")
    name = os.environ.get("BENCH_DATABASE", "csc_bench_resilience")
    parsed = urlparse(url)
    import psycopg2

    connection = psycopg2.connect(urlunparse(parsed._replace(path="/postgres")))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return urlunparse(parsed._replace(path=f"/{name}"))


# --- Random input


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


# --- The run


def outage(args) -> bool:
    from concerns.models import Category
    from councils.models import Council, Municipality
    from tests.factories import CategoryFactory, CouncilFactory, MunicipalityFactory
    from tests.resilience import run_outage
    from tests.workers import redis_server

    if not Council.objects.filter(level="municipal", municipality__code="IST").exists():
        municipality = Municipality.objects.filter(code="IST").first() or MunicipalityFactory(
            code="IST", name="Istog"
        )
        CouncilFactory(municipality=municipality, name="MCSC Istog")
    if not Category.objects.filter(is_active=True).exists():
        CategoryFactory(code="lighting")
    with tempfile.TemporaryDirectory() as folder, redis_server() as redis:
        email_dir = Path(folder) / "mail"
        email_dir.mkdir()
        started = time.perf_counter()
        run = run_outage(
            count=args.submissions,
            redis=redis,
            email_dir=email_dir,
            worker_log=Path(folder) / "worker.log",
            timeout=300,
        )
        seconds = time.perf_counter() - started
    print(
        f"== Redis stopped during submissions {args.submissions // 3}..{2 * (args.submissions // 3) - 1}"
    )
    print(
        f"submissions: {args.submissions} in {seconds:.1f} s (worker start and delivery included)"
    )
    print(f"status codes: {dict(sorted(run.statuses.items()))}")
    print(f"status codes while Redis was down: {dict(sorted(run.statuses_during_outage.items()))}")
    print(f"concerns saved: {run.saved}")
    print(
        f"acknowledgements sent (outbox rows): {run.sent_rows}; emails written by the worker: {run.emails}"
    )
    print(f"delivered {run.seconds_to_deliver:.1f} s after the last submission")
    print(f"references mailed more than once: {len(run.references_mailed_more_than_once)}")
    print(f"references never mailed: {len(run.references_never_mailed)}")
    fives = sum(n for code, n in run.statuses.items() if code >= 500)
    return (
        fives == 0
        and run.saved == args.submissions
        and run.emails == args.submissions
        and not run.references_mailed_more_than_once
        and not run.references_never_mailed
    )


def fuzz(args) -> bool:
    from django.core.signals import got_request_exception
    from django.test import Client

    from concerns import services
    from concerns.models import Category, Concern
    from concerns.references import tracking_token_for
    from councils.models import Council, Membership, Person, Settlement
    from tests.factories import UserFactory

    rng = random.Random(args.seed)
    council = Council.objects.filter(level="municipal", municipality__code="IST").first()
    municipality = council.municipality
    secretary = UserFactory(username="bench.resilience.secretary")
    person = Person.objects.filter(user=secretary).first() or Person.objects.create(
        full_name="Bench Secretary", user=secretary
    )
    Membership.objects.get_or_create(person=person, council=council, role="secretary")
    categories = [str(pk) for pk in Category.objects.values_list("pk", flat=True)]
    settlements = [str(pk) for pk in Settlement.objects.values_list("pk", flat=True)[:5]]
    concerns = list(Concern.objects.filter(council=council).order_by("-id")[:20])
    if len(concerns) < 5:
        for number in range(5):
            services.submit_concern(
                services.Submission(
                    municipality=municipality,
                    category=Category.objects.first(),
                    description=f"Dogs in the school yard, fuzz seed {number}.",
                )
            )
        concerns = list(Concern.objects.filter(council=council).order_by("-id")[:20])
    references = [c.reference for c in concerns]
    tokens = [tracking_token_for(c.submission_key) for c in concerns]
    pks = [str(c.pk) for c in concerns]

    report_fields = {
        "municipality": [str(municipality.pk)],
        "category": categories,
        "description": ["Cars speed past the primary school every morning."],
        "settlement": settlements,
        "address": ["Rruga e Shkollës"],
        "latitude": ["42.78"],
        "longitude": ["20.48"],
        "occurred_on": ["2026-01-15"],
        "occurred_time": ["08:30"],
        "is_anonymous": ["on"],
        "reporter_name": ["Drita"],
        "reporter_phone": ["+383 44 123 456"],
        "reporter_email": ["drita@example.org"],
        "consent_to_contact": ["on"],
        "website": [""],
        "submission_key": [],
    }
    staff_fields = {
        **report_fields,
        "channel": ["phone", "walk_in", "meeting"],
        "language": ["sq", "en"],
    }
    staff_fields.pop("website")
    transition_fields = {
        "category": categories,
        "priority": ["low", "normal", "high", "urgent"],
        "council": [str(council.pk)],
        "note": ["Discussed with the police."],
        "reason": ["Not a safety concern."],
        "public_response": ["Lights repaired."],
        "original": references,
        "text": ["Internal note."],
        "visibility": ["public", "internal"],
    }
    for prefix in (
        "reject",
        "duplicate",
        "resolve",
        "reopen",
        "close",
        "refer",
        "agenda",
        "reclassify",
        "triage",
    ):
        for name in ("reason", "note", "public_response", "original", "category", "priority"):
            transition_fields[f"{prefix}-{name}"] = transition_fields.get(name, [])
    inbox_fields = {
        "q": ["lights", "00157", *references],
        "status": ["open", "new", "triaged"],
        "category": categories,
        "settlement": settlements,
        "channel": ["web", "phone"],
        "council": [str(council.pk)],
        "received_from": ["2026-01-01"],
        "received_to": ["2026-12-31"],
        "waiting": ["on"],
        "sort": ["-created_at", "priority", "reference"],
        "page": ["1", "2", "last"],
    }
    actions = [
        "triage", "reject", "reclassify", "duplicate", "refer", "agenda", "resolve", "close",
        "reopen", "notes", "note", "comment", "identity", "update", "message", "public-update",
    ]  # fmt: skip

    failures: list[tuple[str, str, str]] = []
    current: dict = {}

    def record(sender, request=None, **kwargs):
        exc = sys.exc_info()[1]
        failures.append((current.get("label", "?"), repr(exc)[:300], current.get("detail", "")))

    got_request_exception.connect(record)
    public = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff.force_login(secretary)
    statuses: Counter = Counter()
    per_target: dict[str, Counter] = {}
    deadline = time.monotonic() + args.seconds

    def send(label: str, client, method: str, path: str, pairs=None, body_kind="form"):
        pairs = pairs or []
        if method == "GET":
            query = urlencoded(pairs).decode("ascii")
            current.update(label=label, detail=f"GET {path}?{query[:200]}")
            return client.get(path + ("?" + query if query else ""))
        if body_kind == "multipart":
            body, content_type = multipart(rng, pairs)
        elif body_kind == "json":
            body, content_type = encode(str(dict(pairs))), "application/json"
        else:
            body, content_type = urlencoded(pairs), "application/x-www-form-urlencoded"
        current.update(label=label, detail=f"POST {path} {content_type} {body[:200]!r}")
        return client.generic("POST", path, body, content_type=content_type)

    def path_segment() -> str:
        return quote_from_bytes(encode(random_value(rng, references + tokens)), safe="")

    started = time.perf_counter()
    for number in range(args.fuzz):
        if time.monotonic() > deadline:
            print(f"(stopped after {number} requests: --seconds {args.seconds} reached)")
            break
        kind = rng.choice(["form", "form", "multipart", "json"])
        target = rng.randrange(10)
        if target == 0:
            label, response = (
                "POST /report/",
                send("report", public, "POST", "/report/", fuzzed_pairs(rng, report_fields), kind),
            )
        elif target == 1:
            label, response = (
                "POST /report/IST/",
                send(
                    "report-ist",
                    public,
                    "POST",
                    "/report/IST/",
                    fuzzed_pairs(rng, report_fields),
                    kind,
                ),
            )
        elif target == 2:
            label, response = (
                "GET /report/<code>/",
                send("report-code", public, "GET", f"/report/{path_segment()}/"),
            )
        elif target == 3:
            label, response = "GET /track/?…", send(
                "track-get", public, "GET", "/track/",
                fuzzed_pairs(rng, {"reference": references, "token": tokens}),
            )  # fmt: skip
        elif target == 4:
            label, response = "POST /track/", send(
                "track-post", public, "POST", "/track/",
                fuzzed_pairs(rng, {"reference": references, "token": tokens}), kind,
            )  # fmt: skip
        elif target == 5:
            label, response = (
                "GET /track/<ref>/<token>/",
                send("track-link", public, "GET", f"/track/{path_segment()}/{path_segment()}/"),
            )
        elif target == 6:
            label, response = (
                "GET inbox filters",
                send("inbox", staff, "GET", "/staff/concerns/", fuzzed_pairs(rng, inbox_fields)),
            )
        elif target == 7:
            action = rng.choice(actions)
            pk = rng.choice(pks + ["0", "99999999"])
            label, response = "POST transitions", send(
                f"transition {action}", staff, "POST", f"/staff/concerns/{pk}/{action}/",
                fuzzed_pairs(rng, transition_fields), kind,
            )  # fmt: skip
        elif target == 8:
            label, response = "POST staff entry form", send(
                "staff-new", staff, "POST", "/staff/concerns/new/",
                fuzzed_pairs(rng, staff_fields), kind,
            )  # fmt: skip
        else:
            label, response = "POST /accounts/login/", send(
                "login", public, "POST", "/accounts/login/",
                fuzzed_pairs(rng, {"username": ["secretary.istok"], "password": ["wrong"]}), kind,
            )  # fmt: skip
        statuses[response.status_code] += 1
        per_target.setdefault(label, Counter())[response.status_code] += 1
    seconds = time.perf_counter() - started
    got_request_exception.disconnect(record)
    total = sum(statuses.values())
    print(f"== Fuzz: {total} requests in {seconds:.1f} s (seed {args.seed})")
    print(f"status codes: {dict(sorted(statuses.items()))}")
    for label, counts in sorted(per_target.items()):
        print(f"  {label:28} {dict(sorted(counts.items()))}")
    fives = sum(n for code, n in statuses.items() if code >= 500)
    print(f"5xx answers: {fives}")
    for label, exc, detail in failures[:20]:
        print(f"  {label}: {exc}\n    {detail}")
    return fives == 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--fuzz", type=int, default=3000)
    parser.add_argument("--seconds", type=int, default=900, help="time limit of the fuzz run")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--skip-outage", action="store_true")
    args, _ = parser.parse_known_args()

    os.environ["DATABASE_URL"] = bench_database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="csc-bench-media-")
    os.environ.pop("REDIS_URL", None)  # the outage run brings its own Redis
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, email kept in memory here
    call_command("migrate", verbosity=0)
    import logging

    logging.disable(logging.CRITICAL)  # the fuzz makes Django log every 4xx
    ok = True
    if not args.skip_outage:
        ok = outage(args) and ok
    ok = fuzz(args) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
