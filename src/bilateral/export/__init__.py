"""Exports of the store for other tools: `export_file(store, "csv", "events.csv", dyad=("CHN", "BLR"))`.

| format   | what                                          | module  |
|----------|-----------------------------------------------|---------|
| csv      | events, GDELT-like column names, for R/pandas | tables  |
| polecat  | events, POLECAT-like TSV                      | tables  |
| parquet  | events, the event record's columns and types  | tables  |
| jsonl    | events, one record a line                     | tables  |
| gexf     | the relations network (Gephi)                 | graphs  |
| graphml  | the relations network (igraph, networkx)      | graphs  |
| quads    | temporal knowledge-graph quads, TSV           | graphs  |

Every file is written to a temporary name beside OUT and renamed when complete, so an export that
fails leaves no half-written file; OUT.meta.json beside it records the bilateral version, the schema
version, the filters and the row count.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from bilateral import __version__
from bilateral.actors.names import actor_names
from bilateral.analysis.frames import events_frame, network
from bilateral.errors import ExportError
from bilateral.export.graphs import write_gexf, write_graphml, write_quads
from bilateral.export.tables import write_csv, write_jsonl, write_parquet, write_polecat
from bilateral.model import SCHEMA_VERSION
from bilateral.store import Store

EventWriter = Callable[[pl.DataFrame, Path, set[str]], int]
EVENT_FORMATS: dict[str, EventWriter] = {
    "csv": write_csv, "polecat": write_polecat, "parquet": write_parquet, "jsonl": write_jsonl, "quads": write_quads,
}
NETWORK_FORMATS = {"gexf": write_gexf, "graphml": write_graphml}
FORMATS = (*EVENT_FORMATS, *NETWORK_FORMATS)

__all__ = ["FORMATS", "ExportSummary", "export_file"]


@dataclass
class ExportSummary:
    """What an export wrote: the file, its format, and how many rows (events, edges or quads)."""

    path: Path
    format: str
    rows: int
    meta: dict[str, Any] = field(default_factory=dict)


def export_file(store: Store, fmt: str, out: str | Path, *, country: str | None = None,
           dyad: tuple[str, str] | None = None, since: date | None = None, until: date | None = None,
           event_type: str | None = None) -> ExportSummary:
    """Write the events (or the network) that match the filters to OUT in format FMT."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    out = Path(out)
    if not out.parent.is_dir():
        raise ExportError(f"cannot write {out}: the folder {out.parent} does not exist")
    filters = {"country": country, "dyad": list(dyad) if dyad else None, "since": since, "until": until,
               "event_type": event_type}
    if fmt in NETWORK_FORMATS:
        graph = network(store, since=since, until=until, country=country, dyad=dyad, event_type=event_type)
        rows = _atomic(out, lambda tmp: NETWORK_FORMATS[fmt](graph, tmp))
        counts = {"nodes": graph.number_of_nodes(), "edges": rows}
    else:
        events = events_frame(store, country=country, dyad=dyad, since=since, until=until, event_type=event_type)
        states = {code for code, kind in actor_names().kinds.items() if kind == "state"}
        rows = _atomic(out, lambda tmp: EVENT_FORMATS[fmt](events, tmp, states))
        counts = {"events": events.height, "rows": rows}
    meta = {"bilateral_version": __version__, "schema_version": SCHEMA_VERSION, "format": fmt,
            "file": out.name, "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": store.path, "filters": {k: v for k, v in filters.items() if v}, **counts}
    _atomic(out.with_name(out.name + ".meta.json"),
            lambda tmp: tmp.write_text(json.dumps(meta, indent=2, default=str) + "\n", encoding="utf-8"))
    return ExportSummary(out, fmt, rows, meta)


def _atomic(out: Path, write: Callable[[Path], Any]) -> Any:
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        result = write(tmp)
        os.replace(tmp, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return result
