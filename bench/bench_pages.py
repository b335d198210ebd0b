"""Every page against a bare view, served by gunicorn on PostgreSQL, at 10 000 to 1 000 000 concerns.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/8 \\
        .venv/bin/python bench/bench_pages.py 10000 100000 1000000 [--clients 4,8] [--rounds 3]

For each size it creates a database ``<prefix>_<size>`` beside the one in DATABASE_URL (kept with
``--keep`` so the next run starts at once), loads the demo (``seed_demo``) and adds concerns with
one INSERT … SELECT over generate_series (a million rows in well under a minute, with their
"submitted" events), then serves the project with gunicorn (DEBUG off, ``bench.settings``: the
project's settings plus a bare view) and loads each page from N client processes, alternating
with the bare view — ceiling, page, ceiling, page… over several rounds — so a page's share of the
ceiling is a ratio of two neighbouring measurements. Other work on a shared machine shifts both
sides of a ratio alike; absolute numbers from such a machine are noise.

The clients are this script's own (keep-alive HTTP/1.1 over raw sockets, one process each,
loopback only, bounded by --seconds and --max-requests per measurement). They cost CPU on the
same cores as the server, the bare view most of all (it is the fastest), so shares of the ceiling
read a little high compared with a C load generator.

Queries per page are counted in-process with Django's test client on the same database. Rate
limits are raised for the run (the clients come from one address) but still counted in Redis.
"""

import argparse
import json
import multiprocessing
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
CEILING_PATH = "/bench/ceiling/"
SEARCH_TEXT = "graffiti bridge"
DOMAIN_WORDS = [
    "speeding",
    "school",
    "lights",
    "broken",
    "dogs",
    "park",
    "drugs",
    "night",
    "fight",
    "graffiti",
    "road",
    "bridge",
    "car",
    "noise",
    "youth",
    "police",
    "market",
    "bus",
    "stop",
    "river",
    "fire",
    "theft",
    "shop",
    "window",
    "garden",
    "street",
    "crossing",
    "children",
    "field",
    "mosque",
    "church",
    "bar",
    "alcohol",
]


# --- The data: the demo, then concerns in bulk ---------------------------------------------------

FILL_SQL = """
INSERT INTO concerns_concern (
    reference, tracking_token_hash, municipality_id, council_id, category_id, description,
    occurred_at, settlement_id, address, latitude, longitude, channel, language, is_anonymous,
    reporter_name, reporter_phone, reporter_email, consent_to_contact, priority, status,
    public_response, rejection_reason, duplicate_of_id, submission_key, entered_by_id,
    created_at, updated_at, triaged_at, resolved_at, closed_at)
SELECT
    m.code || '-B-' || lpad(g::text, 7, '0'),
    encode(sha256(('bench' || g)::bytea), 'hex'),
    m.municipality_id, m.council_id,
    (%(categories)s::bigint[])[1 + g %% cardinality(%(categories)s::bigint[])],
    (SELECT string_agg(w.words[1 + abs(hashint4(g * 31 + k)) %% cardinality(w.words)], ' ')
       FROM generate_series(1, 20) k WHERE g > 0),
    NULL,
    CASE WHEN cardinality(m.settlements) > 0 AND g %% 3 > 0
         THEN m.settlements[1 + (g / 3) %% cardinality(m.settlements)] END,
    '', NULL, NULL,
    (ARRAY['web', 'phone', 'meeting', 'walk_in', 'open311', 'local_council'])[1 + g %% 6],
    'sq', g %% 4 = 0, '', '', '', false,
    (ARRAY['low', 'normal', 'normal', 'high', 'urgent'])[1 + g %% 5],
    s.status,
    '', CASE WHEN s.status = 'rejected' THEN 'Outside the council''s remit.' ELSE '' END,
    NULL, md5('bench-key' || g)::uuid, NULL,
    now() - ((g::bigint * 7919) %% (540 * 86400)) * interval '1 second',
    now() - ((g::bigint * 7919) %% (540 * 86400)) * interval '1 second',
    NULL, NULL, NULL
FROM generate_series(%(first)s, %(last)s) g
CROSS JOIN LATERAL (
    SELECT * FROM bench_councils b WHERE b.slot = g %% (SELECT count(*) FROM bench_councils)
) m
CROSS JOIN LATERAL (
    SELECT (ARRAY['new', 'triaged', 'on_agenda', 'in_action', 'resolved', 'resolved',
                  'closed', 'closed', 'closed', 'rejected'])[1 + (g / 7) %% 10] AS status
) s
CROSS JOIN (SELECT %(words)s::text[] AS words) w
"""

