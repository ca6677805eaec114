"""The embedded DuckDB store: coded documents written whole, in transactions, and queried.

    with Store("bilateral.duckdb") as store:
        store.write(coded_documents)
        rows = store.events(dyad=("CHN", "BLR"))

Re-writing a document replaces its rows: ids are stable, so coding the same input twice leaves the
database as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from bilateral import __version__
from bilateral.errors import StoreError
from bilateral.model import CodedDocument
from bilateral.store.arrow_rows import arrow_schema, rows_to_arrow
from bilateral.store.schema import LATEST, MIGRATIONS

EVENT_COLUMNS = (
    "event_id", "doc_id", "sentence_index", "event_type", "mode", "contexts", "source_code",
    "source_sector", "source_text", "target_code", "target_sector", "target_text", "reciprocal",
    "cameo", "goldstein", "quad", "event_date", "date_precision", "negated", "modality",
    "promised_type", "location", "trigger", "trigger_start", "trigger_end", "translated",
)
FACT_COLUMNS = ("fact_id", "doc_id", "kind", "party_a", "party_b", "label", "status", "fact_date",
                "date_precision", "sentence_index", "evidence")
DOC_COLUMNS = ("doc_id", "content_hash", "title", "url", "source", "origin", "pub_date", "translated",
               "text", "coded_at", "coder_version")
SENTENCE_COLUMNS = ("doc_id", "sentence_index", "text", "start_char", "end_char")
_ROWS_PER_INSERT = 200
_DOCS_PER_WRITE = 64


class Store:
    def __init__(self, path: str | Path = "bilateral.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        self._schemas: dict[tuple[str, tuple[str, ...]], Any] = {}
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc
        if not read_only:
            self.migrate()
        elif self.schema_version() != LATEST:
            raise StoreError(f"{self.path} has schema version {self.schema_version()}, expected {LATEST}: "
                             "open it once for writing to migrate it")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema ------------------------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, "
                         "description VARCHAR, applied_at TIMESTAMP NOT NULL)")
        current = self.schema_version()
        if current > LATEST:
            raise StoreError(f"{self.path} has schema version {current}, newer than this bilateral "
                             f"({LATEST}): upgrade bilateral")
        for version, description, statements in MIGRATIONS:
            if version <= current:
                continue
            self._transaction(lambda st=statements, v=version, d=description: (
                [self.con.execute(s) for s in st],
                self.con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [v, d, _now()]),
            ))

    # -- writing -----------------------------------------------------------------------------

    def write(self, coded: Iterable[CodedDocument]) -> int:
        """Write documents, each whole or not at all, in transactions of up to _DOCS_PER_WRITE
        documents; returns how many were written. A document given twice is stored as given last."""
        count = 0
        batch: dict[str, CodedDocument] = {}
        for doc in coded:
            batch.pop(doc.document.id, None)
            batch[doc.document.id] = doc
            count += 1
            if len(batch) >= _DOCS_PER_WRITE:
                self._write_batch(list(batch.values()))
                batch = {}
        if batch:
            self._write_batch(list(batch.values()))
        return count

    def _write_batch(self, batch: list[CodedDocument]) -> None:
        self._transaction(lambda: self._replace(batch))

    def _replace(self, batch: list[CodedDocument]) -> None:
        # A few statements for the whole batch: each statement costs DuckDB about a millisecond,
        # which per document was more than coding it takes (benchmarks/bench_scale.py).
        ids = [coded.document.id for coded in batch]
        for table in ("events", "ledger_facts", "sentences", "documents"):
            self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        rows: dict[str, list[tuple[Any, ...]]] = {"documents": [], "sentences": [], "events": [], "ledger_facts": []}
        for coded in batch:
            d = coded.document
            rows["documents"].append((
                d.id, d.content_hash, d.title, d.url, d.source, d.origin, d.pub_date, d.translated, d.text,
                _now(), __version__,
            ))
            rows["sentences"] += [(d.id, s.index, s.text, s.start, s.end) for s in coded.sentences]
            rows["events"] += [_event_row(e) for e in coded.events]
            rows["ledger_facts"] += [(
                f.id, f.doc_id, f.kind, f.parties[0], f.parties[1], f.label, f.status, f.date,
                f.date_precision, f.sentence_index, f.evidence,
            ) for f in coded.ledger]
        for table, columns in (("documents", DOC_COLUMNS), ("sentences", SENTENCE_COLUMNS),
                               ("events", EVENT_COLUMNS), ("ledger_facts", FACT_COLUMNS)):
            self._insert(table, columns, rows[table])

    def _insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if (table, tuple(columns)) not in self._schemas:
            self._schemas[table, tuple(columns)] = arrow_schema(self.con, table, columns)
        schema = self._schemas[table, tuple(columns)]
        if schema is not None:  # one statement for all rows (bilateral.store.arrow_rows)
            arrow_rows = rows_to_arrow(schema, rows)  # noqa: F841 (read by name below)
            self.con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM arrow_rows")
            return
        # One multi-row INSERT per chunk: DuckDB's executemany costs a round trip per row.
        placeholder = "(" + ", ".join("?" * len(columns)) + ")"
        for i in range(0, len(rows), _ROWS_PER_INSERT):
            chunk = rows[i : i + _ROWS_PER_INSERT]
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES " + ", ".join([placeholder] * len(chunk))
            self.con.execute(sql, [v for row in chunk for v in row])

    def _transaction(self, work: Any) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            work()
        except BaseException as exc:
            self.con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"writing to {self.path} failed: {exc}") from exc
            raise
        self.con.execute("COMMIT")

    def record_rejects(self, rejects: Iterable[Any]) -> None:
        """Remember rejected or skipped inputs (each location once, latest reason kept)."""
        rows = [(r.location, r.reason, r.kind, _now()) for r in rejects]
        if not rows:
            return

        def work() -> None:
            for location, *_ in rows:
                self.con.execute("DELETE FROM rejects WHERE location = ?", [location])
            self._insert("rejects", ("location", "reason", "kind", "seen_at"), rows)

        self._transaction(work)

    def clusters(self, min_articles: int = 1) -> list[dict[str, Any]]:
        """Events reported on the same day by one or more articles, most reported first."""
        return self._dicts("SELECT * FROM event_clusters WHERE num_articles >= ? "
                           "ORDER BY num_articles DESC, event_date, cluster_id", [min_articles])

    def content_hashes(self) -> dict[str, str]:
        """sha1 of each stored document's text -> its id (to skip re-sent copies under new ids)."""
        return {h: i for h, i in self.con.execute("SELECT content_hash, doc_id FROM documents").fetchall()}

    def rejects(self, kind: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT location, reason, kind, seen_at FROM rejects"
        params: list[Any] = []
        if kind:
            sql += " WHERE kind = ?"
            params.append(kind)
        return self._dicts(sql + " ORDER BY seen_at, location", params)

    # -- reading -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "sentences", "events", "ledger_facts"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def events(self, country: str | None = None, dyad: tuple[str, str] | None = None,
               since: date | None = None, until: date | None = None, event_type: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Stored events, oldest first, each with its source sentence and document."""
        where, params = [], []
        if country:
            where.append("(e.source_code = ? OR e.target_code = ?)")
            params += [country.upper()] * 2
        if dyad:
            a, b = dyad[0].upper(), dyad[1].upper()
            where.append("((e.source_code = ? AND e.target_code = ?) OR (e.source_code = ? AND e.target_code = ?))")
            params += [a, b, b, a]
        if since:
            where.append("e.event_date >= ?")
            params.append(since.isoformat()[: 10])
        if until:
            where.append("left(e.event_date, 10) <= ?")
            params.append(until.isoformat())
        if event_type:
            where.append("e.event_type = ?")
            params.append(event_type.upper())
        sql = (f"SELECT e.*, s.text AS sentence, d.title AS doc_title, d.url AS doc_url "
               f"FROM events e JOIN sentences s USING (doc_id, sentence_index) "
               f"JOIN documents d USING (doc_id) "
               f"{'WHERE ' + ' AND '.join(where) if where else ''} "
               f"ORDER BY e.event_date NULLS LAST, e.doc_id, e.sentence_index, e.trigger_start"
               f"{' LIMIT ' + str(int(limit)) if limit else ''}")
        return self._dicts(sql, params)

    def facts_between(self, a: str, b: str) -> list[dict[str, Any]]:
        """Ledger facts that name both actors (either order), with their sentences."""
        a, b = a.upper(), b.upper()
        return self._facts("(f.party_a = ? AND f.party_b = ?) OR (f.party_a = ? AND f.party_b = ?)", [a, b, b, a])

    def facts_of(self, code: str, kind: str | None = None) -> list[dict[str, Any]]:
        """Ledger facts that name one actor, optionally of one kind, with their sentences."""
        code = code.upper()
        if kind:
            return self._facts("(f.party_a = ? OR f.party_b = ?) AND f.kind = ?", [code, code, kind])
        return self._facts("f.party_a = ? OR f.party_b = ?", [code, code])

    def _facts(self, where: str, params: list[Any]) -> list[dict[str, Any]]:
        return self._dicts("SELECT f.*, s.text AS sentence FROM ledger_facts f "
                           f"JOIN sentences s USING (doc_id, sentence_index) WHERE {where} "
                           "ORDER BY f.fact_date NULLS FIRST, f.doc_id", params)

    def quad_counts_by_month(self, a: str, b: str) -> list[dict[str, Any]]:
        """Events between two actors (either direction) per month and CAMEO quad class."""
        a, b = a.upper(), b.upper()
        return self._dicts(
            "SELECT left(event_date, 7) AS month, quad, count(*) AS events FROM events "
            "WHERE ((source_code = ? AND target_code = ?) OR (source_code = ? AND target_code = ?)) "
            "AND date_precision IN ('day', 'month') GROUP BY ALL ORDER BY month, quad", [a, b, b, a])

    def _dicts(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _event_row(e: Any) -> tuple[Any, ...]:
    return (
        e.id, e.doc_id, e.sentence_index, e.type, e.mode, list(e.contexts),
        e.source.code if e.source else None, e.source.sector if e.source else None,
        e.source.text if e.source else None, e.target.code if e.target else None,
        e.target.sector if e.target else None, e.target.text if e.target else None,
        e.reciprocal, e.cameo, e.goldstein, e.quad, e.date, e.date_precision, e.negated, e.modality,
        e.promised_type, e.location, e.trigger, e.trigger_start, e.trigger_end, e.translated,
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
