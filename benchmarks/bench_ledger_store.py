"""What grouping reports into changes costs when documents are written to the store.

    .venv/bin/python benchmarks/bench_ledger_store.py [--copies 40] [--repeat 3]

Codes the ledger test corpus (tests/data/ledger_corpus.jsonl, 23 articles) once, then writes
`--copies` copies of it under new document ids (every copy reports on the same relationships, so
each series grows to `--copies` times its reports: the worst case for regrouping) into a fresh
store, with the changes regrouped on every write and with regrouping switched off. Rounds are
interleaved and the fastest of each kind is kept; compare the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from unittest import mock

from bilateral.model import CodedDocument, Document
from bilateral.pipeline import Coder
from bilateral.store import Store
from bilateral.store import ledger as store_ledger

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "ledger_corpus.jsonl"


def copies(coded: list[CodedDocument], n: int) -> list[CodedDocument]:
    out = []
    for i in range(n):
        for c in coded:
            doc_id = f"{c.document.id}-{i}"
            out.append(CodedDocument(replace(c.document, id=doc_id), c.sentences, c.events,
                                     [replace(f, doc_id=doc_id) for f in c.ledger]))
    return out


def timed_write(docs: list[CodedDocument], regroup: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        start = time.perf_counter()
        if regroup:
            for d in docs:
                store.write([d])
        else:
            with mock.patch.object(store_ledger, "refresh_changes", lambda *a, **k: None):
                for d in docs:
                    store.write([d])
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    coded = list(Coder().code(Document(id=r["id"], text=r["text"], pub_date=date.fromisoformat(r["pub_date"]),
                                       source=r["source"]) for r in records))
    docs = copies(coded, args.copies)
    facts = sum(len(d.ledger) for d in docs)
    best = {True: float("inf"), False: float("inf")}
    for _ in range(args.repeat):
        for regroup in (False, True):
            best[regroup] = min(best[regroup], timed_write(docs, regroup))
    print(f"{len(docs)} documents, {facts} ledger facts, one write per document")
    for regroup, label in ((False, "write without regrouping"), (True, "write with regrouping")):
        print(f"  {label:26} {best[regroup]:.2f} s  ({len(docs) / best[regroup]:.0f} documents/s)")
    print(f"  ratio with/without: {best[True] / best[False]:.2f}")


if __name__ == "__main__":
    main()
