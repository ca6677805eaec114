"""The store's tables as Parquet: written by cluster workers, imported into a store, and compaction.

A Parquet directory holds one folder per table, partitioned by publication month, and one file per
coded partition in each month:

    DIR/events/pub_month=2022-09/20261207T100501-1a2b-p000003.parquet
    DIR/documents/pub_month=undated/20261207T100501-1a2b-p000003.parquet
    DIR/_partitions/20261207T100501-1a2b-p000003.json      written last: the partition is complete

Rows are written by the store itself (`Store.write` into an in-memory store, then copied out), so
the files always have the store's columns and types. Importing a partition replaces the stored rows
of its documents, as coding them again locally would: importing twice adds nothing twice.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from bilateral.errors import StoreError
from bilateral.store import Store, ledger

TABLES = ("documents", "sentences", "events", "ledger_facts", "ledger_reports")
MANIFESTS = "_partitions"
# Sort order of each table in a compacted store. Events by dyad and date: a dyad's rows then sit in
# a few row groups, and DuckDB's min/max zone maps skip the rest (docs/store.md).
SORT_KEYS = {
    "documents": "pub_date, doc_id",
    "sentences": "doc_id, sentence_index",
    "events": "source_code, target_code, event_date, event_id",
    "ledger_facts": "party_a, party_b, fact_date, fact_id",
    "ledger_reports": "fact_id, sentence_index",
}
_MONTH = "coalesce(strftime(pub_date, '%Y-%m'), 'undated')"


def export_partition(store: Store, out_dir: Path, name: str, info: dict[str, Any] | None = None) -> dict[str, Any]:
    """Copy every row of `store` into `out_dir` as Parquet files called `name`, one per table and
    publication month, then write the partition's manifest, which lists them. Each file is written
    under a temporary name and renamed: an attempt that dies leaves no half-written file under the
    partition's names, and a later attempt at the same partition replaces its files."""
    store.con.execute("SET threads = 1")  # one file per COPY, written in row order
    counts = store.counts()
    files: dict[str, list[str]] = {}
    for table in TABLES:
        months = store.con.execute(
            f"SELECT DISTINCT {_MONTH} FROM documents WHERE doc_id IN (SELECT doc_id FROM {table}) ORDER BY 1"
        ).fetchall()
        for (month,) in months:
            relative = Path(table) / f"pub_month={month}" / f"{name}.parquet"
            target = out_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_name(f"{target.name}.{uuid.uuid4().hex[:8]}.tmp")
            store.con.execute(
                f"COPY (SELECT * FROM {table} WHERE doc_id IN (SELECT doc_id FROM documents "
                f"WHERE {_MONTH} = '{month}')) TO '{_quoted(part)}' (FORMAT parquet)")
            os.replace(part, target)
            files.setdefault(table, []).append(str(relative))
    manifest = {"partition": name, "files": files, "counts": counts, **(info or {})}
    _write_atomically(out_dir / MANIFESTS / f"{name}.json", json.dumps(manifest, indent=1))
    return manifest


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(path.suffix + f".{uuid.uuid4().hex[:8]}.tmp")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)


