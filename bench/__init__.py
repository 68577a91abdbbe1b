"""Benchmarks (not tests): `python3 dev.py bench NAME`, or `python -m bench.bench_NAME` from the
repository root. Each takes `--smoke`: its smallest run, which tests/test_benchmarks_smoke.py
runs so that the benchmarks keep working."""
