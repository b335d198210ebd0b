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
