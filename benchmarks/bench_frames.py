"""Reading the store out: DataFrames, series, the network and every export format, in one run.

    .venv/bin/python benchmarks/bench_frames.py [--events 200000] [--repeat 3]

The store is synthetic (no parsing): N events between 40 states over 2015-2024, 80% dated to the
day, 15% to the month, 5% to the year, ten events a document, one sentence each, inserted with SQL.
Reported, fastest of `--repeat` interleaved rounds: Store.events() (a list of dicts) against
events_frame() (polars, through Arrow) on the same rows, as a ratio; dyad_series() and network();
each export format in events (or edges) per second.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

STATES = ["CHN", "USA", "RUS", "BLR", "DEU", "FRA", "GBR", "JPN", "KOR", "PRK", "IND", "PAK", "IRN", "ISR",
          "TUR", "UKR", "POL", "HUN", "SRB", "KAZ", "UZB", "BRA", "ARG", "MEX", "CUB", "VEN", "NGA", "ETH",
          "EGY", "SAU", "ARE", "QAT", "AUS", "IDN", "VNM", "PHL", "THA", "SLB", "HND", "TWN"]


def fill(store: Any, n: int) -> None:
    states = "[" + ", ".join(f"'{s}'" for s in STATES) + "]"
    con = store.con
    con.execute(f"""INSERT INTO documents SELECT 'doc' || i, md5(i::VARCHAR), 'Title ' || i, 'https://example.org/' || i,
                    'wire', 'bench', DATE '2015-01-01' + (i % 3650)::INTEGER, false, 'text', now()::TIMESTAMP, 'bench'
                    FROM range({n // 10 + 1}) t(i)""")
    con.execute(f"""INSERT INTO sentences SELECT 'doc' || (i // 10), i % 10, 'Sentence ' || i, 0, 10
                    FROM range({n}) t(i)""")
    day = "DATE '2015-01-01' + (hash(i) % 3650)::INTEGER"
    con.execute(f"""INSERT INTO events (event_id, doc_id, sentence_index, event_type, mode, contexts, source_code,
                    source_sector, source_text, target_code, target_sector, target_text, reciprocal, cameo, goldstein,
                    quad, event_date, date_precision, negated, modality, trigger, trigger_start, trigger_end,
                    date_start, date_end)
                    SELECT md5('e' || i), 'doc' || (i // 10), i % 10, 'CONSULT', NULL, ['diplomatic'],
                      {states}[1 + (hash(i, 1) % 40)::BIGINT], 'GOV', 'them', {states}[1 + (hash(i, 2) % 40)::BIGINT], 'GOV', 'them',
                      false, '040', 1.0 + (i % 7), 1 + i % 4,
                      CASE WHEN i % 20 < 16 THEN strftime({day}, '%Y-%m-%d') WHEN i % 20 < 19
                           THEN strftime({day}, '%Y-%m') ELSE strftime({day}, '%Y') END,
                      CASE WHEN i % 20 < 16 THEN 'day' WHEN i % 20 < 19 THEN 'month' ELSE 'year' END,
                      false, 'asserted', 'met', 0, 3, NULL, NULL
                    FROM range({n}) t(i)""")
    con.execute("""UPDATE events SET
                     date_start = CASE date_precision WHEN 'day' THEN event_date::DATE
                       WHEN 'month' THEN (event_date || '-01')::DATE ELSE (event_date || '-01-01')::DATE END,
                     date_end = CASE date_precision WHEN 'day' THEN event_date::DATE
                       WHEN 'month' THEN last_day((event_date || '-01')::DATE) ELSE (event_date || '-12-31')::DATE END""")


def best(rounds: dict[str, list[float]], name: str, fn: Callable[[], Any]) -> None:
    t0 = time.perf_counter()
    fn()
    rounds.setdefault(name, []).append(time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from bilateral.analysis import dyad_series, events_frame, network
    from bilateral.export import FORMATS, export
    from bilateral.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        with Store(path) as store:
            fill(store, args.events)
        store = Store(path, read_only=True)
        rounds: dict[str, list[float]] = {}
        for _ in range(args.repeat):
            best(rounds, "Store.events() (list of dicts)", store.events)
            best(rounds, "events_frame() (polars)", lambda: events_frame(store))
            best(rounds, "dyad_series(CHN, USA, month)", lambda: dyad_series(store, "CHN", "USA"))
            best(rounds, "network()", lambda: network(store))
            for fmt in FORMATS:
                best(rounds, f"export {fmt}", lambda f=fmt: export(store, f, Path(tmp) / f"out.{f}"))
        n = args.events
        print(f"{n} events, fastest of {args.repeat} rounds")
        for name, times in rounds.items():
            fastest = min(times)
            per_event = not any(word in name for word in ("series", "network", "gexf", "graphml"))
            rate = f"{n / fastest:>12,.0f} events/s" if per_event else ""
            print(f"  {name:34} {fastest:8.3f} s {rate}")
        ratio = min(rounds["Store.events() (list of dicts)"]) / min(rounds["events_frame() (polars)"])
        print(f"  events_frame is {ratio:.1f}x faster than Store.events on the same rows")


if __name__ == "__main__":
    main()
