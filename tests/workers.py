"""Real Celery workers and private Redis servers for integration tests."""

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_database_url() -> str:
    """The URL of the database this test runs on, for a worker process to use too."""
    s = connection.settings_dict
    return f"postgres://{s['USER'] or 'postgres'}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextmanager
def redis_server(port: int | None = None, *, start: bool = True):
    """A redis-server of the test's own on a free port (never the shared 6379)."""
    port = port or free_port()
    process = None

    def launch():
        nonlocal process
        process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {port}")

    server = type(
        "RedisServer",
        (),
        {"port": port, "url": f"redis://127.0.0.1:{port}/0", "start": staticmethod(launch)},
    )
    if start:
        launch()
    try:
        yield server
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)


@contextmanager
def celery_worker(*, redis_url: str, email_dir: Path, extra_env: dict | None = None):
    """A real `celery worker` process on the test database and the given broker."""
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"file://{email_dir}",
        "CELERY_TASK_ALWAYS_EAGER": "0",
        **(extra_env or {}),
    }
    log = email_dir.parent / "worker.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool",
                "solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "info",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for(predicate, *, timeout: float = 30, interval: float = 0.2, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    detail = log.read_text()[-3000:] if log and log.exists() else ""
    raise AssertionError(f"condition not met within {timeout}s\n{detail}")
