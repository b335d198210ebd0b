"""Reliability figures: Redis stopped during submissions, then fuzzed requests (bench/resilience/).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_resilience.py \\
        [--submissions 300] [--fuzz 3000] [--seconds 900] [--seed 2026]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.resilience.run import main  # noqa: E402

if __name__ == "__main__":
    main()
