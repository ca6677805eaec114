"""Whole batches: killed mid-way, the store holds whole documents only and a re-run completes it;
event clusters count the reports of one event; stored copies are not coded again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from bilateral.ingest import read_inputs
from bilateral.store import Store

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow


def _paragraphs() -> list[str]:
    out = []
    for doc in read_inputs([EXAMPLES / "articles.jsonl"]):
        out += [p for p in doc.text.split("\n\n") if len(p.split()) > 15]  # type: ignore[union-attr]
    return out


def _batch(path, n):
    paragraphs = _paragraphs()
    pairs = list(combinations(range(len(paragraphs)), 2))[:n]
    with path.open("w", encoding="utf-8") as f:
        for k, (i, j) in enumerate(pairs):
            f.write(json.dumps({"id": f"doc-{k}", "pub_date": "2023-04-04",
                                "text": paragraphs[i] + "\n\n" + paragraphs[j]}) + "\n")
    return len(pairs)


def _code(batch, db, workers=1, **kw):
    return subprocess.Popen([sys.executable, "-m", "bilateral.cli", "code", str(batch), "--db", str(db), "--quiet",
                             "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def _processes_reading(path):
    """Processes whose command line names `path` (forked workers inherit their parent's)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(path).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("workers", [1, 2])
def test_a_killed_batch_leaves_whole_documents_and_a_rerun_completes_it(tmp_path, workers):
    batch = tmp_path / "batch.jsonl"
    n = _batch(batch, 300)
    db = tmp_path / "killed.duckdb"
    proc = _code(batch, db, workers)
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + 240
    # Wait until documents are being committed, then kill the process without warning.
    while time.monotonic() < deadline and proc.poll() is None and not (wal.exists() and wal.stat().st_size > 200_000):
        time.sleep(0.2)
    if proc.poll() is not None:
        pytest.skip("the batch finished before it could be killed on this machine")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while _processes_reading(batch) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_reading(batch), "worker processes outlived their killed parent"
    with Store(db) as store:
        partial = store.counts()["documents"]
        orphans = store.con.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM sentences s WHERE s.doc_id = d.doc_id)").fetchone()[0]
        stray = store.con.execute(
            "SELECT count(*) FROM events e WHERE NOT EXISTS "
            "(SELECT 1 FROM documents d WHERE d.doc_id = e.doc_id)").fetchone()[0]
    assert 0 < partial < n and orphans == 0 and stray == 0
    rerun = _code(batch, db)
    assert rerun.wait(timeout=600) == 0, rerun.stderr.read().decode()  # type: ignore[union-attr]
    with Store(db, read_only=True) as store:
        counts = store.counts()
        dup = store.con.execute("SELECT count(*) - count(DISTINCT event_id) FROM events").fetchone()[0]
    # what one uninterrupted run keeps: all documents but those screened out as near duplicates
    expected = sum(1 for d in read_inputs([batch], screen=True) if hasattr(d, "text"))
    assert counts["documents"] == expected and dup == 0


def test_clusters_count_reports_sources_and_articles(coder, tmp_path):
    from bilateral.model import Document

    text = "Poland expelled 45 Russian diplomats on Wednesday on suspicion of espionage."
    docs = [Document(id="a", text=text, pub_date=date(2022, 3, 24), source="Wire A"),
            Document(id="b", text="Warsaw expelled 45 Russian diplomats on Wednesday, the ministry said.",
                     pub_date=date(2022, 3, 24), source="Wire B"),
            Document(id="c", text="Poland expelled Russian diplomats on Wednesday.", pub_date=date(2022, 3, 24),
                     source="Wire A")]
    with Store(tmp_path / "c.duckdb") as store:
        store.write(coder.code(docs))
        [cluster] = store.clusters(min_articles=2)
        assert (cluster["event_type"], cluster["source_code"], cluster["target_code"]) == ("SANCTION", "POL", "RUS")
        assert (cluster["num_mentions"], cluster["num_sources"], cluster["num_articles"]) == (3, 2, 3)
        assert len(cluster["event_ids"]) == 3


def test_a_stored_document_sent_again_under_another_id_is_not_coded(tmp_path):
    from click.testing import CliRunner

    from bilateral.cli.main import cli

    db = tmp_path / "d.duckdb"
    text = "Poland expelled 45 Russian diplomats on Wednesday on suspicion of espionage, officials said."
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first.write_text(json.dumps({"id": "one", "text": text}) + "\n", encoding="utf-8")
    second.write_text(json.dumps({"id": "two", "text": text}) + "\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["code", str(first), "--db", str(db)]).exit_code == 0
    result = runner.invoke(cli, ["code", str(second), "--db", str(db)])
    assert result.exit_code == 0 and "duplicate of stored document 'one'" in result.stderr, result.stderr
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 1
        assert store.rejects("duplicate")[0]["location"].endswith("two.jsonl:1")


def test_two_workers_give_the_same_output_in_the_same_order(coder):
    from bilateral.model import Document

    docs = [d for d in read_inputs([EXAMPLES / "articles.jsonl"]) if isinstance(d, Document)]
    one = [c.to_json() for c in coder.code(docs)]
    two = [c.to_json() for c in coder.code(docs, n_process=2)]
    assert one == two and any(o["events"] for o in one)
