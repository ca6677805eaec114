"""The embedded DuckDB store: coded documents written whole, in transactions, and queried.

    with Store("bilateral.duckdb") as store:
        store.write(coded_documents)
        rows = store.events(dyad=("CHN", "BLR"))

Re-writing a document replaces its rows: ids are stable, so coding the same input twice leaves the
database as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from bilateral import __version__
from bilateral.errors import OutdatedStoreError, StoreError
from bilateral.model import EVENT_FIELDS, CodedDocument
from bilateral.store import ledger
from bilateral.store.arrow_rows import arrow_schema, rows_to_arrow
from bilateral.store.schema import LATEST, MIGRATIONS

EVENT_COLUMNS = (
    "event_id", "doc_id", "sentence_index", "event_type", "mode", "contexts", "source_code",
    "source_sector", "source_text", "target_code", "target_sector", "target_text", "reciprocal",
    "cameo", "goldstein", "quad", "event_date", "date_precision", "negated", "modality",
    "promised_type", "location", "trigger", "trigger_start", "trigger_end", "translated",
    "date_start", "date_end", "location_text", "method", "probability",
)
DOC_COLUMNS = ("doc_id", "content_hash", "title", "url", "source", "origin", "pub_date", "translated",
               "text", "coded_at", "coder_version")
SENTENCE_COLUMNS = ("doc_id", "sentence_index", "text", "start_char", "end_char")
_ROWS_PER_INSERT = 200
_SCHEMA_VERSION_TABLE = ("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, "
                         "description VARCHAR, applied_at TIMESTAMP NOT NULL)")
# A transaction costs DuckDB some 15 statements and a commit (about 15 ms of CPU) whatever its
# size, and regroups the ledger series it touches from all their reports: 64 documents a
# transaction made writing 1,600 documents take 0.8 s of CPU, 256 take 0.4 s. The text bound
# keeps a batch of very long documents from being held in memory at once.
_DOCS_PER_WRITE = 256
_CHARS_PER_WRITE = 32_000_000


class Store:
    def __init__(self, path: str | Path = "bilateral.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        self._schemas: dict[tuple[str, tuple[str, ...]], Any] = {}
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc
        try:
            if not read_only:
                self.migrate()
            elif (version := self.schema_version()) != LATEST:
                raise OutdatedStoreError(f"{self.path} has schema version {version}, expected {LATEST}: "
                                         "open it once for writing to migrate it")
        except BaseException:
            self.con.close()  # a store that failed to open holds no lock on the file (the caller may reopen it)
            raise

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
        current = self.schema_version()
        if current == 0:
            self._refuse_foreign_database()
        if current > LATEST:
            raise StoreError(f"{self.path} has schema version {current}, newer than this bilateral "
                             f"({LATEST}): upgrade bilateral")
        # Each migration not yet recorded runs, in number order, even one numbered below the
        # highest applied: migrations written on parallel branches may arrive out of order.
        applied = self._applied_versions()
        pending = [m for m in sorted(MIGRATIONS, key=lambda m: m[0]) if m[0] not in applied]
        # A new database gets every migration in one transaction: each commit waits for the disk
        # (about 10 ms), which was most of a short run's time to open its store. An existing
        # one gets them one transaction each, so that what succeeded stays.
        for group in [pending] if not applied else [[m] for m in pending]:
            # schema_version is created with the first migration, in its transaction: a database
            # that cannot be migrated is left exactly as it was.
            self._transaction(lambda g=group: self._apply(g))
        if applied and 4 not in applied:  # facts stored before changes existed: group them now
            self._transaction(lambda: ledger.refresh_changes(self.con, ledger.all_series(self.con), self._insert))

    def _apply(self, migrations: list[tuple[int, str, list[str]]]) -> None:
        for version, description, statements in migrations:
            self.con.execute(_SCHEMA_VERSION_TABLE)
            for statement in statements:
                self.con.execute(statement)
            self.con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, description, _now()])

    def _applied_versions(self) -> set[int]:
        if not self.schema_version():  # also when schema_version does not exist yet
            return set()
        return {int(r[0]) for r in self.con.execute("SELECT version FROM schema_version").fetchall()}

    def _refuse_foreign_database(self) -> None:
        """A database with tables but no schema_version belongs to another program: writing our
        tables into it would mix two schemas (or fail half-way on a table of the same name)."""
        rows = self.con.execute("SELECT table_name FROM information_schema.tables "
                                "WHERE table_catalog = current_database() ORDER BY table_name").fetchall()
        if rows:
            names = ", ".join(r[0] for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
            raise StoreError(f"{self.path} is a DuckDB database of another program (it holds {names} and "
                             "no bilateral schema_version): give a new file with --db")

    # -- writing -----------------------------------------------------------------------------

    def write(self, coded: Iterable[CodedDocument]) -> int:
        """Write documents, each whole or not at all, in transactions of up to _DOCS_PER_WRITE
        documents (fewer when they are long); returns how many were written. A document given twice is stored as given last."""
        count = chars = 0
        batch: dict[str, CodedDocument] = {}
        for doc in coded:
            batch.pop(doc.document.id, None)
            batch[doc.document.id] = doc
            count += 1
            chars += len(doc.document.text)
            if len(batch) >= _DOCS_PER_WRITE or chars >= _CHARS_PER_WRITE:
                self._write_batch(list(batch.values()))
                batch, chars = {}, 0
        if batch:
            self._write_batch(list(batch.values()))
        return count

    def _write_batch(self, batch: list[CodedDocument]) -> None:
        self._transaction(lambda: self._replace(batch))

    def _replace(self, batch: list[CodedDocument]) -> None:
        # A few statements for the whole batch: each statement costs DuckDB about a millisecond,
        # which per document was more than coding it takes (benchmarks/bench_scale.py).
        # Only documents stored before have rows to replace: a document's rows are written with its
        # documents row, in one transaction, so one lookup there finds them all. In a run of new
        # documents that spares six statements a batch (a tenth of the time a batch's write takes).
        stored = self._stored_ids([coded.document.id for coded in batch])
        # The relationships these documents reported on before, and report on now, are regrouped.
        touched = ledger.series_of(self.con, stored) if stored else set()
        for table in ("events", "ledger_reports", "ledger_facts", "sentences", "documents") if stored else ():
            self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [stored])
        # An input rejected before and coded now (fixed since) is no longer a reject.
        origins = [coded.document.origin for coded in batch if coded.document.origin]
        if origins:
            self.con.execute("DELETE FROM rejects WHERE location IN (SELECT unnest(?::VARCHAR[]))", [origins])
        rows: dict[str, list[tuple[Any, ...]]] = {
            "documents": [], "sentences": [], "events": [], "ledger_facts": [], "ledger_reports": []}
        for coded in batch:
            d = coded.document
            rows["documents"].append((
                d.id, d.content_hash, d.title, d.url, d.source, d.origin, d.pub_date, d.translated, d.text,
                _now(), __version__,
            ))
            rows["sentences"] += [(d.id, s.index, s.text, s.start, s.end) for s in coded.sentences]
            rows["events"] += [_event_row(e) for e in coded.events]
            facts, reports = ledger.fact_rows(coded.ledger)
            rows["ledger_facts"] += facts
            rows["ledger_reports"] += reports
            touched |= {(f.kind, f.parties[0], f.parties[1]) for f in coded.ledger}
        for table, columns in (("documents", DOC_COLUMNS), ("sentences", SENTENCE_COLUMNS),
                               ("events", EVENT_COLUMNS), ("ledger_facts", ledger.FACT_COLUMNS),
                               ("ledger_reports", ledger.REPORT_COLUMNS)):
            self._insert(table, columns, rows[table])
        ledger.refresh_changes(self.con, touched, self._insert)

    def _stored_ids(self, ids: list[str]) -> list[str]:
        rows = self.con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        return [r[0] for r in rows.fetchall()]

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
        try:
            self.con.execute("BEGIN TRANSACTION")
        except duckdb.Error as exc:
            raise StoreError(f"writing to {self.path} failed: {exc}") from exc
        try:
            work()
            # The commit writes the log to disk: a full or read-only disk shows here.
            self.con.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"writing to {self.path} failed: {exc}{_disk_hint(exc)}") from exc
            raise

    def _rollback(self) -> None:
        with contextlib.suppress(duckdb.Error):  # a failed COMMIT has already ended the transaction
            self.con.execute("ROLLBACK")

    def record_rejects(self, rejects: Iterable[Any]) -> None:
        """Remember rejected or skipped inputs (each location once, latest reason kept)."""
        rows = [(r.location, r.reason, r.kind, _now()) for r in rejects]
        if not rows:
            return

        def work() -> None:
            # One statement for all: a statement each took seconds for a run with thousands of rejects.
            self.con.execute("DELETE FROM rejects WHERE location IN (SELECT unnest(?::VARCHAR[]))",
                             [[location for location, *_ in rows]])
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
               limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Stored events as records of the shared event schema (bilateral.model.EVENT_FIELDS),
        oldest first. `since`/`until` keep events whose date span overlaps the period: "2022-09"
        is inside since 2022-09-01, and inside until 2022-09-10."""
        from bilateral.actors.names import actor_names

        if limit is not None and limit < 0:
            raise ValueError(f"limit must be 0 or more, not {limit}")
        where, params = event_filters(country, dyad, since, until, event_type)
        rows = self._dicts(events_sql(where, limit, offset), params)
        names = actor_names()
        for row in rows:
            row["source_name"], row["target_name"] = names.name(row["source_code"]), names.name(row["target_code"])
        return [{f: row[f] for f in EVENT_FIELDS} for row in rows]

    def query(self, sql: str, params: list[Any] | None = None) -> Any:
        """A DuckDB relation for SQL with ? parameters (`.pl()`, `.arrow()`, `.fetchall()`).

        On its own cursor: DuckDB 2.0 refuses new work on a connection whose last execute() result
        was not read to the end (a fetchone())."""
        return self.con.cursor().sql(sql, params=params or [])

    def facts_between(self, a: str, b: str) -> list[dict[str, Any]]:
        """Ledger facts that name both actors (either order), with their sentences."""
        return self._facts(*either_way("f.party_a", "f.party_b", a, b))

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

    def changes(self, a: str, b: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
        """Reconciled ledger changes of A's relationships (with B only, if given), oldest first."""
        where, params = ["(party_a = ? OR party_b = ?)"], [a.upper(), a.upper()]
        if b is not None:
            where.append("(party_a = ? OR party_b = ?)")
            params += [b.upper(), b.upper()]
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        return self._dicts(f"SELECT * FROM ledger_changes WHERE {' AND '.join(where)} "
                           "ORDER BY effective_date NULLS FIRST, kind, party_a, party_b, value", params)

    def fact_reports(self, fact_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Every sentence that reports these facts, with its document's date, source and title."""
        if not fact_ids:
            return []
        return self._dicts(
            "SELECT r.*, s.text AS sentence, d.pub_date, d.source, d.title, d.url FROM ledger_reports r "
            "JOIN sentences s USING (doc_id, sentence_index) JOIN documents d USING (doc_id) "
            "WHERE list_contains(?, r.fact_id) ORDER BY d.pub_date, r.doc_id, r.sentence_index", [list(fact_ids)])

    def quad_counts_by_month(self, a: str, b: str) -> list[dict[str, Any]]:
        """Events between two actors (either direction) per month and CAMEO quad class."""
        pair, params = either_way("source_code", "target_code", a, b)
        return self._dicts(
            f"SELECT left(event_date, 7) AS month, quad, count(*) AS events FROM events WHERE {pair} "
            "AND date_precision IN ('day', 'month') GROUP BY ALL ORDER BY month, quad", params)

    def _dicts(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def either_way(column_a: str, column_b: str, a: str, b: str) -> tuple[str, list[str]]:
    """A WHERE clause for rows between two actors in either direction, and its parameters."""
    a, b = a.upper(), b.upper()
    return f"(({column_a} = ? AND {column_b} = ?) OR ({column_a} = ? AND {column_b} = ?))", [a, b, b, a]


def party_filters(column_a: str, column_b: str, actor: str | None = None,
                  dyad: tuple[str, str] | None = None) -> tuple[list[str], list[Any]]:
    """WHERE clauses for rows with `actor` on either side, or between the `dyad` either way, and
    their parameters: events (source, target) and ledger facts (party_a, party_b) alike."""
    where: list[str] = []
    params: list[Any] = []
    if actor:
        where.append(f"({column_a} = ? OR {column_b} = ?)")
        params += [actor.upper()] * 2
    if dyad:
        pair, pair_params = either_way(column_a, column_b, *dyad)
        where.append(pair)
        params += pair_params
    return where, params


def event_filters(country: str | None = None, dyad: tuple[str, str] | None = None, since: date | None = None,
                  until: date | None = None, event_type: str | None = None) -> tuple[list[str], list[Any]]:
    """WHERE clauses over `events e` and their parameters (never values pasted into SQL)."""
    where, params = party_filters("e.source_code", "e.target_code", country, dyad)
    if since:
        where.append("e.date_end >= ?")
        params.append(since)
    if until:
        where.append("e.date_start <= ?")
        params.append(until)
    if event_type:
        where.append("e.event_type = ?")
        params.append(event_type.upper())
    return where, params


def events_sql(where: list[str], limit: int | None = None, offset: int = 0) -> str:
    """Events joined with their sentence and document, in EVENT_FIELDS order less the actor names."""
    cols = ", ".join(_FROM_SENTENCE_OR_DOC.get(c, f"e.{c}")
                     for c in EVENT_FIELDS if c not in ("source_name", "target_name"))
    page = f" LIMIT {int(limit)}" if limit is not None else ""
    page += f" OFFSET {int(offset)}" if offset else ""
    return (f"SELECT {cols} FROM events e JOIN sentences s USING (doc_id, sentence_index) "
            f"JOIN documents d USING (doc_id) {'WHERE ' + ' AND '.join(where) if where else ''} "
            "ORDER BY e.date_start NULLS LAST, e.event_date, e.doc_id, e.sentence_index, e.trigger_start, e.event_id"
            + page)


_FROM_SENTENCE_OR_DOC = {
    "sentence": "s.text AS sentence", "sentence_start": "s.start_char AS sentence_start",
    "sentence_end": "s.end_char AS sentence_end", "pub_date": "d.pub_date", "url": "d.url", "title": "d.title",
}


def _event_row(e: Any) -> tuple[Any, ...]:
    return (
        e.id, e.doc_id, e.sentence_index, e.type, e.mode, list(e.contexts),
        e.source.code if e.source else None, e.source.sector if e.source else None,
        e.source.text if e.source else None, e.target.code if e.target else None,
        e.target.sector if e.target else None, e.target.text if e.target else None,
        e.reciprocal, e.cameo, e.goldstein, e.quad, e.date, e.date_precision, e.negated, e.modality,
        e.promised_type, e.location, e.trigger, e.trigger_start, e.trigger_end, e.translated,
        e.date_start, e.date_end, e.location_text, e.method, e.probability,
    )


def _disk_hint(exc: Exception) -> str:
    text = str(exc).lower()
    if "no space" in text or "read-only" in text or "permission" in text:
        return (". The documents committed before are stored whole; free space (or make the file "
                "writable) and run the same command again to complete the batch")
    return ""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
