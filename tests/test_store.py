"""The DuckDB store: migrations, whole-document writes, idempotent re-writes, queries."""

from __future__ import annotations

from datetime import date

import pytest

from bilateral.model import Actor, CodedDocument, Document, Event, LedgerFact, Sentence
from bilateral.store import Store
from bilateral.store.schema import LATEST


def _coded(doc_id="d1", text="China and Belarus held talks.", n_events=1) -> CodedDocument:
    doc = Document(id=doc_id, text=text, pub_date=date(2022, 9, 16), title="t")
    sent = Sentence(0, text, 0, len(text))
    events = [Event(
        doc_id=doc_id, sentence_index=0, type="CONSULT", mode=None, contexts=("diplomatic",),
        source=Actor("CHN", "GOV", "China"), target=Actor("BLR", "GOV", "Belarus"), reciprocal=True,
        cameo="043", goldstein=2.8, quad=1, date="2022-09-15", date_precision="day", negated=False,
        modality="asserted", sentence=text, sentence_start=0, sentence_end=len(text), trigger="held",
        trigger_start=18 + i, trigger_end=22 + i,
    ) for i in range(n_events)]
    facts = [LedgerFact(doc_id, "partnership", ("BLR", "CHN"), "comprehensive strategic partnership", None,
                        "2022-09-15", "day", 0, text, 0, len(text), "comprehensive strategic partnership")]
    return CodedDocument(doc, [sent], events, facts)


def test_new_database_is_migrated_to_the_latest_schema(store):
    assert store.schema_version() == LATEST
    assert store.counts() == {"documents": 0, "sentences": 0, "events": 0, "ledger_facts": 0}


def test_a_new_database_is_migrated_whole_or_not_at_all(tmp_path, monkeypatch):
    # A new database's migrations run in one transaction (one commit, not one each): every
    # version is recorded, and one that fails leaves no table behind.
    from bilateral.errors import StoreError
    from bilateral.store import schema

    with Store(tmp_path / "new.duckdb") as s:
        recorded = [v for (v,) in s.con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
        assert recorded == sorted(m[0] for m in schema.MIGRATIONS)
    broken = [*schema.MIGRATIONS, (LATEST + 1, "broken", ["CREATE TABLE documents (x INTEGER)"])]
    monkeypatch.setattr("bilateral.store.MIGRATIONS", broken)
    with pytest.raises(StoreError):
        Store(tmp_path / "broken.duckdb")
    monkeypatch.undo()
    with Store(tmp_path / "broken.duckdb") as s:  # nothing was left half made: it migrates as new
        assert s.schema_version() == LATEST


def test_writing_the_same_document_twice_leaves_the_same_rows(store):
    store.write([_coded()])
    first = store.counts()
    rows = store.events()
    store.write([_coded()])
    assert store.counts() == first == {"documents": 1, "sentences": 1, "events": 1, "ledger_facts": 1}
    assert [r["event_id"] for r in store.events()] == [r["event_id"] for r in rows]


def test_recoding_a_document_replaces_its_rows(store):
    store.write([_coded(n_events=3)])
    store.write([_coded(n_events=1)])
    assert store.counts()["events"] == 1


def test_queries_filter_by_country_dyad_type_and_dates(store):
    store.write([_coded("a"), _coded("b")])
    assert len(store.events(country="chn")) == 2
    assert len(store.events(dyad=("BLR", "CHN"))) == 2
    assert store.events(dyad=("CHN", "USA")) == []
    assert len(store.events(event_type="consult")) == 2
    assert store.events(since=date(2022, 9, 16)) == []
    assert len(store.events(until=date(2022, 9, 15))) == 2
    row = store.events(limit=1)[0]
    assert row["sentence"] == "China and Belarus held talks." and row["contexts"] == ["diplomatic"]


def test_a_failed_write_leaves_nothing_half_written(store, monkeypatch):
    original = store._insert

    def fail_on_events(table, columns, rows):
        if table == "events":
            raise RuntimeError("disk full")
        original(table, columns, rows)

    monkeypatch.setattr(store, "_insert", fail_on_events)
    with pytest.raises(RuntimeError):
        store.write([_coded()])
    assert store.counts()["documents"] == 0


def test_reopening_keeps_data_and_schema(tmp_path):
    path = tmp_path / "db.duckdb"
    with Store(path) as s:
        s.write([_coded()])
    with Store(path, read_only=True) as s:
        assert s.schema_version() == LATEST
        assert s.counts()["events"] == 1


def test_migration_5_gives_events_stored_before_it_their_date_spans(tmp_path, monkeypatch):
    from bilateral.store import schema

    path = tmp_path / "old.duckdb"
    monkeypatch.setattr("bilateral.store.MIGRATIONS", [m for m in schema.MIGRATIONS if m[0] < 5])
    with Store(path) as old:
        for i, (when, precision) in enumerate([("2022-09", "month"), ("2016", "year"), ("2022-09-15", "day"),
                                               (None, None), ("2024-02", "month")]):
            old.con.execute("INSERT INTO events (event_id, doc_id, sentence_index, event_type, reciprocal, cameo, "
                            "goldstein, quad, event_date, date_precision, negated, modality) "
                            "VALUES (?, 'd', 0, 'CONSULT', false, '040', 1.0, 1, ?, ?, false, 'asserted')",
                            [str(i), when, precision])
    monkeypatch.undo()
    with Store(path) as new:
        assert new.schema_version() == LATEST
        rows = new.con.execute("SELECT date_start, date_end FROM events ORDER BY event_id").fetchall()
    assert rows == [(date(2022, 9, 1), date(2022, 9, 30)), (date(2016, 1, 1), date(2016, 12, 31)),
                    (date(2022, 9, 15), date(2022, 9, 15)), (None, None), (date(2024, 2, 1), date(2024, 2, 29))]


def test_migrations_missing_below_the_highest_applied_still_run(tmp_path, monkeypatch):
    from bilateral.store import schema

    path = tmp_path / "gap.duckdb"
    monkeypatch.setattr("bilateral.store.MIGRATIONS", [m for m in schema.MIGRATIONS if m[0] != 2])
    with Store(path) as s:
        assert 2 not in {v for (v,) in s.con.execute("SELECT version FROM schema_version").fetchall()}
    monkeypatch.undo()
    with Store(path) as s:
        s.record_rejects([])  # the rejects table of migration 2 now exists
        assert s.rejects() == []


def test_open_store_migrates_an_older_database_then_reads_it(tmp_path, monkeypatch):
    from bilateral.analysis import open_store
    from bilateral.errors import OutdatedStoreError
    from bilateral.store import schema

    path = tmp_path / "old.duckdb"
    monkeypatch.setattr("bilateral.store.MIGRATIONS", [m for m in schema.MIGRATIONS if m[0] < 5])
    Store(path).close()
    monkeypatch.undo()
    with pytest.raises(OutdatedStoreError):
        Store(path, read_only=True)
    with open_store(path) as s:
        assert s.schema_version() == LATEST