EVENTS_SQL = """
INSERT INTO concerns_concernevent (concern_id, kind, actor_id, from_status, to_status, note,
                                   is_public, created_at)
SELECT id, 'submitted', NULL, '', 'new', '', true, created_at
FROM concerns_concern WHERE reference LIKE '%%-B-%%' AND id > %(after)s
"""


def vocabulary() -> list[str]:
    """Forty common words (each in ~1 description in 7) among 2 000 rare ones."""
    import random

    rng = random.Random(2026)
    syllables = [
        "ka",
        "ri",
        "mo",
        "ve",
        "lu",
        "sa",
        "te",
        "no",
        "pi",
        "da",
        "ro",
        "bi",
        "ze",
        "fa",
        "gu",
    ]
    rare = {"".join(rng.sample(syllables, 3)) + str(i % 7) for i in range(2000)}
    return DOMAIN_WORDS * 25 + sorted(rare)


def fill(target: int) -> float:
    """Bring the database to ``target`` concerns; returns the seconds it took."""
    from django.db import connection

    from concerns.models import Category, Concern
    from councils.models import Council, Settlement

    existing = Concern.objects.count()
    if existing >= target:
        return 0.0
    started = time.perf_counter()
    councils = list(
        Council.objects.filter(level=Council.Level.MUNICIPAL)
        .select_related("municipality")
        .order_by("municipality__code")
    )
    # Istog gets half of the concerns: its secretary's inbox is the one measured.
    weighted = [c for c in councils if c.municipality.code == "IST"] * (len(councils) - 1)
    weighted += [c for c in councils if c.municipality.code != "IST"]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_councils (slot int, code text, municipality_id bigint,"
            " council_id bigint, settlements bigint[])"
        )
        for slot, council in enumerate(weighted):
            settlements = list(
                Settlement.objects.filter(municipality=council.municipality).values_list(
                    "pk", flat=True
                )
            )
            cursor.execute(
                "INSERT INTO bench_councils VALUES (%s, %s, %s, %s, %s::bigint[])",
                [slot, council.municipality.code, council.municipality_id, council.pk, settlements],
            )
        cursor.execute("SELECT coalesce(max(id), 0) FROM concerns_concern")
        (after,) = cursor.fetchone()
        cursor.execute(
            "SELECT coalesce(max(substring(reference from '-B-(\\d+)$')::int), 0) "
            "FROM concerns_concern WHERE reference LIKE '%%-B-%%'"
        )
        (first,) = cursor.fetchone()
        first += 1
        categories = list(Category.objects.values_list("pk", flat=True))
        words = vocabulary()
        missing = target - existing
        # Building an index once is far quicker than updating it row by row (the full-text ones
        # above all): drop the plain indexes for the load, rebuild them as they were.
        rebuilt = _drop_plain_indexes(cursor, ["concerns_concern", "concerns_concernevent"])
        for start in range(first, first + missing, 200_000):
            last = min(start + 200_000, first + missing) - 1
            cursor.execute(
                FILL_SQL,
                {"first": start, "last": last, "categories": categories, "words": words},
            )
        cursor.execute(EVENTS_SQL, {"after": after})
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for definition in rebuilt:
            cursor.execute(definition)
        cursor.execute("DROP TABLE bench_councils")
    with connection.cursor() as cursor:
        # Index-only scans need the visibility map; the planner needs statistics.
        cursor.execute("VACUUM ANALYZE concerns_concern")
        cursor.execute("VACUUM ANALYZE concerns_concernevent")
    return time.perf_counter() - started


