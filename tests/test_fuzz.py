"""Fuzzing whole batches: good documents in every input format mixed with random malformed files,
lines, encodings and sizes (tests/fuzzgen.py), coded into one store by `bilateral code`.

Each batch must end with exit status 0 or 1 and no traceback; every good document's events must be
stored exactly once (the events it gets when coded alone); every bad input must be in `rejects`
with a reason; coding the batch again must add nothing.

A small fixed-seed run is part of the tests. A long run is one command:

    BILATERAL_FUZZ_BATCHES=200 BILATERAL_FUZZ_SEED=1 .venv/bin/python -m pytest tests/test_fuzz.py -s

and prints what it tried and what it found.
"""

from __future__ import annotations

import os
import random
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilateral.cli.main import cli
from bilateral.ingest import read_inputs, readers, streams
from bilateral.model import Document
from bilateral.store import Store

from .fuzzgen import Batch, make_batch

pytestmark = pytest.mark.slow  # it loads the spaCy model

SEED = int(os.environ.get("BILATERAL_FUZZ_SEED", "17"))
BATCHES = int(os.environ.get("BILATERAL_FUZZ_BATCHES", "3"))
LIMIT = 64 * 1024  # the one-document limit in force here, so that oversize inputs stay small


@pytest.fixture()
def small_limit(monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", LIMIT)
    monkeypatch.setattr(streams, "MAX_BYTES", LIMIT)


def test_random_batches_of_good_and_bad_inputs(coder, tmp_path, monkeypatch, small_limit):
    import bilateral.pipeline

    monkeypatch.setattr(bilateral.pipeline, "Coder", lambda actor_files=(), learned=True: coder)
    tried: Counter[str] = Counter()
    failures: list[str] = []
    goods = 0
    for n in range(BATCHES):
        rng = random.Random(SEED * 100_003 + n)
        batch = make_batch(rng, tmp_path / f"batch{n}", LIMIT, n_good=rng.randint(2, 6), n_bad=rng.randint(4, 14))
        tried.update(kind for kind, _ in batch.bad)
        tried["mutant"] += len(batch.mutants)
        goods += len(batch.good)
        workers = 2 if n % 3 == 1 else 1
        failures += [f"seed {SEED} batch {n}: {f}" for f in _check_batch(coder, batch, tmp_path / f"b{n}.duckdb",
                                                                           workers)]
    print(f"\nfuzz: seed {SEED}, {BATCHES} batch(es), {goods} good document(s), {sum(tried.values())} bad "
          f"input(s): " + ", ".join(f"{k} {v}" for k, v in sorted(tried.items())))
    print(f"fuzz: {len(failures)} failure(s)" + "".join(f"\n  {f}" for f in failures))
    assert not failures, "\n".join(failures)


def _check_batch(coder, batch: Batch, db: Path, workers: int) -> list[str]:
    failures = []
    expected = _alone(coder, batch)
    for attempt in ("first run", "second run"):
        result = CliRunner().invoke(cli, ["code", *map(str, batch.inputs), "--db", str(db), "--quiet",
                                          "--workers", str(workers)])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            return [f"{attempt}: {type(result.exception).__name__}: {result.exception}"]
        if result.exit_code not in (0, 1) or any(w in result.output + result.stderr for w in ("Traceback", "Aborted")):
            return [f"{attempt}: exit status {result.exit_code}: {result.stderr[-2000:]}"]
        with Store(db, read_only=True) as store:
            stored = Counter(r[0] for r in store.con.execute("SELECT event_id FROM events").fetchall())
            docs = Counter(r[0] for r in store.con.execute("SELECT doc_id FROM documents").fetchall())
            by_doc = {}
            for doc_id, event_id in store.con.execute("SELECT doc_id, event_id FROM events").fetchall():
                by_doc.setdefault(doc_id, Counter())[event_id] += 1
            rejects = store.rejects()
            origins = [r[0] for r in store.con.execute("SELECT origin FROM documents").fetchall() if r[0]]
        failures += [f"{attempt}: event {e} stored {k} times" for e, k in stored.items() if k > 1]
        for doc_id, events in expected.items():
            if docs[doc_id] != 1:
                failures.append(f"{attempt}: good document {doc_id} ({batch.good[doc_id]}) stored {docs[doc_id]} times")
            elif by_doc.get(doc_id, Counter()) != events:
                failures.append(f"{attempt}: good document {doc_id}: events {dict(by_doc.get(doc_id, {}))}, "
                                f"coded alone {dict(events)}")
        for kind, location in batch.bad:
            if not any(_at(r["location"], location) and r["reason"].strip() for r in rejects):
                failures.append(f"{attempt}: bad input ({kind}) {location} is not in rejects")
        for location in batch.mutants:
            if not any(_at(r["location"], location) for r in rejects) and not any(_at(o, location) for o in origins):
                failures.append(f"{attempt}: mutated input {location} is neither coded nor rejected")
    return failures


def _at(reported: str, expected: str) -> bool:
    return reported == expected or (reported.startswith(expected) and reported[len(expected)] in ":# ")


def _alone(coder, batch: Batch) -> dict[str, Counter[str]]:
    """The events of each good document when its file is read and coded without the rest."""
    out: dict[str, Counter[str]] = {}
    for doc_id, path in batch.good.items():
        [document] = [d for d in read_inputs([path]) if isinstance(d, Document) and d.id == doc_id][:1]
        out[doc_id] = Counter(e.id for e in coder.code_one(document).events)
    return out
