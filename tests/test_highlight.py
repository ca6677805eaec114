"""Cutting text at coded spans, and page numbers: the pieces the pages are built from."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bilateral.web.highlight import Span, event_spans, find_words, segments
from bilateral.web.views import paging


def test_overlapping_spans_mark_every_segment_they_cover():
    text = "China and Belarus raised their ties"
    cut = segments(text, [Span(0, 17, "ledger"), Span(10, 17, "target"), Span(18, 24, "trigger"),
                          Span(30, 99, "source"), Span(5, 5, "source")])
    assert [(s.text, s.kinds) for s in cut] == [
        ("China and ", ["ledger"]), ("Belarus", ["ledger", "target"]), (" ", []), ("raised", ["trigger"]),
        (" their ties", [])]


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(-5, 50), st.integers(-5, 50)), max_size=6))
def test_segments_always_give_back_the_whole_text(text, edges):
    cut = segments(text, [Span(a, b, "trigger") for a, b in edges])
    assert "".join(s.text for s in cut) == text
    assert all(s.text for s in cut)


def test_event_spans_use_the_trigger_offsets_and_find_the_actors_words():
    sentence = "Xi met Lukashenko in Samarkand."
    event = {"event_type": "CONSULT", "source_code": "CHN", "target_code": "BLR", "source_text": "Xi",
             "target_text": "lukashenko", "trigger_start": 103, "trigger_end": 106}
    spans = event_spans(event, 100, sentence)
    assert {(s.kind, sentence[s.start:s.end]) for s in spans} == {
        ("trigger", "met"), ("source", "Xi"), ("target", "Lukashenko")}
    assert find_words(sentence, "Minsk") is None and find_words(sentence, None) is None


def test_paging_counts_pages_and_neighbours():
    assert paging(1, 10, 0) == {"page": 1, "per_page": 10, "total": 0, "pages": 1, "previous": None, "next": None}
    assert paging(2, 10, 25) == {"page": 2, "per_page": 10, "total": 25, "pages": 3, "previous": 1, "next": 3}
    assert paging(3, 10, 30)["next"] is None
