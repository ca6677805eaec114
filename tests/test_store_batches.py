"""Store.write in batches: many documents per transaction, each still whole, the last copy kept."""

from __future__ import annotations

import pytest

from bilateral.store import _DOCS_PER_WRITE
from tests.test_store import _coded


def test_a_document_given_twice_in_one_batch_is_stored_as_given_last(store):
    assert store.write([_coded("a", n_events=3), _coded("b"), _coded("a", n_events=1)]) == 3
    assert store.counts() == {"documents": 2, "sentences": 2, "events": 2, "ledger_facts": 2}


def test_batches_of_many_documents_store_every_one(store):
    docs = [_coded(f"d{i}", f"China and Belarus held talks number {i}.", n_events=2)
            for i in range(2 * _DOCS_PER_WRITE + 5)]
    assert store.write(iter(docs)) == len(docs)
    assert store.counts()["events"] == 2 * len(docs)
    store.write(iter(docs))  # again: nothing twice
    assert store.counts()["events"] == 2 * len(docs)


def test_a_batch_of_stored_and_new_documents_replaces_the_stored_ones_only(store):
    # Deletes are run only for the ids already stored (Store._stored_ids): the stored ones must
    # still lose their old rows, and a new one must not take the place of anything.
    store.write([_coded("a", n_events=3), _coded("b", n_events=2)])
    store.write([_coded("a", n_events=1), _coded("c", n_events=2)])
    store.write([_coded("d"), _coded("b", n_events=1)])
    rows = store.con.execute("SELECT doc_id, count(*) FROM events GROUP BY doc_id ORDER BY 1").fetchall()
    assert rows == [("a", 1), ("b", 1), ("c", 2), ("d", 1)]
    assert store.counts() == {"documents": 4, "sentences": 4, "events": 5, "ledger_facts": 4}
    [change] = store.changes("CHN", "BLR")
    assert change["report_count"] == 4 and change["article_count"] == 4


def test_a_failed_batch_rolls_back_whole_and_earlier_batches_stay(store, monkeypatch):
    original, calls = store._insert, {"events": 0}

    def fail_on_second_events_insert(table, columns, rows):
        if table == "events":
            calls["events"] += 1
            if calls["events"] == 2:
                raise RuntimeError("disk full")
        original(table, columns, rows)

    monkeypatch.setattr(store, "_insert", fail_on_second_events_insert)
    docs = [_coded(f"d{i}", f"China and Belarus held talks number {i}.") for i in range(_DOCS_PER_WRITE + 3)]
    with pytest.raises(RuntimeError):
        store.write(docs)
    assert store.counts()["documents"] == _DOCS_PER_WRITE  # the first batch, whole; none of the second


def test_rows_go_in_through_arrow_with_the_same_values_as_through_parameters(tmp_path):
    from bilateral.store import Store

    docs = [_coded(f"d{i}", f"China and Belarus held talks number {i}.", n_events=2) for i in range(5)]
    tables = ("documents", "sentences", "events", "ledger_facts", "ledger_reports", "ledger_changes")
    stored = []
    for name, arrow in (("arrow.duckdb", True), ("values.duckdb", False)):
        with Store(tmp_path / name) as store:
            if not arrow:  # every table's Arrow schema unknown: the multi-row INSERT path
                store._schemas.update({(t, c): None for t, c in _column_lists()})
            else:
                assert all(schema is not None for schema in _schemas_of(store))
            store.write(docs)
            stored.append({t: sorted(store.con.execute(
                f"SELECT * {'EXCLUDE (coded_at)' if t == 'documents' else ''} FROM {t}").fetchall(), key=repr)
                for t in tables})
    assert stored[0] == stored[1]


def _column_lists():
    from bilateral import store as module
    from bilateral.store import ledger

    return [("documents", module.DOC_COLUMNS), ("sentences", module.SENTENCE_COLUMNS),
            ("events", module.EVENT_COLUMNS), ("ledger_facts", ledger.FACT_COLUMNS),
            ("ledger_reports", ledger.REPORT_COLUMNS)]


def _schemas_of(store):
    from bilateral.store.arrow_rows import arrow_schema

    return [arrow_schema(store.con, table, columns) for table, columns in _column_lists()]


def test_long_documents_go_in_smaller_batches(store, monkeypatch):
    docs = [_coded(f"d{i}", f"China and Belarus held talks number {i}.") for i in range(7)]
    monkeypatch.setattr("bilateral.store._CHARS_PER_WRITE", 2 * len(docs[0].document.text))
    sizes: list[int] = []
    original = store._write_batch
    monkeypatch.setattr(store, "_write_batch", lambda batch: (sizes.append(len(batch)), original(batch)))
    assert store.write(docs) == 7
    assert sizes == [2, 2, 2, 1] and store.counts()["documents"] == 7


def test_rejects_recorded_again_keep_one_row_each_with_the_latest_reason(store):
    from bilateral.ingest import Reject

    store.record_rejects([Reject(f"f.jsonl:{i}", "bad line", "error") for i in range(5)])
    store.record_rejects([Reject("f.jsonl:1", "near duplicate of document 'a'", "duplicate")])
    rows = {r["location"]: (r["reason"], r["kind"]) for r in store.rejects()}
    assert len(store.rejects()) == 5 and rows["f.jsonl:1"] == ("near duplicate of document 'a'", "duplicate")
    assert rows["f.jsonl:0"] == ("bad line", "error")
