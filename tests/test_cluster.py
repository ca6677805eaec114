"""Coding on Dask: a LocalCluster run stores exactly what a local run stores, row for row, also when
a worker dies mid-partition; and the command line says what is missing or wrong."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilateral.cli.main import cli
from bilateral.store import Store
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")

COMPARED = {  # every table and the cluster view; timestamps left out
    "documents": "EXCLUDE (coded_at)", "sentences": "", "events": "", "ledger_facts": "",
    "rejects": "EXCLUDE (seen_at)", "event_clusters": "",
}


def _batch(tmp: Path) -> Path:
    """The example articles plus what screening and clustering must handle: a near copy, an exact
    copy under another id, a second report of a meeting, a French article and a broken line."""
    articles = [json.loads(line) for line in (EXAMPLES / "articles.jsonl").read_text().splitlines()]
    first = articles[0]
    near = dict(first, id="near-copy", text=first["text"].replace("Thursday", "Thursday afternoon", 1))
    exact = dict(articles[1], id="exact-copy")
    second_report = {
        "id": "second-report", "pub_date": first["pub_date"], "source": "Another Wire",
        "text": "Chinese President Xi Jinping met Belarusian President Alexander Lukashenko in Samarkand on "
                "Thursday. The two leaders signed a joint statement, officials in Minsk said.",
    }
    french = {"id": "fr", "pub_date": "2022-09-16", "text": "Le président chinois a rencontré son homologue "
              "biélorusse à Samarkand jeudi pour parler de commerce et de sécurité régionale."}
    lines = [json.dumps(r) for r in [*articles, near, exact, second_report, french]]
    lines.insert(3, "{not json")
    path = tmp / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    return _batch(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def local_db(batch) -> Path:
    """The batch coded by `bilateral code`, one process."""
    db = batch.parent / "local.duckdb"
    result = CliRunner().invoke(cli, ["code", str(batch), "--db", str(db), "-q"])
    assert result.exit_code == 1, result.output  # the broken line
    return db


@pytest.fixture(scope="module")
def threaded_cluster():
    from bilateral.cluster import connect

    with connect(local_workers=2, processes=False) as client:
        yield client


def _differences(a: Path, b: Path) -> dict[str, tuple[int, int, int]]:
    """For each compared table: rows, rows only in a, rows only in b."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"ATTACH '{a}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{b}' AS b (READ_ONLY)")
    out = {}
    for table, skip in COMPARED.items():
        def only(x: str, y: str, t: str = table, s: str = skip) -> int:
            row = con.execute(f"SELECT count(*) FROM (SELECT * {s} FROM {x}.{t} EXCEPT ALL "
                              f"SELECT * {s} FROM {y}.{t})").fetchone()
            return int(row[0]) if row else -1
        total = con.execute(f"SELECT count(*) FROM a.{table}").fetchone()
        out[table] = (int(total[0]) if total else 0, only("a", "b"), only("b", "a"))
    con.close()
    return out


def _assert_same(local: Path, other: Path) -> None:
    for table, (rows, only_local, only_other) in _differences(local, other).items():
        assert (only_local, only_other) == (0, 0), f"{table}: {only_local} row(s) only local, {only_other} only on Dask"
        assert rows or table == "ledger_facts", f"{table} is empty: the comparison shows nothing"


def test_the_batch_exercises_screening_and_clusters(local_db):
    with Store(local_db, read_only=True) as store:
        kinds = sorted(r["kind"] for r in store.rejects())
        assert kinds == ["duplicate", "duplicate", "error", "language"]
        assert any(c["num_articles"] >= 2 for c in store.clusters(2))


def test_a_local_cluster_stores_what_a_local_run_stores(batch, local_db, threaded_cluster, tmp_path):
    from bilateral.cluster import code_on_dask

    db = tmp_path / "dask.duckdb"
    seen = []
    with Store(db) as store:
        result = code_on_dask([batch], store, threaded_cluster, tmp_path / "parquet", partition_size=2,
                              on_progress=lambda p: seen.append(p.imported))
    assert result.failed == [] and result.redone == []
    assert result.progress.imported == 3 and seen == [1, 2, 3]
    _assert_same(local_db, db)


