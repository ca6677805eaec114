"""The scorer's sentence-type figures (`bilateral eval --all-acts`), on events made by hand."""

from __future__ import annotations

from bilateral.evaluation import GoldItem, Report, score_item
from bilateral.model import Actor, CodedDocument, Document, Event, LedgerFact


def _event(etype: str, source: str | None, target: str | None) -> Event:
    return Event(doc_id="d", sentence_index=0, type=etype, mode=None, contexts=(),
                 source=Actor(source) if source else None, target=Actor(target) if target else None,
                 reciprocal=False, cameo="010", goldstein=0.0, quad=0, date=None, date_precision=None,
                 negated=False, modality="asserted", sentence="s", sentence_start=0, sentence_end=1,
                 trigger="t", trigger_start=0, trigger_end=1)


def _scored(gold_events: list[dict], coded: list[Event], sentence_type: bool = True) -> Report:
    doc = Document(id="d", text="s")
    report = Report("r")
    score_item(GoldItem("d", doc, gold_events, set(), []), CodedDocument(doc, [], coded, []), report,
               sentence_type=sentence_type)
    return report


def test_the_sentence_type_is_the_first_gold_events_types_against_the_first_coded_event():
    gold = [{"type": ["AGREE", "SUPPORT"], "source": ["SAU"], "target": ["IRN"]},
            {"type": ["CONSULT"], "source": ["SAU"], "target": ["CHN"]}]
    right = _scored(gold, [_event("SUPPORT", "SAU", None), _event("CONSULT", None, "CHN")])
    assert (right.type_items, right.type_correct, right.type_any_correct) == (1, 1, 1)
    # an unknown side does not make the type wrong, though neither event matches a gold dyad
    assert (right.events.tp, right.events.fn) == (0, 2)
    second = _scored(gold, [_event("CONSULT", "SAU", "CHN"), _event("AGREE", "SAU", "IRN")])
    assert (second.type_correct, second.type_any_correct) == (0, 1)
    assert second.misses and "gold type AGREE/SUPPORT" in second.misses[0]


def test_a_sentence_with_no_gold_event_is_right_when_nothing_is_coded():
    assert (_scored([], []).none_items, _scored([], []).none_correct) == (1, 1)
    wrong = _scored([], [_event("CONSULT", "IND", "USA")])
    assert (wrong.none_items, wrong.none_correct, wrong.type_items) == (1, 0, 0)
    assert "no_event_accuracy" in wrong.to_json() and "type_accuracy" not in wrong.to_json()


def test_without_all_acts_no_sentence_type_is_scored():
    report = _scored([{"type": ["AID"], "source": ["JPN"], "target": ["UKR"]}], [_event("AID", "JPN", "UKR")],
                     sentence_type=False)
    assert report.type_items == 0 and report.none_items == 0 and report.events.tp == 1


def test_misses_and_false_positives_are_counted_by_their_nearest_cause():
    gold = [{"type": ["ACCUSE"], "source": ["PAK"], "target": ["IND"]},
            {"type": ["CONSULT"], "source": ["CHN"], "target": ["RUS"], "reciprocal": True},
            {"type": ["AID"], "source": ["JPN"], "target": ["UKR"]},
            {"type": ["THREATEN"], "source": ["PRK"], "target": ["KOR"]}]
    coded = [_event("ACCUSE", "PAK", "AFG"),  # the accuser right, the accused wrong
             _event("SUPPORT", "RUS", "CHN"),  # the pair right (either way: reciprocal), the type wrong
             _event("ASSAULT", "ISR", "LBN")]  # nothing annotated is near it
    report = _scored(gold, coded, sentence_type=False)
    assert report.events.fn == 4 and report.events.fp == 3
    assert report.miss_causes == {"target": 1, "type": 1, "not coded": 2}
    assert report.false_positive_causes == {"target": 1, "type": 1, "no such event": 1}
    assert report.to_json()["miss_causes"] == {"not coded": 2, "target": 1, "type": 1}


def test_a_wrong_source_is_told_from_a_wrong_pair():
    gold = [{"type": ["SANCTION"], "source": ["USA"], "target": ["IRN"]},
            {"type": ["REJECT"], "source": ["HUN"], "target": ["EU"]}]
    report = _scored(gold, [_event("SANCTION", "GBR", "IRN"), _event("REJECT", "SRB", "RUS")],
                     sentence_type=False)
    assert report.miss_causes == {"source": 1, "source and target": 1}
    # a matched gold event is no longer there to explain a false positive
    matched = _scored(gold[:1], [_event("SANCTION", "USA", "IRN"), _event("SANCTION", "USA", "SYR")],
                      sentence_type=False)
    assert matched.false_positive_causes == {"no such event": 1}


def _fact(kind: str, parties: tuple[str, ...], status: str | None, date: str | None) -> LedgerFact:
    return LedgerFact(doc_id="d", kind=kind, parties=parties, label=None, status=status, date=date,
                      date_precision=None, sentence_index=0, sentence="s", sentence_start=0, sentence_end=1)


def test_ledger_misses_are_counted_by_cause():
    gold = [{"kind": "membership", "parties": ["BLR", "SCO"], "status": "member", "date": "2024-07"},
            {"kind": "diplomatic_relations", "parties": ["HND", "TWN"], "status": "severed", "date": "2023-03-26"},
            {"kind": "membership", "parties": ["ARM", "CSTO"], "status": "suspended", "date": None}]
    facts = [_fact("membership", ("BLR", "SCO"), "member", "2024-06-01"),  # the month is wrong
             _fact("diplomatic_relations", ("HND", "TWN"), "established", "2023-03-26")]  # the status is wrong
    doc = Document(id="d", text="s")
    report = Report("r")
    score_item(GoldItem("d", doc, [], set(), gold), CodedDocument(doc, [], [], facts), report)
    assert report.ledger.fn == 3
    assert report.ledger_miss_causes == {"date": 1, "label or status": 1, "not found (membership)": 1}
    # a fact of its kind with one of its parties right and the other wrong
    report = Report("r")
    score_item(GoldItem("d", doc, [], set(), gold[2:]),
               CodedDocument(doc, [], [], [_fact("membership", ("ARM", "EAEU"), "suspended", None)]), report)
    assert report.ledger_miss_causes == {"one party": 1}


def test_an_unknown_side_is_told_from_a_wrong_one():
    gold = [{"type": ["ACCUSE"], "source": ["PAK"], "target": ["IND"]},
            {"type": ["THREATEN"], "source": ["PRK"], "target": ["KOR"]}]
    report = _scored(gold, [_event("ACCUSE", "PAK", None), _event("THREATEN", None, "KOR")], sentence_type=False)
    assert report.miss_causes == {"target unknown": 1, "source unknown": 1}
