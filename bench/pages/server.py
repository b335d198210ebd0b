"""The server (gunicorn with the bench settings) and the bench databases."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from bench.pages.load import _read_response

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
CEILING_PATH = "/bench/ceiling/"


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
            # Its own cache keys: tests or another bench on the same Redis database saving a
            # category would otherwise invalidate the cached forms in the middle of a run.
            "CACHE_KEY_PREFIX": f"csc-bench-{os.getpid()}",
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
