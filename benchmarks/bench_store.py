"""Query latency and size on disk of a large synthetic store (benchmarks/synthetic_store.py).

    .venv/bin/python benchmarks/bench_store.py [--events 10000000] [--store PATH] [--repeat 5]

Builds the store (unless --store names one that exists), then times, through bilateral's own API,
the four questions an analyst asks most: a dyad's monthly series by quad class (for the busiest
dyad, a middling one and a rare one), one country's events for a year, a dyad's ledger history,
and the top dyads of a month. Each is asked --repeat times; the first answer and the median are
reported. Then a copy of the store is compacted (`bilateral store compact`: events rewritten in
dyad order) and timed again; the built store is left as it was, to be reused with --store.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic_store  # noqa: E402

TOP_DYADS = ("SELECT source_code, target_code, count(*) AS events FROM events "
             "WHERE event_date >= ? AND event_date < ? AND date_precision = 'day' "
             "GROUP BY ALL ORDER BY events DESC LIMIT 20")


def size_on_disk(path: Path) -> int:
    wal = path.with_name(path.name + ".wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, int]:
    """(first, median) seconds and the answer's length."""
    times, size = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        size = len(fn())
        times.append(time.perf_counter() - t0)
    return times[0], statistics.median(times), size


def dyads_by_rank(path: Path) -> dict[str, tuple[str, str]]:
    """The busiest dyad, the 100th and the 2,000th (either direction counted together)."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    rows = con.execute("SELECT least(source_code, target_code), greatest(source_code, target_code), count(*) n "
                       "FROM events GROUP BY ALL ORDER BY n DESC, 1, 2").fetchall()
    con.close()
    pick = {"busiest": 0, "100th": 99, "2000th": min(1999, len(rows) - 1)}
    return {name: (rows[i][0], rows[i][1]) for name, i in pick.items()}


def query_report(path: Path, repeat: int, dyads: dict[str, tuple[str, str]]) -> list[tuple[str, float, float, int]]:
    from bilateral.store import Store

    out = []
    with Store(path, read_only=True) as store:
        for name, (a, b) in dyads.items():
            out.append((f"dyad monthly series by quad, {name} dyad {a}-{b}",
                        *timed(lambda a=a, b=b: store.quad_counts_by_month(a, b), repeat)))
        out.append(("one country's events for a year (RUS, 2022), with sentences",
                    *timed(lambda: store.events(country="RUS", since=date(2022, 1, 1), until=date(2022, 12, 31)),
                           repeat)))
        a, b = dyads["busiest"]
        out.append((f"a dyad's ledger history ({a}-{b}), with sentences",
                    *timed(lambda: store.facts_between(a, b), repeat)))
        out.append(("top 20 dyads of a month (2022-09)",
                    *timed(lambda: store.con.execute(TOP_DYADS, ["2022-09", "2022-10"]).fetchall(), repeat)))
    return out


def print_queries(title: str, rows: list[tuple[str, float, float, int]]) -> None:
    print(f"\n{title}")
    print(f"  {'query':70} {'first':>9} {'median':>9} {'rows':>8}")
    for name, first, median, size in rows:
        print(f"  {name:70} {first * 1000:7.0f}ms {median * 1000:7.0f}ms {size:8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--store", type=Path, default=None, help="reuse this store if it exists")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    run(args.events, args.store, args.repeat)


def run(events: int, store: Path | None, repeat: int) -> None:
    import shutil

    from bilateral.store.parquet import compact

    path = store or Path(f"/tmp/bilateral-synthetic-{events}.duckdb")
    if not path.exists():
        made = synthetic_store.build(path, events)
        print(f"built {path}: {made['events']:,} events, {made['documents']:,} documents, "
              f"{made['sentences']:,} sentences, {made['ledger_facts']:,} ledger facts in {made['seconds']:.0f} s")
    dyads = dyads_by_rank(path)
    print(f"store {path}: {size_on_disk(path) / 1e9:.2f} GB on disk as built")
    print_queries("as built (events in the order they were written)", query_report(path, repeat, dyads))
    # The copy is compacted, so that the built store can be reused by the next run as it was.
    compacted = path.with_name(path.stem + "-compacted.duckdb")
    shutil.copyfile(path, compacted)
    t0 = time.perf_counter()
    before, after = compact(compacted)
    print(f"\nbilateral store compact: {before / 1e9:.2f} GB -> {after / 1e9:.2f} GB in "
          f"{time.perf_counter() - t0:.0f} s")
    print_queries("compacted (events in dyad and date order)", query_report(compacted, repeat, dyads))
    print(f"\nstore size on disk: {size_on_disk(path) / 1e9:.2f} GB as built, "
          f"{size_on_disk(compacted) / 1e9:.2f} GB compacted ({compacted})")


if __name__ == "__main__":
    main()
