"""bilateral.code_into: the whole job (read, screen, code, store, rejects) as one library call."""

from __future__ import annotations

import json
from datetime import date

import pytest

import bilateral
from bilateral.coding import CodingRun, code_inputs, code_into

GOOD = "Poland expelled 45 Russian diplomats on Wednesday on suspicion of espionage."
OTHER = "China and Belarus agreed on Thursday to upgrade their ties into a comprehensive strategic partnership."
GERMAN = ("Die Bundesregierung hat am Mittwoch beschlossen, die Zusammenarbeit mit den Nachbarländern "
          "weiter auszubauen, teilte ein Sprecher in Berlin mit.")


@pytest.fixture()
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "poland.txt").write_text(GOOD, encoding="utf-8")
    lines = [json.dumps({"id": "cb", "text": OTHER, "pub_date": "2022-09-16"}), "{not json",
             json.dumps({"id": "de", "text": GERMAN})]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_code_into_stores_documents_and_records_rejects(coder, store, inputs):
    seen = []
    run = code_into(store, [inputs], pub_date=date(2022, 3, 24), coder=coder, on_coded=seen.append)
    assert run.documents == 2 == len(seen)
    assert run.events >= 2 and run.facts >= 1
    assert [r.kind for r in run.errors] == ["error"] and "batch.jsonl:2" in run.errors[0].location
    assert [r.kind for r in run.skipped] == ["language"]
    counts = store.counts()
    assert counts["documents"] == 2 and counts["events"] == run.events
    stored = {r["location"]: r["kind"] for r in store.rejects()}
    assert sorted(stored.values()) == ["error", "language"]


def test_code_into_twice_adds_nothing_twice(coder, store, inputs):
    code_into(store, [inputs], pub_date=date(2022, 3, 24), coder=coder)
    before = store.counts()
    again = code_into(store, [inputs], pub_date=date(2022, 3, 24), coder=coder)
    assert store.counts() == before
    assert again.documents == 2  # coded again under the same ids: replaced, not added
    assert len(store.rejects()) == 2


def test_code_inputs_yields_the_same_documents_without_a_store(coder, inputs):
    run = CodingRun()
    reported = []
    coded = list(code_inputs([inputs], pub_date=date(2022, 3, 24), coder=coder, run=run,
                             on_reject=reported.append))
    assert sorted(c.document.id for c in coded) == ["cb", "poland"]
    assert reported == run.rejects and len(reported) == 2


def test_code_into_is_exported():
    assert bilateral.code_into is code_into


def test_a_run_keeps_the_heap_frozen_while_it_codes_and_thaws_it_after(coder):
    import gc

    from bilateral.model import Document

    docs = [Document(id=f"d{i}", text=GOOD, pub_date=date(2022, 3, 24)) for i in range(2)]
    frozen_before = gc.get_freeze_count()
    gc.unfreeze()  # another test may have loaded a cluster worker's coder here, which freezes for good
    try:
        running = coder.code(docs)
        next(running)
        assert gc.get_freeze_count() > 0
        list(running)
        assert gc.get_freeze_count() == 0  # all collectable again
        gc.freeze()  # a caller's own freeze is left as it is
        held = gc.get_freeze_count()
        list(coder.code(docs))
        # not thawed (frozen objects freed meanwhile leave the count, so it may drop by a few)
        assert held * 0.99 < gc.get_freeze_count() <= held
    finally:
        gc.unfreeze()
        if frozen_before:
            gc.freeze()
