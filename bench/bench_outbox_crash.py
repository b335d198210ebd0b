"""Emails sent twice when the sending worker is killed, and what a repeat looks like.

    .venv/bin/python bench/bench_outbox_crash.py

Runs on SQLite with no services. A slow SMTP server (this process, port 8121 or
BENCH_SMTP_PORT) accepts each message after BENCH_ACCEPT_MS and answers QUIT after
BENCH_QUIT_MS. A worker process sends BENCH_EMAILS outbox rows (default 100) with
``notifications.services.deliver``, as the sweep does, and is killed with SIGKILL at a random
moment of each life (up to BENCH_KILL_MS after it is ready), then started again, until every
row is marked sent. It prints the messages the server accepted, the rows it received more
than once, and whether each repeat carried the Message-ID of the first copy.

The claim lease is shortened to BENCH_LEASE_S seconds (default 2) so the run ends quickly; it
still outlasts every send. Arguments are ignored (``make bench BENCH_ARGS=…``).
"""

import contextlib
import json
import os
import random
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import timedelta
from email import message_from_bytes
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SMTP_PORT = int(os.environ.get("BENCH_SMTP_PORT", "8121"))
EMAILS = int(os.environ.get("BENCH_EMAILS", "100"))
ACCEPT_DELAY = int(os.environ.get("BENCH_ACCEPT_MS", "50")) / 1000
QUIT_DELAY = int(os.environ.get("BENCH_QUIT_MS", "250")) / 1000
KILL_WITHIN = int(os.environ.get("BENCH_KILL_MS", "1500")) / 1000
LEASE = float(os.environ.get("BENCH_LEASE_S", "2"))
MAX_SECONDS = 900


def setup_django(var_dir: str) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "CSC_VAR_DIR": var_dir,
            "STATIC_MANIFEST": "0",
            "EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}",
            "EMAIL_TIMEOUT": "10",
            "DEFAULT_FROM_EMAIL": "CSC Tracker <no-reply@csc.example.org>",
            "LOG_LEVEL": "ERROR",
        }
    )
    import django

    django.setup()


# --- The slow SMTP server: records a message when it answers 250 to its data


accepted: list[dict] = []
accepted_lock = threading.Lock()


class SlowSMTP(socketserver.StreamRequestHandler):
    def reply(self, line: bytes) -> None:
        self.wfile.write(line + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        # A worker killed mid-conversation resets the connection: that is the point.
        with contextlib.suppress(ConnectionError):
            self.converse()

    def converse(self) -> None:
        self.reply(b"220 bench ESMTP")
        while line := self.rfile.readline():
            command = line[:4].upper()
            if command in (b"EHLO", b"HELO"):
                self.reply(b"250 bench")
            elif command == b"DATA":
                self.reply(b"354 go ahead")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk
                message = message_from_bytes(data)
                time.sleep(ACCEPT_DELAY)
                with accepted_lock:  # accepted: a real server delivers it from here on
                    accepted.append(
                        {"row": message.get_payload().strip(), "message_id": message["Message-ID"]}
                    )
                self.reply(b"250 accepted")
            elif command == b"QUIT":
                time.sleep(QUIT_DELAY)
                self.reply(b"221 bye")
                return
            else:
                self.reply(b"250 ok")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


# --- The worker: what the sweep does, forever, until nothing is left


def work() -> None:
    from notifications import services
    from notifications.models import OutgoingEmail

    if hasattr(services, "CLAIM_LEASE"):
        services.CLAIM_LEASE = timedelta(seconds=LEASE)
    print("ready", flush=True)
    while True:
        unsent = OutgoingEmail.objects.filter(sent_at__isnull=True, given_up_at__isnull=True)
        ids = list(unsent.order_by("pk").values_list("pk", flat=True)[:20])
        if not ids:
            print("done", flush=True)
            return
        for email_id in ids:
            services.deliver(email_id)
        time.sleep(0.05)  # rows claimed by a killed worker wait for their lease


def main(var_dir: str) -> None:
    from django.core.management import call_command

    from notifications.models import OutgoingEmail

    call_command("migrate", verbosity=0)
    for n in range(EMAILS):
        OutgoingEmail.objects.create(to=f"r{n}@example.org", subject="Bench", body=f"row {n}")
    server = Server(("127.0.0.1", SMTP_PORT), SlowSMTP)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    environment = {**os.environ, "BENCH_WORKER_VAR": var_dir}
    lives = kills = 0
    started = time.monotonic()
    try:
        while time.monotonic() - started < MAX_SECONDS:
            worker = subprocess.Popen(
                [sys.executable, __file__],
                env=environment,
                stdout=subprocess.PIPE,
                text=True,
            )
            lives += 1
            if worker.stdout.readline().strip() != "ready":
                raise SystemExit("the worker did not start")
            time.sleep(random.uniform(0, KILL_WITHIN))
            if worker.poll() is None:
                worker.kill()
                kills += 1
            worker.wait()
            if not OutgoingEmail.objects.filter(sent_at__isnull=True).exists():
                break
    finally:
        server.shutdown()
    seconds = time.monotonic() - started

    copies = defaultdict(list)
    for message in accepted:
        copies[message["row"]].append(message["message_id"])
    repeated = {row: ids for row, ids in copies.items() if len(ids) > 1}
    same_id = sum(1 for ids in repeated.values() if len(set(ids)) == 1)
    unsent = OutgoingEmail.objects.filter(sent_at__isnull=True).count()
    print(
        f"{EMAILS} emails, SMTP accepts after {ACCEPT_DELAY * 1000:.0f} ms and answers QUIT "
        f"after {QUIT_DELAY * 1000:.0f} ms; a SIGKILL within {KILL_WITHIN * 1000:.0f} ms of "
        "each worker start"
    )
    print(f"worker lives {lives}, killed {kills}, {seconds:.0f} s, rows left unsent {unsent}")
    print(f"messages accepted by the server  {len(accepted)}")
    print(f"rows received                    {len(copies)} of {EMAILS}")
    print(f"rows received more than once     {len(repeated)}")
    print(f"extra copies                     {len(accepted) - len(copies)}")
    print(f"repeats with the first Message-ID {same_id} of {len(repeated)}")
    print(json.dumps({"repeated": len(repeated), "same_message_id": same_id}))


if __name__ == "__main__":
    if os.environ.get("BENCH_WORKER_VAR"):
        setup_django(os.environ["BENCH_WORKER_VAR"])
        work()
    else:
        with tempfile.TemporaryDirectory(prefix="bench-outbox-") as folder:
            setup_django(folder)
            main(folder)
