"""bilateral's spaCy components: configs, initialize, to_disk/from_disk, state on the Doc, and the
on-disk cache of compiled data."""

from __future__ import annotations

import json
import multiprocessing
import pickle
from datetime import date

import pytest
import spacy

from bilateral.model import Document
from bilateral.nlp import compiled
from bilateral.nlp.tree import TREE_KEY, children
from bilateral.pipeline import COMPONENTS, Coder

TEXTS = [
    "China and Belarus agreed on Thursday to upgrade their bilateral ties into a comprehensive all-weather "
    "strategic partnership.",
    "Poland expelled 45 Russian diplomats on Wednesday on suspicion of espionage. Russia said it would respond.",
    "Egypt and Turkey restored full diplomatic relations and appointed ambassadors to each other.",
    "The minister said the talks in Geneva were useful, but no date was set for the next round.",
]


def _documents() -> list[Document]:
    return [Document(id=f"t{i}", text=text, pub_date=date(2022, 9, 16)) for i, text in enumerate(TEXTS)]


def _dump(coder: Coder) -> list[str]:
    return [json.dumps(c.to_json(), sort_keys=True) for c in coder.code(_documents())]


def test_each_component_names_its_data_in_its_config(coder):
    config = coder.nlp.config["components"]
    assert list(COMPONENTS) == [n for n in coder.nlp.pipe_names if n.startswith("bilateral_") and n in COMPONENTS]
    assert config["bilateral_actors"]["actor_files"] == []
    assert "data_dir" in config["bilateral_actors"]
    assert {"predicates", "nominals", "contexts", "actors"} <= set(config["bilateral_events"])
    assert {"cues", "actors"} <= set(config["bilateral_ledger"])


def test_a_component_used_before_initialize_says_so():
    from bilateral.nlp import load_base_model
    from bilateral.nlp.components import NotInitializedError

    nlp = load_base_model()
    nlp.add_pipe("bilateral_actors")
    with pytest.raises(NotInitializedError, match="initialize"):
        nlp("China met Belarus.")


@pytest.mark.slow
def test_a_saved_pipeline_loads_back_with_identical_output(coder, tmp_path):
    expected = _dump(coder)
    coder.nlp.to_disk(tmp_path / "pipeline")
    loaded = Coder(nlp=spacy.load(tmp_path / "pipeline"))
    assert loaded.nlp.pipe_names == coder.nlp.pipe_names
    assert _dump(loaded) == expected
    assert any(json.loads(line)["events"] for line in expected)


def test_all_acts_is_a_property_of_the_document_not_of_a_shared_coder(coder):
    # Interleaved: one document in all-acts mode between two dyadic ones gives each its own mode.
    doc = Document(id="x", text="Belarus expressed concern.", pub_date=date(2022, 3, 24))
    dyadic = coder.code_one(doc)
    with coder.all_acts():
        acts = coder.code_one(doc)
    again = coder.code_one(doc)
    assert dyadic.to_json() == again.to_json()
    assert len(acts.events) > len(dyadic.events)


def test_tree_tables_live_on_the_doc_and_are_dropped_after_the_pipeline(coder):
    one, two = coder.nlp("China met Belarus."), coder.nlp("Poland expelled Russian diplomats.")
    # Nothing of ours is left on a coded Doc: the tables and the sentence contexts are dropped.
    assert not [k for doc in (one, two) for k in doc.user_data if isinstance(k, str)]
    # Asked for alternately, each Doc keeps its own tables (no single shared slot).
    assert [t.text for t in children(one[1])] == [t.text for t in one[1].children]
    assert [t.text for t in children(two[1])] == [t.text for t in two[1].children]
    assert one.user_data[TREE_KEY].doc is one and two.user_data[TREE_KEY].doc is two
    assert TREE_KEY in one.user_data


def test_cache_entry_is_reused_and_rebuilt_when_a_data_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv(compiled.CACHE_ENV, str(tmp_path / "cache"))
    data = tmp_path / "words.txt"
    data.write_text("alpha\n")
    builds = []

    def build() -> list[str]:
        builds.append(1)
        return data.read_text().split()

    assert compiled.load_or_build("words", [data], build) == ["alpha"]
    assert compiled.load_or_build("words", [data], build) == ["alpha"]
    assert len(builds) == 1
    data.write_text("alpha\nbeta\n")
    assert compiled.load_or_build("words", [data], build) == ["alpha", "beta"]
    assert len(builds) == 2
    assert not list((tmp_path / "cache").glob(".build-*")), "no temporary file left behind"


def test_a_damaged_cache_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv(compiled.CACHE_ENV, str(tmp_path))
    data = tmp_path / "d.txt"
    data.write_text("x")
    entry = tmp_path / f"k-{compiled.fingerprint('k', [data])}.pickle"
    entry.write_bytes(b"not a pickle")
    assert compiled.load_or_build("k", [data], lambda: 42) == 42
    assert pickle.loads(entry.read_bytes()) == 42


def test_the_cache_can_be_turned_off_and_survives_an_unwritable_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(compiled.CACHE_ENV, "off")
    assert compiled.cache_dir() is None
    assert compiled.load_or_build("k", [], lambda: 1) == 1
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(compiled.CACHE_ENV, str(blocker / "sub"))  # a folder under a file: cannot exist
    assert compiled.load_or_build("k", [], lambda: 2) == 2


def _build_in_process(folder: str, data: str, queue: multiprocessing.Queue) -> None:
    import os
    from pathlib import Path

    os.environ[compiled.CACHE_ENV] = folder
    queue.put(compiled.load_or_build("big", [Path(data)], lambda: list(range(200_000))))


def test_two_processes_building_the_same_entry_both_get_it_whole(tmp_path):
    data = tmp_path / "d.txt"
    data.write_text("x")
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=_build_in_process, args=(str(tmp_path / "c"), str(data), queue))
               for _ in range(2)]
    for w in workers:
        w.start()
    results = [queue.get(timeout=60) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    assert all(r == list(range(200_000)) for r in results)
    entries = list((tmp_path / "c").iterdir())
    assert len(entries) == 1 and pickle.loads(entries[0].read_bytes()) == list(range(200_000))
