"""Coded documents built by hand (no parsing) for the store, frame and export tests."""

from __future__ import annotations

from datetime import date

from bilateral.model import Actor, CodedDocument, Document, Event, LedgerFact, Sentence

TEXT = "China and Belarus held talks. Belarus criticized China. Chinese troops <b>moved</b>."


def event(doc_id: str, when: str | None, precision: str | None, *, source: str = "CHN", target: str = "BLR",
          quad: int = 1, goldstein: float = 2.0, cameo: str = "040", trigger_start: int = 18) -> Event:
    return Event(
        doc_id=doc_id, sentence_index=0, type="CONSULT", mode=None, contexts=("diplomatic",),
        source=Actor(source, "GOV", source.title()), target=Actor(target, "GOV", target.title()), reciprocal=False,
        cameo=cameo, goldstein=goldstein, quad=quad, date=when, date_precision=precision, negated=False,
        modality="asserted", sentence=TEXT[:29], sentence_start=0, sentence_end=29, trigger="held",
        trigger_start=trigger_start, trigger_end=trigger_start + 4)


def coded(doc_id: str, events: list[Event], facts: list[LedgerFact] = ()) -> CodedDocument:  # type: ignore[assignment]
    doc = Document(id=doc_id, text=TEXT, pub_date=date(2022, 9, 16), title=f"<title {doc_id}>",
                   url=f"https://example.org/{doc_id}")
    return CodedDocument(doc, [Sentence(0, TEXT[:29], 0, 29)], events, list(facts))


def fact(doc_id: str, label: str, when: str | None, precision: str | None) -> LedgerFact:
    return LedgerFact(doc_id, "partnership", ("BLR", "CHN"), label, None, when, precision, 0, TEXT[:29], 0, 29,
                      label)


def fill(store):
    """Six events (day, month, year and undated; four quad classes) and two ledger facts."""
    store.write([
        coded("a", [event("a", "2022-09-15", "day", trigger_start=1), event("a", "2022-09", "month", trigger_start=2),
                    event("a", "2022", "year", trigger_start=3),
                    event("a", "2022-11-02", "day", source="BLR", target="CHN", quad=3, goldstein=-2.0, cameo="111",
                          trigger_start=4)],
              [fact("a", "strategic partnership", "2013", "year"),
               fact("a", "all-weather comprehensive strategic partnership", "2022-09-15", "day")]),
        coded("b", [event("b", "2023-01-10", "day", source="CHN", target="RUS", quad=2, goldstein=7.0, cameo="057"),
                    event("b", None, None, source="USA", target="CHN", quad=4, goldstein=-9.5, cameo="190")]),
    ])
    return store