def _drop_plain_indexes(cursor, tables: list[str]) -> list[str]:
    """Drop the tables' indexes that back no constraint; return their definitions."""
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
        [tables],
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    return [definition for _name, definition in indexes]


def _with_events(concern, count: int, *, public_only: bool):
    from concerns.models import ConcernEvent

    have = concern.events.count()
    ConcernEvent.objects.bulk_create(
        ConcernEvent(
            concern=concern,
            kind=ConcernEvent.Kind.NOTE
            if (i % 2 and not public_only)
            else ConcernEvent.Kind.COMMENT,
            note=f"Bench event {i}: the lights on the bridge were checked again.",
            is_public=public_only or i % 2 == 0,
        )
        for i in range(have, count)
    )
    return concern


def prepare(target: int) -> dict:
    """Runs in a child process whose DATABASE_URL is the bench database: fills it and says what
    to request (URLs, the secretary's session cookie, the form's fields) and how many queries
    each page runs."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from concerns.models import Category, Concern
    from concerns.references import tracking_token_for
    from councils.models import Municipality

    call_command("migrate", verbosity=0)
    if not Municipality.objects.filter(code="IST").exists():
        call_command("seed_demo", "--force", verbosity=0)
    seconds = fill(target)
    secretary = User.objects.get(username="secretary.istok")
    istog = Municipality.objects.get(code="IST")
    demo = Concern.objects.filter(municipality=istog).exclude(reference__contains="-B-")
    tracked = _with_events(demo.order_by("id")[0], 10, public_only=True)
    detailed = _with_events(demo.order_by("id")[1], 20, public_only=False)
    token = tracking_token_for(tracked.submission_key)
    category = Category.objects.filter(is_active=True).order_by("position", "pk").first()
    form = {
        "municipality": str(istog.pk),
        "category": str(category.pk),
        "description": "The street lights on the school road have been out for a week.",
        "reporter_name": "Bench Resident",
        "reporter_email": "resident@example.org",
        "consent_to_contact": "on",
        "website": "",
    }
    pages = {
        "public form /report/": ("GET", "/report/", False),
        "tracking page (10 events)": ("GET", f"/track/{tracked.reference}/{token}/", False),
        "secretary inbox": ("GET", "/staff/concerns/", True),
        "inbox, search": (
            "GET",
            "/staff/concerns/?" + urllib.parse.urlencode({"q": SEARCH_TEXT}),
            True,
        ),
        "inbox, open ones": ("GET", "/staff/concerns/?status=open", True),
        "inbox, open, page 40": ("GET", "/staff/concerns/?status=open&page=40", True),
        "concern page (20 events)": ("GET", f"/staff/concerns/{detailed.pk}/", True),
        "public form POST": ("POST", "/report/", False),
    }
    staff = Client(HTTP_HOST="127.0.0.1")
    staff.force_login(secretary)
    public = Client(HTTP_HOST="127.0.0.1")
    queries = {}
    for name, (method, path, logged_in) in pages.items():
        client = staff if logged_in else public
        if method == "GET":
            client.get(path)  # what a steady server runs: caches filled, as in the load
        with CaptureQueriesContext(connection) as captured:
            if method == "POST":
                response = client.post(path, {**form, "submission_key": str(uuid.uuid4())})
            else:
                response = client.get(path)
        expected = 302 if method == "POST" else 200
        if response.status_code != expected:
            raise SystemExit(f"{name}: {path} answered {response.status_code}, not {expected}")
        queries[name] = len(captured)
    visible = Concern.objects.filter(council__in=secretary_councils(secretary)).count()
    return {
        "concerns": Concern.objects.count(),
        "visible": visible,
        "fill_seconds": round(seconds, 1),
        "pages": pages,
        "queries": queries,
        "session": staff.cookies[settings.SESSION_COOKIE_NAME].value,
        "form": form,
    }


def secretary_councils(user):
    from workspace.scopes import scope_of

    return scope_of(user).secretary_of


# --- The load: client processes over raw keep-alive sockets --------------------------------------


@dataclass
class Target:
    name: str
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] | None = None  # POST body; a fresh submission_key per request
    expected: int = 200

    def request_bytes(self, host: str) -> bytes:
        body = b""
        headers = {"Host": host, "Connection": "keep-alive", **self.headers}
        if self.form is not None:
            body = urllib.parse.urlencode(
                {**self.form, "submission_key": str(uuid.uuid4())}
            ).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Content-Length"] = str(len(body))
        head = f"{self.method} {self.path} HTTP/1.1\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items()
        )
        return head.encode() + b"\r\n" + body


def _read_response(sock: socket.socket, buffer: bytearray) -> tuple[int, bool]:
    """One response off the socket: (status, whether the server closes the connection)."""
    while (end := buffer.find(b"\r\n\r\n")) < 0:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the headers")
        buffer += chunk
    head = bytes(buffer[:end]).lower()
    del buffer[: end + 4]
    status = int(head[9:12])
    closes = b"\r\nconnection: close" in head
    match = re.search(rb"\r\ncontent-length:\s*(\d+)", head)
    if match:
        length = int(match.group(1))
        while len(buffer) < length:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed in the body")
            buffer += chunk
        del buffer[:length]
    else:  # no length: the body runs to the end of the connection
        while sock.recv(65536):
            pass
        buffer.clear()
        closes = True
    return status, closes


def _client(port: int, target: Target, deadline: float, budget: int, results) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    host = f"127.0.0.1:{port}"
    fixed = None if target.form is not None else target.request_bytes(host)
    latencies, unexpected, sock, buffer = [], 0, None, bytearray()
    while time.perf_counter() < deadline and len(latencies) < budget:
        request = fixed or target.request_bytes(host)
        started = time.perf_counter()
        try:
            if sock is None:
                sock = socket.create_connection(("127.0.0.1", port), timeout=30)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                buffer.clear()
            sock.sendall(request)
            status, closes = _read_response(sock, buffer)
        except OSError:
            unexpected += 1
            if sock is not None:
                sock.close()
            sock = None
            continue
        latencies.append(time.perf_counter() - started)
        if status != target.expected:
            unexpected += 1
        if closes:
            sock.close()
            sock = None
    if sock is not None:
        sock.close()
    results.put((latencies, unexpected))


@dataclass
class Measurement:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    unexpected: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def load(port: int, target: Target, *, clients: int, seconds: float, budget: int) -> Measurement:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    started = time.perf_counter()
    deadline = started + seconds
    processes = [
        context.Process(target=_client, args=(port, target, deadline, budget, results))
        for _ in range(clients)
    ]
    for process in processes:
        process.start()
    latencies, unexpected = [], 0
    for _ in processes:
        got, bad = results.get(timeout=seconds + 60)
        latencies += got
        unexpected += bad
    elapsed = time.perf_counter() - started
    for process in processes:
        process.join()
    latencies.sort()
    if not latencies:
        return Measurement(0, elapsed, 0.0, 0.0, unexpected)
    return Measurement(
        len(latencies),
        elapsed,
        latencies[len(latencies) // 2] * 1000,
        latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000,
        unexpected,
    )


# --- The server ----------------------------------------------------------------------------------


def server_environment(database_url: str, var_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "0",
            "STATIC_MANIFEST": "0",
            "CSC_VAR_DIR": var_dir,
            "STATIC_ROOT": var_dir,  # exists, so whitenoise does not warn; nothing is served
            "LOG_LEVEL": "WARNING",
            # One client address sends everything: the limits are counted but never reached.
            "CSC_REPORT_RATE_LIMIT": "100000000/h",
            "CSC_TRACK_RATE_LIMIT": "100000000/h",
            "CSC_TRACK_FAILED_RATE_LIMIT": "100000000/h",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def start_gunicorn(env: dict[str, str], port: int, extra: list[str]) -> subprocess.Popen:
    command = [
        GUNICORN,
        "config.wsgi",
        "--chdir",
        str(ROOT),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        *extra,
    ]
    process = subprocess.Popen(command, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(
                    f"GET {CEILING_PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
                )
                if _read_response(sock, bytearray())[0] == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    stop_gunicorn(process)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def csrf_for_form(port: int) -> tuple[str, str]:
    """The CSRF cookie and a form token, as a browser gets them from the form page."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/report/", headers={"Host": f"127.0.0.1:{port}"})
    response = connection.getresponse()
    html = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    connection.close()
    if not (cookie and token):
        raise SystemExit("the form page gave no CSRF cookie or token")
    return cookie.group(1), token.group(1)


