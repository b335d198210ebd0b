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
import sys
import tempfile

from bench.resilience.database import bench_database_url
from bench.resilience.fuzz import fuzz
from bench.resilience.outage import outage


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
