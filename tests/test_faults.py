"""Fault injection: the store's disk fills up or turns read-only mid-batch, and `bilateral code` is
killed (SIGKILL) at random points over several runs. Each time the store holds whole documents
only, and a re-run ends with exactly the rows of one clean run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from itertools import combinations
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from bilateral.cli.main import cli
from bilateral.store import Store

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow  # they load the spaCy model


def _batch(path: Path, n: int) -> Path:
    paragraphs = []
    for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        paragraphs += [p for p in json.loads(line)["text"].split("\n\n") if len(p.split()) > 15]
    with path.open("w", encoding="utf-8") as f:
        for k, (i, j) in enumerate(list(combinations(range(len(paragraphs)), 2))[:n]):
            f.write(json.dumps({"id": f"doc-{k}", "pub_date": "2023-04-04",
                                "text": paragraphs[i] + "\n\n" + paragraphs[j]}) + "\n")
    return path


def _rows(db: Path) -> dict[str, list[tuple]]:
    with Store(db, read_only=True) as store:
        con = store.con
        return {
            "documents": con.execute("SELECT doc_id, content_hash FROM documents ORDER BY 1").fetchall(),
            "sentences": con.execute("SELECT doc_id, sentence_index, start_char, end_char FROM sentences "
                                     "ORDER BY 1, 2").fetchall(),
            "events": con.execute("SELECT event_id, doc_id FROM events ORDER BY 1, 2").fetchall(),
            "ledger": con.execute("SELECT fact_id, doc_id FROM ledger_facts ORDER BY 1, 2").fetchall(),
        }


def _whole_documents_only(db: Path) -> None:
    with duckdb.connect(str(db)) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if not {"documents", "sentences", "events"} <= tables:
            return  # killed before the schema was created: nothing written yet
        orphans = con.execute(
            "SELECT (SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s "
            "WHERE s.doc_id = d.doc_id)) + (SELECT count(*) FROM events e WHERE NOT EXISTS "
            "(SELECT 1 FROM documents d WHERE d.doc_id = e.doc_id))").fetchone()[0]
    assert orphans == 0


@pytest.fixture()
def shared_coder(coder, monkeypatch):
    import bilateral.pipeline

    monkeypatch.setattr(bilateral.pipeline, "Coder", lambda actor_files=(), learned=True: coder)


@pytest.mark.parametrize("error", ["IO Error: No space left on device",
                                   "IO Error: Cannot open file: Read-only file system"])
def test_a_store_that_fails_mid_batch_stops_cleanly_and_a_rerun_completes_it(tmp_path, monkeypatch, shared_coder,
                                                                              error):
    batch = _batch(tmp_path / "batch.jsonl", 24)
    clean = tmp_path / "clean.duckdb"
    assert CliRunner().invoke(cli, ["code", str(batch), "--db", str(clean), "--quiet"]).exit_code == 0
    db = tmp_path / "faulty.duckdb"
    original = Store._insert
    writes = {"n": 0}

    def failing_insert(self, table, columns, rows):
        if table == "documents":
            writes["n"] += 1
            if writes["n"] > 3:  # the fourth transaction of 3 documents
                raise duckdb.IOException(error)
        return original(self, table, columns, rows)

    monkeypatch.setattr("bilateral.store._DOCS_PER_WRITE", 3)
    monkeypatch.setattr(Store, "_insert", failing_insert)
    result = CliRunner().invoke(cli, ["code", str(batch), "--db", str(db), "--quiet"])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.exception
    assert "writing to" in result.stderr and error in result.stderr and "Traceback" not in result.stderr
    monkeypatch.setattr(Store, "_insert", original)
    _whole_documents_only(db)
    assert len(_rows(db)["documents"]) == 9
    assert CliRunner().invoke(cli, ["code", str(batch), "--db", str(db), "--quiet"]).exit_code == 0
    assert _rows(db) == _rows(clean)


def _code(batch: Path, db: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bilateral.cli", "code", str(batch), "--db", str(db), "--quiet",
                             "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_sigkill_at_random_points_over_many_runs_then_a_rerun_gives_the_clean_rows(tmp_path, workers):
    rng = random.Random(1700 + workers)
    batch = _batch(tmp_path / "batch.jsonl", 120)
    clean = tmp_path / "clean.duckdb"
    started = time.monotonic()
    run = _code(batch, clean, workers)
    assert run.wait(timeout=600) == 0, run.stderr.read().decode()  # type: ignore[union-attr]
    duration = time.monotonic() - started
    expected = _rows(clean)
    db = tmp_path / "killed.duckdb"
    kills = 0
    for _ in range(int(os.environ.get("BILATERAL_KILL_RUNS", "4"))):
        run = _code(batch, db, workers)
        time.sleep(rng.uniform(0.1, 1.0) * duration)
        if run.poll() is None:
            os.kill(run.pid, signal.SIGKILL)
            kills += 1
        run.wait(timeout=600)
        if db.exists():
            _whole_documents_only(db)
    assert kills >= 2, "the runs ended before they could be killed"
    final = _code(batch, db, workers)
    assert final.wait(timeout=600) == 0, final.stderr.read().decode()  # type: ignore[union-attr]
    assert _rows(db) == expected


@pytest.fixture()
def small_disk(tmp_path):
    """A 1 MB tmpfs (root only; skipped where mounting is not allowed), unmounted afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield disk
    finally:
        for _ in range(5):  # until /proc/mounts no longer lists it
            subprocess.run(["umount", "-l", str(disk)], check=False, capture_output=True)
            if str(disk) not in Path("/proc/mounts").read_text():
                break
            time.sleep(0.2)


def _remount(disk: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(disk)], check=True)


@pytest.mark.slow
def test_a_real_disk_that_fills_up_or_turns_read_only_mid_batch(tmp_path, small_disk):
    batch = _batch(tmp_path / "batch.jsonl", 300)
    clean = tmp_path / "clean.duckdb"
    assert _code(batch, clean, 1).wait(timeout=600) == 0
    # A disk with room for about a quarter of the clean database (the WAL needs room too, and
    # half of it was found to be enough): the batch fills it up part-way through.
    _remount(small_disk, f"size={max(256, clean.stat().st_size // 4096)}k")
    db = small_disk / "x.duckdb"
    full = _code(batch, db, 1)
    assert full.wait(timeout=600) == 2
    message = full.stderr.read().decode()  # type: ignore[union-attr]
    assert "No space left on device" in message and "run the same command again" in message
    assert "Traceback" not in message
    _remount(small_disk, "size=64m")
    _whole_documents_only(db)
    partial = len(_rows(db)["documents"])
    assert 0 < partial < len(_rows(clean)["documents"])
    _remount(small_disk, "ro")
    read_only = _code(batch, db, 1)
    assert read_only.wait(timeout=600) == 2
    message = read_only.stderr.read().decode()  # type: ignore[union-attr]
    assert "Read-only file system" in message and "Traceback" not in message, message
    _remount(small_disk, "rw")
    assert _code(batch, db, 1).wait(timeout=600) == 0
    assert _rows(db) == _rows(clean)