def export_rejects(rejects: list[Any], out_dir: Path, run_id: str) -> Path | None:
    """Write a run's rejected and skipped inputs as `out_dir/rejects/RUN.parquet`, so that a corpus
    imported elsewhere keeps them."""
    if not rejects:
        return None
    target = out_dir / "rejects" / f"{run_id}.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f"{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    with Store(":memory:") as scratch:
        scratch.record_rejects(rejects)
        scratch.con.execute(f"COPY rejects TO '{_quoted(part)}' (FORMAT parquet)")
    os.replace(part, target)
    return target


def import_rejects(store: Store, source: Path) -> int:
    """Record the rejects of every run under `source`, runs in order, each location once."""
    from bilateral.ingest import Reject

    count = 0
    for path in sorted((source / "rejects").glob("*.parquet")):
        rows = store.con.execute(f"SELECT location, reason, kind FROM {_scan([path])}").fetchall()
        store.record_rejects([Reject(*row) for row in rows])
        count += len(rows)
    return count


@dataclass
class ImportReport:
    """What `import_parquet` did: partitions imported, already imported, and incomplete ones."""

    imported: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    rejects: int = 0


def find_partitions(source: Path) -> tuple[list[tuple[str, dict[str, list[Path]]]], list[str]]:
    """The complete partitions under `source` in order (name, files of each table), and the names of
    incomplete ones. Where the directory has manifests, a partition is the files its manifest
    lists, and files no manifest names are incomplete; without manifests, the files of each table
    that share a name are a partition."""
    if not source.is_dir():
        raise StoreError(f"{source} is not a directory of Parquet files (expected {source}/events/...)")
    by_name: dict[str, dict[str, list[Path]]] = {}
    for table in TABLES:
        for path in sorted(source.glob(f"{table}/**/*.parquet")):
            by_name.setdefault(path.stem, {}).setdefault(table, []).append(path)
    manifests = source / MANIFESTS
    if not manifests.is_dir():
        return sorted(by_name.items()), []
    complete = []
    for path in sorted(manifests.glob("*.json")):
        try:
            listed = json.loads(path.read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError) as exc:
            raise StoreError(f"{path}: not a partition manifest ({exc})") from exc
        complete.append((path.stem, {table: [source / f for f in names] for table, names in listed.items()}))
    named = {name for name, _ in complete}
    return complete, sorted(n for n in by_name if n not in named)


def import_parquet(store: Store, source: Path, force: bool = False) -> ImportReport:
    """Import a Parquet directory into `store`, partition by partition in name order (a run's
    partitions in input order), each in one transaction. A partition imported before is skipped
    unless `force`; a document already stored is replaced by the partition's rows."""
    partitions, incomplete = find_partitions(source)
    report = ImportReport(incomplete=incomplete)
    done = {row[0] for row in store.con.execute("SELECT partition FROM parquet_imports").fetchall()}
    for name, files in partitions:
        if name in done and not force:
            report.already.append(name)
            continue
        counts = import_partition(store, name, files, str(source))
        report.imported.append(name)
        for table, n in counts.items():
            report.counts[table] += n
    report.rejects = import_rejects(store, source)
    return report


def import_partition(store: Store, name: str, files: dict[str, list[Path]], source: str) -> dict[str, int]:
    """Replace the stored rows of the partition's documents with its rows, in one transaction."""
    counts = dict.fromkeys(TABLES, 0)

    def work() -> None:
        documents = _scan(files.get("documents", []))
        # The relationships these documents reported on before, and report on now, are regrouped
        # into changes, as when the store writes documents itself.
        touched = _series_of(store, documents)
        for table in TABLES:
            if documents:
                store.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM {documents})")
        for table in TABLES:
            counts[table] = _insert_from(store, table, files.get(table, []))
        ledger.refresh_changes(store.con, touched | _series_of(store, documents), store._insert)
        store.con.execute("DELETE FROM parquet_imports WHERE partition = ?", [name])
        store.con.execute("INSERT INTO parquet_imports VALUES (?, ?, ?, ?, ?)",
                          [name, source, counts["documents"], counts["events"], _now()])

    try:
        store._transaction(work)
    except (duckdb.Error, StoreError) as exc:
        raise StoreError(f"importing partition {name} from {source} failed (nothing of it was "
                         f"imported): {exc}") from exc
    return counts


def _series_of(store: Store, documents: str) -> set[tuple[str, str, str]]:
    if not documents:
        return set()
    rows = store.con.execute("SELECT DISTINCT kind, party_a, party_b FROM ledger_facts "
                             f"WHERE doc_id IN (SELECT doc_id FROM {documents})").fetchall()
    return {(kind, a, b) for kind, a, b in rows}


def _scan(paths: list[Path], filename: bool = False) -> str:
    if not paths:
        return ""
    listed = ", ".join("'" + _quoted(p) + "'" for p in paths)
    return (f"read_parquet([{listed}], hive_partitioning = false, union_by_name = true"
            f"{', filename = true' if filename else ''})")


def _insert_from(store: Store, table: str, paths: list[Path]) -> int:
    if not paths:
        return 0
    scan = _scan(paths)
    in_files = {row[0] for row in store.con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()}
    # A file without the column reads as NULLs in the union: find it by name.
    without = store.con.execute(f"SELECT filename FROM {_scan(paths, filename=True)} WHERE doc_id IS NULL "
                                "LIMIT 1").fetchone() if "doc_id" in in_files else (str(paths[0]),)
    if without:
        raise StoreError(f"{without[0]}: not a bilateral {table} file (no doc_id column)")
    columns = [c for c in _columns(store, table) if c in in_files]
    names = ", ".join(columns)
    before = _count(store, table)
    store.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {scan}")
    return _count(store, table) - before


def _columns(store: Store, table: str) -> list[str]:
    return [row[0] for row in store.con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = 'main' "
        "ORDER BY ordinal_position", [table]).fetchall()]


def _count(store: Store, table: str) -> int:
    row = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def compact(path: str | Path) -> tuple[int, int]:
    """Rewrite the store into a fresh file, tables in their query order (SORT_KEYS), and put it in
    place of the old one: space held by deleted and replaced rows is given back, and a dyad's
    events are stored together. Returns the file's size before and after, in bytes."""
    path = Path(path)
    if not path.exists():
        raise StoreError(f"no database at {path}")
    with Store(path):  # migrates it, so the copy has the latest schema
        pass
    fresh = path.with_name(path.name + ".compacting")
    fresh.unlink(missing_ok=True)
    before = path.stat().st_size
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{_quoted(path)}' AS old (READ_ONLY)")
        con.execute(f"ATTACH '{_quoted(fresh)}' AS fresh")
        con.execute("COPY FROM DATABASE old TO fresh (SCHEMA)")
        for (table,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'old'").fetchall():
            order = f" ORDER BY {SORT_KEYS[table]}" if table in SORT_KEYS else ""
            con.execute(f"INSERT INTO fresh.{table} SELECT * FROM old.{table}{order}")
        con.execute("DETACH fresh")
    except duckdb.Error as exc:
        fresh.unlink(missing_ok=True)
        raise StoreError(f"compacting {path} failed: {exc}") from exc
    finally:
        con.close()
    os.replace(fresh, path)
    return before, path.stat().st_size


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
