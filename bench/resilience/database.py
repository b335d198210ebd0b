"""The bench's own database beside the one in DATABASE_URL."""


def bench_database_url() -> str:
    from bench.fill import bench_database_url as beside

    return beside("bench/bench_resilience.py", "csc_bench_resilience")
