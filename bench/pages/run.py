"""Each size: fill, serve, load every page beside the bare view, print; then the goals."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.pages import __doc__ as DOC
from bench.pages.load import Target, load
from bench.pages.report import HEADER, print_goals, print_row, summarise
from bench.pages.server import (
    CEILING_PATH,
    PYTHON,
    ROOT,
    csrf_for_form,
    drop_database,
    ensure_database,
    server_environment,
    start_gunicorn,
    stop_gunicorn,
)


def measure_size(args, size: int, base_url: str) -> list[dict]:
    name = f"{args.db_prefix}_{size}"
    database_url = ensure_database(base_url, name)
    var_dir = tempfile.mkdtemp(prefix="csc-bench-")
    env = server_environment(database_url, var_dir)
    print(f"\n## {size:,} concerns (database {name})", flush=True)
    prepared = subprocess.run(
        [PYTHON, "-m", "bench.pages.prepare", str(size)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(prepared.stdout.strip().splitlines()[-1])
    print(
        f"{info['concerns']:,} concerns, {info['visible']:,} in the secretary's councils, "
        f"{info['actions']:,} actions; "
        f"filled in {info['fill_seconds']} s",
        flush=True,
    )
    server = start_gunicorn(env, args.port, args.gunicorn_args.split())
    rows = []
    try:
        csrf_cookie, csrf_token = csrf_for_form(args.port)
        targets = []
        for page, (method, path, who) in info["pages"].items():
            if args.only and not any(word in page for word in args.only):
                continue
            headers = {"Cookie": f"sessionid={info['sessions'][who]}"} if who else {}
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


def main() -> None:
    parser = argparse.ArgumentParser(description=DOC.split("\n\n")[0])
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
    parser.add_argument("--save", help="write the rows to this JSON file")
    parser.add_argument("--before", help="a --save file of an earlier run: print its figures too")
    args = parser.parse_args()
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
    if args.save:
        Path(args.save).write_text(json.dumps(rows, indent=1))
    before = json.loads(Path(args.before).read_text()) if args.before else None
    if rows:
        print_goals(rows, before)