# --- Databases -----------------------------------------------------------------------------------


def admin_connection(url: str):
    import psycopg2

    connection = psycopg2.connect(urlunparse(urlparse(url)._replace(path="/postgres")))
    connection.autocommit = True
    return connection


def ensure_database(url: str, name: str) -> str:
    connection = admin_connection(url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def drop_database(url: str, name: str) -> None:
    connection = admin_connection(url)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


# --- The run -------------------------------------------------------------------------------------


def measure_size(args, size: int, base_url: str) -> list[dict]:
    name = f"{args.db_prefix}_{size}"
    database_url = ensure_database(base_url, name)
    var_dir = tempfile.mkdtemp(prefix="csc-bench-")
    env = server_environment(database_url, var_dir)
    print(f"\n## {size:,} concerns (database {name})", flush=True)
    prepared = subprocess.run(
        [PYTHON, __file__, "--prepare", str(size)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(prepared.stdout.strip().splitlines()[-1])
    print(
        f"{info['concerns']:,} concerns, {info['visible']:,} in the secretary's councils; "
        f"filled in {info['fill_seconds']} s",
        flush=True,
    )
    server = start_gunicorn(env, args.port, args.gunicorn_args.split())
    rows = []
    try:
        csrf_cookie, csrf_token = csrf_for_form(args.port)
        session_cookie = f"sessionid={info['session']}"
        targets = []
        for page, (method, path, logged_in) in info["pages"].items():
            if args.only and not any(word in page for word in args.only):
                continue
            headers = {"Cookie": session_cookie} if logged_in else {}
            form, expected = None, 200
            if method == "POST":
                headers = {"Cookie": f"csrftoken={csrf_cookie}"}
                form, expected = {**info["form"], "csrfmiddlewaretoken": csrf_token}, 302
            targets.append(Target(page, method, path, headers, form, expected))
        ceiling = Target("bare view (ceiling)", "GET", CEILING_PATH)
        print(HEADER, flush=True)
        for clients in args.clients:
            for target in targets:
                load(args.port, target, clients=clients, seconds=0.5, budget=args.max_requests)
                pairs = []
                for _ in range(args.rounds):
                    a = load(
                        args.port,
                        ceiling,
                        clients=clients,
                        seconds=args.seconds,
                        budget=args.max_requests,
                    )
                    b = load(
                        args.port,
                        target,
                        clients=clients,
                        seconds=args.seconds,
                        budget=args.max_requests,
                    )
                    pairs.append((a, b))
                row = summarise(size, clients, target, pairs, info["queries"].get(target.name))
                rows.append(row)
                print_row(row)
    finally:
        stop_gunicorn(server)
    return rows


def summarise(size, clients, target, pairs, queries) -> dict:
    return {
        "size": size,
        "clients": clients,
        "page": target.name,
        "rps": statistics.median(b.rps for _, b in pairs),
        "p50": statistics.median(b.p50_ms for _, b in pairs),
        "p95": statistics.median(b.p95_ms for _, b in pairs),
        "ceiling": statistics.median(a.rps for a, _ in pairs),
        "share": statistics.median(b.rps / a.rps for a, b in pairs if a.rps),
        "queries": queries,
        "unexpected": sum(b.unexpected for _, b in pairs),
    }


HEADER = (
    f"{'page':28} {'clients':>7} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7} "
    f"{'ceiling':>8} {'share':>7}"
)


def print_row(row: dict) -> None:
    bad = f"  ({row['unexpected']} unexpected answers)" if row["unexpected"] else ""
    print(
        f"{row['page']:28} {row['clients']:>7} {row['rps']:>8.1f} {row['p50']:>7.1f} "
        f"{row['p95']:>7.1f} {row['queries'] if row['queries'] is not None else '-':>7} "
        f"{row['ceiling']:>8.0f} {row['share'] * 100:>6.1f}%{bad}",
        flush=True,
    )


GOALS = [
    # (page, size, minimum share of the ceiling)
    ("public form /report/", None, 0.10),
    ("tracking page (10 events)", None, 0.15),
    ("secretary inbox", 100_000, 0.05),
    ("inbox, search", 100_000, 0.05),
    ("inbox, open ones", 100_000, 0.05),
    ("inbox, open, page 40", 100_000, 0.05),
    ("concern page (20 events)", 100_000, 0.05),
]


def print_goals(rows: list[dict]) -> None:
    print("\n## Goals (shares at 4 clients, or the fewest measured)")
    fewest = min(r["clients"] for r in rows)
    four = 4 if any(r["clients"] == 4 for r in rows) else fewest
    for page, size, minimum in GOALS:
        candidates = [
            r
            for r in rows
            if r["page"] == page and r["clients"] == four and (size is None or r["size"] == size)
        ]
        if not candidates:
            continue
        worst = min(candidates, key=lambda r: r["share"])
        verdict = "met" if worst["share"] >= minimum else "MISSED"
        print(
            f"  {page:28} >= {minimum:.0%} of the ceiling"
            f"{f' at {size:,}' if size else ''}: {worst['share']:.1%} "
            f"(at {worst['size']:,}) {verdict}"
        )
    sizes = sorted({r["size"] for r in rows})
    most = max(r["clients"] for r in rows)
    if len(sizes) > 1:
        # The sizes are measured minutes apart, when other work on the machine may differ: the
        # second figure scales each p95 by the ceiling measured beside it.
        print(
            f"  p95 at {sizes[-1]:,} <= 1.3x p95 at {sizes[0]:,}, {most} clients "
            "(raw; scaled by the ceiling's req/s):"
        )
        for page in dict.fromkeys(r["page"] for r in rows):
            small = [r for r in rows if r["page"] == page and r["size"] == sizes[0]]
            large = [r for r in rows if r["page"] == page and r["size"] == sizes[-1]]
            small = [r for r in small if r["clients"] == most]
            large = [r for r in large if r["clients"] == most]
            if small and large and small[0]["p95"]:
                small, large = small[0], large[0]
                ratio = large["p95"] / small["p95"]
                scaled = ratio * large["ceiling"] / small["ceiling"]
                verdict = "met" if scaled <= 1.3 else "MISSED"
                print(f"    {page:28} {ratio:5.2f}x; scaled {scaled:5.2f}x {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--clients", default="4,8", help="client counts, comma-separated")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=2.0, help="per measurement")
    parser.add_argument("--max-requests", type=int, default=50_000, help="per client and run")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8170)))
    parser.add_argument("--db-prefix", default=os.environ.get("BENCH_DB_PREFIX", "csc_bench"))
    parser.add_argument(
        "--gunicorn-args",
        default=os.environ.get("BENCH_GUNICORN_ARGS", "--workers 2 --worker-class sync"),
    )
    parser.add_argument("--only", nargs="*", help="measure only pages whose name has a word")
    parser.add_argument("--keep", action="store_true", help="keep the filled databases")
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare is not None:
        print(json.dumps(prepare(args.prepare)))
        return
    args.clients = [int(c) for c in args.clients.split(",")]
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres"):
        sys.exit("bench/bench_pages.py needs DATABASE_URL pointing at PostgreSQL")
    print(
        f"gunicorn {args.gunicorn_args}; {args.rounds} rounds of {args.seconds:g} s, ceiling and "
        f"page alternating; cache {'Redis' if os.environ.get('REDIS_URL') else 'local memory'}; "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores",
        flush=True,
    )
    rows = []
    for size in args.sizes:
        try:
            rows += measure_size(args, size, base_url)
        except subprocess.CalledProcessError as exc:
            sys.exit(f"preparing {size} concerns failed:\n{exc.stderr}")
        finally:
            if not args.keep:
                drop_database(base_url, f"{args.db_prefix}_{size}")
    if rows:
        print_goals(rows)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
