"""Reliability figures (bench/bench_resilience.py): Redis stopped during submissions
(``outage``), then fuzzed requests against every form (``fuzz``, its input in ``fuzz_input``)."""
