"""The learned fallback (bilateral.learned): the numpy predictor against scikit-learn's decisions,
the fallback's place behind the rules, its threshold, how its events are marked, and the
training script."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from bilateral.errors import DataFileError
from bilateral.learned import LearnedFallback, TypeClassifier, sentence_features
from bilateral.learned.classifier import shipped_classifier
from bilateral.model import Document

ROOT = Path(__file__).resolve().parent.parent
DECISIONS = ROOT / "tests" / "data" / "learned_decisions.jsonl"
needs_sklearn = pytest.mark.skipif(importlib.util.find_spec("sklearn") is None,
                                   reason="scikit-learn (the `train` extra) is not installed")

# The rules code SANCTION POL->RUS here; the second sentence names two actors and no act they know.
RULES_CODE = "Poland expelled 45 Russian diplomats on Wednesday on suspicion of espionage."
RULES_SILENT = "Kazakh farmers harvested wheat as Moscow watched Astana."


def _train_script():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_fallback
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return train_fallback


def always(ptype: str, probability: float, threshold: float, all_acts_threshold: float | None = None) -> TypeClassifier:
    """A real classifier of two classes whose answer for any sentence is `ptype` with
    `probability` (its one feature is the space every word is padded with, present in all)."""
    logit = float(np.log(probability / (1 - probability)))
    return TypeClassifier(["c: "], np.ones(1), np.zeros((1, 2), dtype=np.float32),
                          np.array([logit, 0.0]), [ptype, "NONE"], threshold, all_acts_threshold)


@contextmanager
def fallback(coder, classifier: TypeClassifier) -> Iterator[None]:
    events = coder.nlp.get_pipe("bilateral_events")
    before = events.coder.fallback
    events.use_fallback(LearnedFallback(classifier))
    try:
        yield
    finally:
        events.use_fallback(before)


def _code(coder, text: str, all_acts: bool = False):
    doc = Document(id="t", text=text, pub_date=date(2024, 5, 2))
    if all_acts:
        with coder.all_acts():
            return coder.code_one(doc).events
    return coder.code_one(doc).events


def test_features_are_word_and_character_ngrams():
    features = sentence_features("Iran fired 12 missiles")
    assert "w:iran" in features and "w:fired 00" in features and "w:00 missiles" in features
    assert "c: ir" in features and "c:ran " in features and "c: iran" in features


def test_numpy_predictor_gives_sklearns_decisions_on_saved_sentences():
    # Written by scripts/train_fallback.py with the shipped model, from scikit-learn's predict_proba.
    classifier = shipped_classifier()
    rows = [json.loads(line) for line in DECISIONS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 50
    for row in rows:
        decision = classifier.decide(row["text"])
        assert (decision.type, round(decision.probability, 4)) == (row["type"], round(row["probability"], 4)), row


@needs_sklearn
def test_numpy_predictor_matches_sklearn_on_unseen_sentences():
    train = _train_script()
    items = train.read_sentences(ROOT / "training" / "sentences.tsv")
    learn, unseen = items[::2], items[1::2]
    vectorizer, model = train.fit(learn)
    classifier = train.export(vectorizer, model, 0.5)
    expected = model.predict_proba(vectorizer.transform([i.text for i in unseen]))
    ours = np.array([classifier.probabilities(i.text) for i in unseen])
    assert ours.shape == expected.shape
    assert (ours.argmax(axis=1) == expected.argmax(axis=1)).all()
    assert np.abs(ours - expected).max() < 1e-4


def test_shipped_model_is_small_and_has_every_type():
    path = ROOT / "src" / "bilateral" / "data" / "learned" / "fallback_model.npz"
    assert path.stat().st_size < 4_000_000
    classifier = shipped_classifier()
    assert len(classifier.classes) == 17 and "NONE" in classifier.classes
    assert 0.0 < classifier.all_acts_threshold <= classifier.threshold <= 1.0


def test_a_damaged_model_file_is_named_in_the_error(tmp_path):
    bad = tmp_path / "model.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(DataFileError, match="model.npz"):
        TypeClassifier.load(bad)
    np.savez(bad, features=np.array(["w:a"]))
    with pytest.raises(DataFileError, match="no idf"):
        TypeClassifier.load(bad)


@pytest.mark.slow
def test_fallback_never_fires_where_the_rules_code(coder):
    with fallback(coder, always("ASSAULT", 0.99, 0.5)):
        events = _code(coder, RULES_CODE) + _code(coder, RULES_CODE, all_acts=True)
    assert events and all(e.method == "rules" and e.probability is None for e in events)
    assert {e.type for e in events} == {"SANCTION"}


@pytest.mark.slow
def test_fallback_codes_a_sentence_the_rules_leave_with_actors_from_the_parse(coder):
    with fallback(coder, always("NONE", 0.99, 0.5)):
        assert _code(coder, RULES_SILENT, all_acts=True) == []  # the rules alone code nothing here
    with fallback(coder, always("MOBILIZE", 0.9, 0.5)):
        events = _code(coder, RULES_SILENT)
    assert [(e.type, e.method, e.probability) for e in events] == [("MOBILIZE", "learned", 0.9)]
    assert (events[0].source.code, events[0].target.code) == ("KAZ", "RUS")  # the subject; the other actor
    assert events[0].trigger == "harvested" and events[0].cameo == "150"


@pytest.mark.slow
def test_threshold_holds(coder):
    with fallback(coder, always("MOBILIZE", 0.6, 0.7)):
        assert _code(coder, RULES_SILENT) == []
        assert _code(coder, RULES_SILENT, all_acts=True) == []
    with fallback(coder, always("MOBILIZE", 0.75, 0.7)):
        assert [e.probability for e in _code(coder, RULES_SILENT)] == [0.75]
    with fallback(coder, always("NONE", 0.99, 0.1)):
        assert _code(coder, RULES_SILENT, all_acts=True) == []
    with fallback(coder, always("MOBILIZE", 0.75, 0.9, all_acts_threshold=0.5)):  # one threshold a mode
        assert _code(coder, RULES_SILENT) == []
        assert [e.probability for e in _code(coder, RULES_SILENT, all_acts=True)] == [0.75]


@pytest.mark.slow
def test_learned_types_follow_the_modality_rules(coder):
    # Promised cooperation is AGREE (ANNOTATION.md); a negated act is no event.
    with fallback(coder, always("COOPERATE", 0.9, 0.5)):
        [event] = _code(coder, "Kazakh farmers will harvest wheat as Moscow watches Astana.")
        assert (event.type, event.promised_type, event.modality, event.cameo) == ("AGREE", "COOPERATE", "future", "031")
        assert _code(coder, "Kazakh farmers did not harvest wheat as Moscow watched Astana.") == []


@pytest.mark.slow
def test_no_actor_means_no_learned_event(coder):
    with fallback(coder, always("ASSAULT", 0.99, 0.5)):
        assert _code(coder, "The weather was fine and the harvest was large.", all_acts=True) == []


@pytest.mark.slow
def test_commentary_the_rules_skip_is_not_typed_by_the_fallback(coder):
    # What analysts or experts say is no act, whether a cue or the speaker's sector says so.
    with fallback(coder, always("MOBILIZE", 0.99, 0.5)):
        assert _code(coder, "Indian defence analysts say Pakistan has moved fighter jets to its eastern air bases.") == []
        assert _code(coder, "Pakistan has moved fighter jets to its eastern air bases, according to analysts.") == []
        assert _code(coder, "Pakistan has moved fighter jets to its eastern air bases, Indian officials say.") != []


@pytest.mark.slow
def test_json_and_store_mark_learned_events(coder, store):
    with fallback(coder, always("MOBILIZE", 0.9, 0.5)):
        coded = coder.code_one(Document(id="doc", text=f"{RULES_CODE} {RULES_SILENT}", pub_date=date(2024, 5, 2)))
    records = [e.to_json() for e in coded.events]
    assert [(r["event_type"], r["method"], r["probability"]) for r in records] == [
        ("SANCTION", "rules", None), ("MOBILIZE", "learned", 0.9)]
    store.write([coded])
    stored = sorted((r["event_type"], r["method"], r["probability"]) for r in store.events())
    assert stored == [("MOBILIZE", "learned", 0.9), ("SANCTION", "rules", None)]


@pytest.mark.slow
def test_a_pipeline_without_the_fallback_codes_with_the_rules_alone():
    from bilateral.pipeline import build_pipeline

    nlp = build_pipeline(learned=False)
    events = nlp.get_pipe("bilateral_events")
    assert events.learned is False and events.coder.fallback is None and events.all_acts_coder.fallback is None


@needs_sklearn
def test_training_script_runs_end_to_end_on_a_tiny_set(tmp_path):
    train = _train_script()
    lines = [line for line in (ROOT / "training" / "sentences.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    sentences = tmp_path / "sentences.tsv"
    sentences.write_text("# tiny\n" + "\n".join(lines[::8]) + "\n", encoding="utf-8")
    plover = tmp_path / "plover.jsonl"
    plover.write_text(json.dumps({"text": "Iran accused Iraq of shelling its border posts.", "event_type": "ACCUSE"})
                      + "\n", encoding="utf-8")
    dev = tmp_path / "dev.jsonl"
    dev.write_text(json.dumps({"text": "Analysts said the talks were useful.", "events": []}) + "\n",
                   encoding="utf-8")
    out, examples = tmp_path / "model.npz", tmp_path / "decisions.jsonl"
    assert train.main(["--sentences", str(sentences), "--plover", str(plover), "--dev", str(dev),
                       "--out", str(out), "--examples", str(examples), "--threshold", "0.4"]) == 0
    model = TypeClassifier.load(out)
    assert model.threshold == model.all_acts_threshold == pytest.approx(0.4) and "NONE" in model.classes
    for row in map(json.loads, examples.read_text(encoding="utf-8").splitlines()):
        decision = model.decide(row["text"])
        assert decision.type == row["type"] and decision.probability == pytest.approx(row["probability"], abs=1e-4)


@pytest.mark.slow
def test_cli_no_learned_codes_with_the_rules_alone(tmp_path):
    from click.testing import CliRunner

    from bilateral.cli.main import cli

    text = tmp_path / "two.txt"
    text.write_text(f"{RULES_CODE}\n{RULES_SILENT}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", str(text), "--jsonl", "-q", "--date", "2024-05-02", "--no-learned"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.output.splitlines()[0])["events"]
    assert [(e["event_type"], e["method"], e["probability"]) for e in events] == [("SANCTION", "rules", None)]
