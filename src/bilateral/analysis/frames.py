"""The store as polars DataFrames and a networkx graph, for researchers who work in Python or R.

    import bilateral
    store = bilateral.open_store("bilateral.duckdb")
    events = bilateral.events_frame(store, dyad=("CHN", "BLR"), since=date(2022, 1, 1))
    monthly = bilateral.dyad_series(store, "CHN", "BLR", freq="month")
    monthly.to_pandas()                     # pandas, through pyarrow

Every event column is a field of the shared record (bilateral.model.EVENT_FIELDS, documented in
docs/json-output.md). Codes stay strings: CAMEO "040" is not the number 40.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import cast

import networkx as nx
import polars as pl

from bilateral.actors.names import actor_names, resolve_country
from bilateral.errors import BilateralError, OutdatedStoreError, StoreError
from bilateral.model import EVENT_FIELDS, date_span
from bilateral.store import Store, event_filters, events_sql, party_filters

__all__ = ["dyad_series", "events_frame", "ledger_frame", "network", "open_store", "resolve_country"]

QUAD_COLUMNS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")  # quad 1..4
FREQUENCIES = {"day": "1d", "week": "1w", "month": "1mo", "year": "1y"}


def open_store(path: str | Path, write: bool = False) -> Store:
    """Open a bilateral database. Read-only unless `write` (several readers may then share the
    file); a database written by an older bilateral is first migrated (which needs write access
    for a moment)."""
    if not write and not Path(path).exists():
        raise StoreError(f"no database at {path}: code documents into it first (`bilateral code ... --db {path}`)")
    if write:
        return Store(path)
    try:
        return Store(path, read_only=True)
    except OutdatedStoreError:
        Store(path).close()  # opening for writing migrates
        return Store(path, read_only=True)


def events_frame(store: Store, *, country: str | None = None, dyad: tuple[str, str] | None = None,
                 since: date | None = None, until: date | None = None, event_type: str | None = None,
                 limit: int | None = None, offset: int = 0) -> pl.DataFrame:
    """Stored events, oldest first, one row each, with every field of the event record.

    `country` and `dyad` take actor codes (resolve names first with resolve_country); `since` and
    `until` keep events whose date span overlaps the period (an event dated "2022-09" is inside
    since=2022-09-01, until=2022-12-31); `limit` and `offset` page through the result."""
    if limit is not None and limit < 0 or offset < 0:
        raise BilateralError(f"limit and offset must not be negative (got limit={limit}, offset={offset})")
    where, params = event_filters(country, dyad, since, until, event_type)
    frame = store.query(events_sql(where, limit, offset), params).pl()
    return _with_names(frame, {"source_code": "source_name", "target_code": "target_name"}).select(EVENT_FIELDS)


def dyad_series(store: Store, a: str, b: str, *, freq: str = "month", directed: bool = False,
                since: date | None = None, until: date | None = None) -> pl.DataFrame:
    """Events between A and B per period: counts per CAMEO quad class, all events, and the sum and
    mean of their Goldstein scores.

    `period` is the first day of the period (weeks start on Monday). An event counts in a period
    only when its whole date span lies in it: a day-dated event in any series, a month-dated one in
    month and year series, a year-dated one in year series only. Periods without events between the
    first and the last are rows of zeros (goldstein_mean null: there is nothing to average). With
    `directed`, one row per period and direction (`source`, `target`), both directions always."""
    if freq not in FREQUENCIES:
        raise BilateralError(f"unknown frequency {freq!r}: use one of {', '.join(FREQUENCIES)}")
    a, b = a.upper(), b.upper()
    every = FREQUENCIES[freq]
    events = (events_frame(store, dyad=(a, b), since=since, until=until)
              .filter(pl.col("date_start").is_not_null())
              .with_columns(period=pl.col("date_start").dt.truncate(every))
              .filter(pl.col("date_end").dt.truncate(every) == pl.col("period")))
    keys = ["period", "source", "target"] if directed else ["period"]
    counts = (events.rename({"source_code": "source", "target_code": "target"})
              .group_by(keys)
              .agg(*[(pl.col("quad") == q).sum().cast(pl.Int64).alias(name) for q, name in enumerate(QUAD_COLUMNS, 1)],
                   pl.len().cast(pl.Int64).alias("events"),
                   pl.col("goldstein").sum().alias("goldstein_sum"),
                   pl.col("goldstein").mean().alias("goldstein_mean")))
    grid = _period_grid(counts, every, [(a, b), (b, a)] if directed else None)
    out = grid.join(counts, on=keys, how="left").with_columns(
        *[pl.col(c).fill_null(0) for c in (*QUAD_COLUMNS, "events")],
        pl.col("goldstein_sum").fill_null(0.0))
    return out.sort(keys)


def _period_grid(counts: pl.DataFrame, every: str, directions: list[tuple[str, str]] | None) -> pl.DataFrame:
    """Every period from the first to the last with events (and each direction when directed)."""
    if counts.is_empty():
        grid = pl.DataFrame({"period": pl.Series([], dtype=pl.Date)})
    else:
        first, last = cast(date, counts["period"].min()), cast(date, counts["period"].max())
        grid = pl.DataFrame({"period": pl.date_range(first, last, every, eager=True)})
    if directions is None:
        return grid
    pairs = pl.DataFrame({"source": [s for s, _ in directions], "target": [t for _, t in directions]})
    return grid.join(pairs, how="cross")


def ledger_frame(store: Store, *, actor: str | None = None, dyad: tuple[str, str] | None = None) -> pl.DataFrame:
    """Ledger facts (partnerships, memberships, diplomatic relations) with the sentence and the
    document that state them, oldest first; each date also as the span it covers."""
    where, params = party_filters("f.party_a", "f.party_b", actor, dyad)
    sql = ("SELECT f.*, s.text AS sentence, s.start_char AS sentence_start, s.end_char AS sentence_end, "
           "d.title, d.url, d.pub_date FROM ledger_facts f JOIN sentences s USING (doc_id, sentence_index) "
           f"JOIN documents d USING (doc_id) {'WHERE ' + ' AND '.join(where) if where else ''} "
           "ORDER BY f.fact_date NULLS FIRST, f.doc_id, f.fact_id")
    frame = store.query(sql, params).pl()
    spans = [date_span(d, p) for d, p in zip(frame["fact_date"], frame["date_precision"], strict=True)]
    frame = frame.with_columns(pl.Series("date_start", [s for s, _ in spans], dtype=pl.Date),
                               pl.Series("date_end", [e for _, e in spans], dtype=pl.Date))
    return _with_names(frame, {"party_a": "party_a_name", "party_b": "party_b_name"})


def network(store: Store, *, since: date | None = None, until: date | None = None, country: str | None = None,
            dyad: tuple[str, str] | None = None, event_type: str | None = None) -> nx.DiGraph:
    """The directed network of events between actors in a period (and, if given, around one
    country, between two actors, or of one event type: the same filters as events_frame).

    Nodes are actor codes with `name` and `kind` (state, organization or other); an edge
    source -> target carries `events`, the four quad-class counts, `goldstein_sum` and
    `goldstein_mean` (absent on an edge without events), and `partnership`, the latest partnership designation between the two in
    the ledger up to `until` (both directions), when there is one."""
    where, params = event_filters(country, dyad, since, until, event_type)
    where += ["e.source_code IS NOT NULL", "e.target_code IS NOT NULL", "e.source_code <> e.target_code"]
    sql = ("SELECT e.source_code AS source, e.target_code AS target, count(*) AS events, "
           + ", ".join(f"count(*) FILTER (WHERE e.quad = {q}) AS {c}" for q, c in enumerate(QUAD_COLUMNS, 1))
           + ", sum(e.goldstein) AS goldstein_sum, avg(e.goldstein) AS goldstein_mean "
           f"FROM events e WHERE {' AND '.join(where)} GROUP BY ALL ORDER BY source, target")
    graph = nx.DiGraph(since=since.isoformat() if since else "", until=until.isoformat() if until else "")
    for row in store.query(sql, params).pl().iter_rows(named=True):
        graph.add_edge(row.pop("source"), row.pop("target"), **row)
    _add_partnerships(store, graph, until, country, dyad)
    names = actor_names()
    for code in graph.nodes:
        graph.nodes[code]["name"] = names.name(code) or code
        graph.nodes[code]["kind"] = names.kind(code) or "other"
    return graph


def _add_partnerships(store: Store, graph: nx.DiGraph, until: date | None, country: str | None,
                      dyad: tuple[str, str] | None) -> None:
    facts = ledger_frame(store, actor=country, dyad=dyad).filter(pl.col("kind") == "partnership",
                                                                 pl.col("label").is_not_null())
    if until is not None:
        facts = facts.filter(pl.col("date_start").is_null() | (pl.col("date_start") <= until))
    latest: dict[tuple[str, str], str] = {}
    for row in facts.iter_rows(named=True):  # oldest first: the latest label wins
        latest[(row["party_a"], row["party_b"])] = row["label"]
    for (x, y), label in latest.items():
        for s, t in ((x, y), (y, x)):
            if not graph.has_edge(s, t):
                graph.add_edge(s, t, events=0, **dict.fromkeys(QUAD_COLUMNS, 0), goldstein_sum=0.0)
            graph.edges[s, t]["partnership"] = label


def _with_names(frame: pl.DataFrame, code_to_name: dict[str, str]) -> pl.DataFrame:
    names = actor_names().names
    return frame.with_columns(*[pl.col(code).replace_strict(names, default=None, return_dtype=pl.String).alias(name)
                                for code, name in code_to_name.items()])

