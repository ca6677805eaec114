"""The whole benchmark suite in one run: scaling of the pipeline, local pool against Dask, and
queries on a large synthetic store. Not part of the tests.

    .venv/bin/python benchmarks/run_all.py [--base 100] [--workers 2] [--rounds 2] [--events 10000000] [--store PATH]

Prints the machine first (cores, memory, load): these machines are shared, so compare the ratios
within one run rather than figures across runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_scale  # noqa: E402
import bench_store  # noqa: E402


def describe_machine() -> str:
    import duckdb
    import psutil
    import spacy

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB memory, "
            f"load average {load}; Python {platform.python_version()}, spaCy {spacy.__version__}, "
            f"DuckDB {duckdb.__version__}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, default=100, help="documents in the 1x corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--events", type=int, default=10_000_000, help="events in the synthetic store")
    parser.add_argument("--store", type=Path, help="reuse this synthetic store if it exists")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds of the scaling timings")
    parser.add_argument("--repeat", type=int, default=5, help="times each store query is asked")
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"machine: {describe_machine()}")
    print("\n== pipeline against bare spaCy parsing, 1x / 4x / 16x ==")
    bench_scale.run(args.base, args.workers, repeat=args.rounds)
    print(f"\n== queries on a synthetic store of {args.events:,} events ==")
    bench_store.run(args.events, args.store, args.repeat)
    print(f"\nmachine at the end: {describe_machine()}; {time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