def test_coding_the_same_input_again_on_the_cluster_adds_nothing(batch, threaded_cluster, tmp_path):
    from bilateral.cluster import code_on_dask

    twice_locally = tmp_path / "local.duckdb"
    for _ in range(2):  # the second time, the exact copy is a copy of a stored document
        CliRunner().invoke(cli, ["code", str(batch), "--db", str(twice_locally), "-q"])
    db = tmp_path / "dask.duckdb"
    with Store(db) as store:
        code_on_dask([batch], store, threaded_cluster, tmp_path / "parquet", partition_size=3)
        code_on_dask([batch], store, threaded_cluster, tmp_path / "parquet", partition_size=3)
    _assert_same(twice_locally, db)


def test_the_parquet_partitions_import_into_another_store(batch, local_db, threaded_cluster, tmp_path):
    from bilateral.cluster import code_on_dask

    with Store(tmp_path / "dask.duckdb") as store:
        result = code_on_dask([batch], store, threaded_cluster, tmp_path / "parquet", partition_size=2)
    elsewhere = tmp_path / "elsewhere.duckdb"
    run = CliRunner().invoke(cli, ["store", "import", str(result.parquet_dir), "--db", str(elsewhere)])
    assert run.exit_code == 0, run.output
    assert "imported 3 partition(s)" in run.output
    differences = _differences(local_db, elsewhere)
    for table in COMPARED:  # the rejects too: the run wrote them beside the partitions
        assert differences[table][1:] == (0, 0), table


def test_the_command_runs_on_a_scheduler_address(batch, local_db, threaded_cluster, tmp_path):
    db = tmp_path / "cli.duckdb"
    run = CliRunner().invoke(cli, ["code", str(batch), "--db", str(db),
                                   "--scheduler", threaded_cluster.scheduler.address])
    assert run.exit_code == 1  # the broken line, as in the local run
    assert "dashboard:" in run.output and "rejected" in run.output
    assert "coded 5 document(s) in 1 partition(s) on the cluster" in run.output
    assert (tmp_path / "cli.duckdb.parquet" / "_partitions").is_dir()
    _assert_same(local_db, db)


def _dies_once(task):
    """Code and write the partition, then, the first time partition 1 is coded, kill the worker
    before it reports: its files are on disk, but Dask must give the partition to another worker."""
    from bilateral.cluster import code_partition

    manifest = code_partition(task)
    if task.number == 1 and manifest["attempt"] == 1:
        os._exit(1)
    return manifest


def test_a_worker_that_dies_mid_partition_loses_nothing(batch, local_db, tmp_path):
    import cloudpickle

    from bilateral.cluster import code_on_dask, connect

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # spawned workers cannot import tests/
    db = tmp_path / "dask.duckdb"
    with connect(local_workers=2, processes=True) as client, Store(db) as store:
        result = code_on_dask([batch], store, client, tmp_path / "parquet", partition_size=2,
                              partition_fn=_dies_once)
    assert result.failed == []
    assert result.redone == [f"{_run_id(tmp_path / 'parquet')}-p000001"]  # redone once, imported once
    _assert_same(local_db, db)


def _run_id(parquet: Path) -> str:
    [name] = {p.stem.rsplit("-p", 1)[0] for p in (parquet / "_partitions").glob("*.json")}
    return name


def test_without_dask_the_command_says_how_to_install_it(batch, tmp_path, monkeypatch):
    monkeypatch.setattr("bilateral.cluster.run.dask_available", lambda: False)
    run = CliRunner().invoke(cli, ["code", str(batch), "--db", str(tmp_path / "x.duckdb"), "--cluster", "local"])
    assert run.exit_code == 2
    assert "pip install 'bilateral[cluster]'" in run.output


def test_an_unreachable_scheduler_is_a_clear_error():
    from bilateral.cluster import connect
    from bilateral.errors import ClusterError

    with (pytest.raises(ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"),
          connect("tcp://127.0.0.1:9", timeout=1)):
        pass


def test_cluster_options_do_not_mix_with_jsonl(batch):
    run = CliRunner().invoke(cli, ["code", str(batch), "--cluster", "local", "--jsonl"])
    assert run.exit_code == 2 and "without --jsonl" in run.output
