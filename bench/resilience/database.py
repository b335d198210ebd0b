"""The bench's own database beside the one in DATABASE_URL."""

import os
import sys
from urllib.parse import urlparse, urlunparse


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
