"""Parquet partitions of the store: export, import (whole, in order, once), compaction."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from bilateral.errors import StoreError
from bilateral.store import Store
from bilateral.store.parquet import TABLES, compact, export_partition, find_partitions, import_parquet
from tests.test_store import _coded


def _rows(store: Store, table: str) -> list[tuple]:
    skip = {"documents": "EXCLUDE (coded_at)"}.get(table, "")
    return sorted(store.con.execute(f"SELECT * {skip} FROM {table}").fetchall(), key=repr)


def _export(out, name, coded):
    with Store(":memory:") as scratch:
        scratch.write(coded)
        return export_partition(scratch, out, name)


def _two_months():
    first = _coded("a", "China and Belarus held talks.", n_events=2)
    later = _coded("b", "Belarus and China held more talks.")
    later = replace(later, document=replace(later.document, pub_date=date(2022, 10, 3)))
    undated = _coded("c", "Belarus and China met again.")
    undated = replace(undated, document=replace(undated.document, pub_date=None))
    return [first, later, undated]


def test_a_partition_is_written_by_table_and_publication_month(tmp_path):
    manifest = _export(tmp_path, "run1-p000000", _two_months())
    assert manifest["counts"] == {"documents": 3, "sentences": 3, "events": 4, "ledger_facts": 3}
    assert sorted(manifest["files"]["events"]) == [
        "events/pub_month=2022-09/run1-p000000.parquet", "events/pub_month=2022-10/run1-p000000.parquet",
        "events/pub_month=undated/run1-p000000.parquet"]
    assert (tmp_path / "_partitions" / "run1-p000000.json").exists()


def test_imported_partitions_hold_what_the_store_wrote(tmp_path):
    coded = _two_months()
    _export(tmp_path / "parq", "run1-p000000", coded)
    with Store(tmp_path / "direct.duckdb") as direct, Store(tmp_path / "imported.duckdb") as imported:
        direct.write(coded)
        report = import_parquet(imported, tmp_path / "parq")
        assert report.imported == ["run1-p000000"]
        assert report.counts["events"] == 4
        for table in TABLES:
            assert _rows(imported, table) == _rows(direct, table), table


def test_importing_twice_adds_nothing_twice(tmp_path):
    _export(tmp_path / "parq", "run1-p000000", _two_months())
    with Store(tmp_path / "s.duckdb") as store:
        import_parquet(store, tmp_path / "parq")
        first = store.counts()
        again = import_parquet(store, tmp_path / "parq")
        assert again.imported == [] and again.already == ["run1-p000000"]
        forced = import_parquet(store, tmp_path / "parq", force=True)
        assert forced.imported == ["run1-p000000"]
        assert store.counts() == first


def test_a_later_partition_replaces_a_document_coded_again(tmp_path):
    old = _coded("a", "China and Belarus held talks.", n_events=3)
    new = _coded("a", "China and Belarus held talks.", n_events=1)
    _export(tmp_path / "parq", "run1-p000000", [old])
    _export(tmp_path / "parq", "run2-p000000", [new])
    with Store(tmp_path / "s.duckdb") as store:
        import_parquet(store, tmp_path / "parq")
        assert store.counts()["events"] == 1


def test_a_redone_partition_is_read_as_its_last_attempt_wrote_it(tmp_path):
    _export(tmp_path, "run1-p000001", _two_months())
    _export(tmp_path, "run1-p000001", _two_months()[:1])
    partitions, incomplete = find_partitions(tmp_path)
    assert incomplete == []
    [(name, files)] = partitions
    assert [p.parent.name for p in files["events"]] == ["pub_month=2022-09"]


def test_a_partition_without_manifest_is_reported_not_imported(tmp_path):
    _export(tmp_path, "run1-p000000", _two_months()[:1])
    _export(tmp_path, "run1-p000001", _two_months()[1:2])
    (tmp_path / "_partitions" / "run1-p000001.json").unlink()
    with Store(tmp_path / "s.duckdb") as store:
        report = import_parquet(store, tmp_path)
        assert report.imported == ["run1-p000000"]
        assert report.incomplete == ["run1-p000001"]
        assert store.counts()["documents"] == 1


def test_importing_what_is_not_a_parquet_directory_says_so(tmp_path):
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(StoreError, match="not a directory"):
        import_parquet(store, tmp_path / "missing")


def test_a_file_without_doc_id_is_refused_and_nothing_is_half_written(tmp_path):
    _export(tmp_path, "run1-p000000", _two_months())
    bad = tmp_path / "events" / "pub_month=2022-09" / "run1-p000000.parquet"
    import duckdb

    duckdb.sql(f"COPY (SELECT 1 AS x) TO '{bad}' (FORMAT parquet)")
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(StoreError, match="no doc_id"):
            import_parquet(store, tmp_path)
        assert store.counts() == {"documents": 0, "sentences": 0, "events": 0, "ledger_facts": 0}


def test_compacting_keeps_every_row_and_sorts_events_by_dyad(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        for i in range(30):
            store.write([_coded(f"d{i}", f"China and Belarus held talks number {i}.", n_events=3)])
        for i in range(0, 30, 2):  # re-coding leaves space behind
            store.write([_coded(f"d{i}", f"China and Belarus held talks number {i}.", n_events=1)])
        before = {t: _rows(store, t) for t in (*TABLES, "rejects", "schema_version")}
    size_before, size_after = compact(path)
    assert size_after <= size_before
    with Store(path, read_only=True) as store:
        assert {t: _rows(store, t) for t in before} == before
        assert store.clusters()  # the view came across
        dyads = store.con.execute("SELECT source_code, target_code, event_date FROM events").fetchall()
        assert dyads == sorted(dyads)


def test_manifests_are_json_with_counts(tmp_path):
    _export(tmp_path, "run1-p000000", _two_months())
    manifest = json.loads((tmp_path / "_partitions" / "run1-p000000.json").read_text())
    assert manifest["partition"] == "run1-p000000" and manifest["counts"]["documents"] == 3


def test_store_commands_import_compact_and_are_documented(tmp_path):
    from pathlib import Path

    from click.testing import CliRunner

    from bilateral.cli.main import cli
    from bilateral.cli.scale import store_group

    _export(tmp_path / "parq", "run1-p000000", _two_months())
    db = str(tmp_path / "s.duckdb")
    run = CliRunner().invoke(cli, ["store", "import", str(tmp_path / "parq"), "--db", db])
    assert run.exit_code == 0, run.output
    assert "imported 1 partition(s): 3 document(s), 4 event(s), 3 ledger fact(s), 0 reject(s)" in run.output
    again = CliRunner().invoke(cli, ["store", "import", str(tmp_path / "parq"), "--db", db])
    assert "1 partition(s) were imported before and skipped" in again.output
    assert "database now holds 3 document(s), 4 event(s)" in again.output
    compacted = CliRunner().invoke(cli, ["store", "compact", "--db", db])
    assert compacted.exit_code == 0 and "compacted" in compacted.output
    missing = CliRunner().invoke(cli, ["store", "compact", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no database at" in missing.output
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name, command in store_group.commands.items():
        assert f"bilateral store {name}" in readme and "Example" in (command.help or ""), name


def test_an_incomplete_partition_makes_import_exit_1(tmp_path):
    from click.testing import CliRunner

    from bilateral.cli.main import cli

    _export(tmp_path, "run1-p000000", _two_months())
    (tmp_path / "_partitions" / "run1-p000000.json").unlink()
    _export(tmp_path, "run1-p000001", _two_months()[:1])
    run = CliRunner().invoke(cli, ["store", "import", str(tmp_path), "--db", str(tmp_path / "s.duckdb")])
    assert run.exit_code == 1
    assert "partition run1-p000000" in run.output and "has no manifest" in run.output
