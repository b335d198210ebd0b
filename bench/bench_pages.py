"""Every page against a bare view, served by gunicorn on PostgreSQL (bench/pages/).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/8 \\
        .venv/bin/python bench/bench_pages.py 10000 100000 1000000 [--clients 4,8] [--rounds 3]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages.run import main  # noqa: E402

if __name__ == "__main__":
    main()
