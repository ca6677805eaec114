"""The example articles: the main lines an analyst codes from them are found."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.evaluation import Report, evaluate, load_gold, score_item
from bilateral.ingest import read_inputs

from .conftest import EXAMPLES, shared_path

pytestmark = pytest.mark.slow


def _coded(coder, path: Path):
    [doc] = [d for d in read_inputs([path]) if hasattr(d, "text")]
    return coder.code_one(doc)


def _has_event(coded, etype, a, b, reciprocal_ok=True):
    for e in coded.events:
        src, tgt = (e.source.code if e.source else None), (e.target.code if e.target else None)
        if e.type in etype and ((src, tgt) == (a, b) or (reciprocal_ok and e.reciprocal and (tgt, src) == (a, b))):
            return e
    return None


@pytest.mark.parametrize("name", ["china-belarus-2022.html", "china-belarus-2022.txt"])
def test_our_china_belarus_article(coder, name):
    path = EXAMPLES / name
    if name.endswith(".txt"):
        from datetime import date

        [doc] = list(read_inputs([path], date(2022, 9, 16)))
        coded = coder.code_one(doc)
    else:
        coded = _coded(coder, path)
    meeting = _has_event(coded, {"CONSULT"}, "CHN", "BLR")
    assert meeting is not None and meeting.date == "2022-09-15"
    assert _has_event(coded, {"SUPPORT", "AGREE"}, "CHN", "BLR")
    facts = {(f.kind, f.parties, f.label or f.status, f.date) for f in coded.ledger}
    assert ("partnership", ("BLR", "CHN"), "all-weather comprehensive strategic partnership", "2022-09-15") in facts
    assert ("partnership", ("CHN", "PAK"), "all-weather strategic cooperative partnership", "2015") in facts
    assert any(k == "membership" and p == ("BLR", "SCO") and s == "accession_started" for k, p, s, _ in facts)


def test_the_seed_article_main_lines(coder):
    expected = shared_path("examples", "seed-article.expected.json")
    [item] = load_gold(expected)
    coded = coder.code_one(item.document)
    report = Report("seed")
    score_item(item, coded, report)
    assert _has_event(coded, {"CONSULT"}, "CHN", "BLR").date == "2022-09-15"
    assert _has_event(coded, {"SUPPORT", "AGREE"}, "CHN", "BLR")
    assert _has_event(coded, {"SUPPORT", "AGREE"}, "SCO", "BLR", reciprocal_ok=False)
    military = [e for e in coded.events if e.type == "AGREE" and "military" in e.contexts]
    assert military, "the pledge of joint military training"
    assert report.ledger.fn == 0, report.misses
    assert report.events.fp <= 2, report.false_positives


def test_the_seed_article_as_text_and_html_give_the_same_ledger(coder):
    from datetime import date

    txt = shared_path("examples", "seed-article.txt")
    [doc] = list(read_inputs([txt], date(2022, 9, 16)))
    from_text = {(f.kind, f.parties, f.label or f.status, f.date) for f in coder.code_one(doc).ledger}
    from_html = {(f.kind, f.parties, f.label or f.status, f.date)
                 for f in _coded(coder, txt.with_suffix(".html")).ledger}
    assert from_text == from_html


def test_eval_scores_the_expected_file(coder):
    report = evaluate(shared_path("examples", "seed-article.expected.json"), coder)
    assert report.items == 1 and report.events.tp >= 6
