"""Scoring the coder against annotated data, by the rules in the gold data's README.

A coded event matches a gold event when its type is in the gold type list and its source and target
codes are in the gold lists (either direction when reciprocal; an empty gold target list accepts any
target). Gold and coded events are paired one to one by a maximum matching. A coded event that
matches no gold event is a false positive unless its type is optional for the item (or it matches an
optional gold event). Ledger facts match on kind, parties, label or status, and date at the gold
precision; optional facts neither count when found nor cost when missed.

The PLOVER records (and, with `all_acts`, any annotated file) are also scored as the PLOVER
test set is: every act coded, whoever its actors, and the sentence's type taken from the first
event coded. An annotated sentence's type is the type list of its first gold event; a sentence
with no gold event is right when nothing is coded.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bilateral.errors import InputError
from bilateral.ingest.text import html_to_document
from bilateral.model import CodedDocument, Document, Event, LedgerFact


@dataclass
class GoldItem:
    id: str
    document: Document
    events: list[dict[str, Any]]  # each may carry "optional": True
    optional_types: set[str]
    ledger: list[dict[str, Any]]
    gsr_type: str | None = None  # PLOVER-GSR items: the one event type of the sentence


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    name: str
    items: int = 0
    events: Tally = field(default_factory=Tally)
    ledger: Tally = field(default_factory=Tally)
    by_type: dict[str, Tally] = field(default_factory=dict)
    type_correct: int = 0
    type_any_correct: int = 0
    type_items: int = 0
    none_items: int = 0  # with all_acts: annotated items with no gold event ...
    none_correct: int = 0  # ... and of those, the ones coded with none
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    # Why events were missed or wrongly coded, counted by `error_cause`: where to look first.
    miss_causes: Counter[str] = field(default_factory=Counter)
    false_positive_causes: Counter[str] = field(default_factory=Counter)
    ledger_miss_causes: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.name, "items": self.items, "events": self.events.to_json(),
                               "ledger": self.ledger.to_json(),
                               "by_type": {k: v.to_json() for k, v in sorted(self.by_type.items())}}
        if self.type_items:
            out["type_accuracy"] = round(self.type_correct / self.type_items, 4)
            out["type_accuracy_any"] = round(self.type_any_correct / self.type_items, 4)
        if self.none_items:
            out["no_event_accuracy"] = round(self.none_correct / self.none_items, 4)
        out["miss_causes"] = dict(sorted(self.miss_causes.items()))
        out["false_positive_causes"] = dict(sorted(self.false_positive_causes.items()))
        out["ledger_miss_causes"] = dict(sorted(self.ledger_miss_causes.items()))
        return out


def load_gold(path: Path) -> list[GoldItem]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return [_expected_file(json.loads(text), path)]
    items = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{lineno}", f"malformed JSON: {exc.msg}") from None
        items.append(_item(rec, f"{path}:{lineno}"))
    return items


def _item(rec: dict[str, Any], where: str) -> GoldItem:
    pub = date.fromisoformat(rec["pub_date"]) if rec.get("pub_date") else None
    if "html" in rec:
        doc = html_to_document(rec["html"], rec["id"], where, pub)
    else:
        doc = Document(id=rec["id"], text=rec["text"], pub_date=pub, origin=where)
    if "event_type" in rec:  # PLOVER gold-standard record
        return GoldItem(rec["id"], doc, [], set(), [], gsr_type=rec["event_type"])
    return GoldItem(rec["id"], doc, rec.get("events", []), set(rec.get("optional_types") or []),
                    rec.get("ledger", []))


def _expected_file(rec: dict[str, Any], path: Path) -> GoldItem:
    """The example article's expected file: required and optional events and ledger facts."""
    pub = date.fromisoformat(rec["pub_date"])
    html = path.with_name(path.name.replace(".expected.json", ".html"))
    txt = path.with_name(path.name.replace(".expected.json", ".txt"))
    if html.exists():
        doc = html_to_document(html.read_text(encoding="utf-8"), html.stem, str(html), pub)
    else:
        from bilateral.ingest.text import clean_text

        doc = Document(id=txt.stem, text=clean_text(txt.read_text(encoding="utf-8")), pub_date=pub)
    events = list(rec["events"]["required"]) + [dict(e, optional=True) for e in rec["events"].get("optional", [])]
    ledger = list(rec["ledger"]["required"]) + [dict(f, optional=True) for f in rec["ledger"].get("optional", [])]
    return GoldItem(doc.id, doc, events, set(), ledger)


def event_matches(gold: dict[str, Any], event: Event) -> bool:
    if event.type not in gold["type"]:
        return False
    src = event.source.code if event.source else None
    tgt = event.target.code if event.target else None
    gs, gt = gold.get("source") or [], gold.get("target") or []

    def fits(s: str | None, t: str | None) -> bool:
        return (not gs or s in gs) and (not gt or t in gt)

    return fits(src, tgt) or (bool(gold.get("reciprocal")) and fits(tgt, src) and bool(gt))


def fact_matches(gold: dict[str, Any], fact: LedgerFact) -> bool:
    if gold["kind"] != fact.kind:
        return False
    if fact.kind == "membership":
        if tuple(gold["parties"]) != fact.parties:
            return False
    elif sorted(gold["parties"]) != sorted(fact.parties):
        return False
    value = gold.get("label") if fact.kind == "partnership" else gold.get("status")
    if value != (fact.label if fact.kind == "partnership" else fact.status):
        return False
    gdate = gold.get("date")
    if gdate is None:
        return fact.date is None
    return fact.date is not None and fact.date[: len(gdate)] == gdate


def error_cause(gold: dict[str, Any], others: list[Event]) -> str:
    """Why `gold` found no match among the unmatched events `others` of its item: an event of its
    type whose source or target (or both) is another actor ("unknown" when the coder found none:
    with `--all-acts`), an event between its actors of another type, or nothing near it. The
    nearest reason wins, in that order."""
    gs, gt = gold.get("source") or [], gold.get("target") or []
    same_type = [e for e in others if e.type in gold["type"]]
    for event in same_type:
        if not gs or _code(event.source) in gs:  # the source is right: the target is not
            return "target" if event.target is not None else "target unknown"
    for event in same_type:
        if not gt or _code(event.target) in gt:
            return "source" if event.source is not None else "source unknown"
    if same_type:
        return "source and target"
    if any(event_matches(dict(gold, type=[e.type]), e) for e in others):
        return "type"
    return "not coded"


def _false_positive_cause(event: Event, unmatched: list[dict[str, Any]]) -> str:
    """Why `event` matched no gold event: it is the near miss of an unmatched gold event (see
    `error_cause`), or it stands for no annotated event at all."""
    causes = {error_cause(g, [event]) for g in unmatched} - {"not coded"}
    return min(causes, key=CAUSE_ORDER.index) if causes else "no such event"


CAUSE_ORDER = ["target", "target unknown", "source", "source unknown", "source and target", "type", "not coded"]


def fact_error_cause(gold: dict[str, Any], others: list[LedgerFact]) -> str:
    """Why the gold ledger fact found no match among the unmatched facts `others`: one that differs
    only in its date, one of its kind and parties with another label or status, or none."""
    if any(fact_matches(dict(gold, date=fact.date), fact) for fact in others):
        return "date"
    if any(fact_matches(dict(gold, date=fact.date, label=fact.label, status=fact.status), fact) for fact in others):
        return "label or status"
    # (parties compared as a set: a membership's state and organization may come either way)
    wanted = set(gold["parties"])
    if any(fact.kind == gold["kind"] and len(wanted & set(fact.parties)) == 1 for fact in others):
        return "one party"
    return f"not found ({gold['kind']})"


def _max_matching(gold: list[dict[str, Any]], coded: list[Any], match: Any) -> dict[int, int]:
    """Maximum bipartite matching gold index -> coded index (augmenting paths; lists are small)."""
    edges = {g: [c for c, item in enumerate(coded) if match(gold[g], item)] for g in range(len(gold))}
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for c in edges[g]:
            if c in seen:
                continue
            seen.add(c)
            if c not in owner or augment(owner[c], seen):
                owner[c] = g
                return True
        return False

    for g in range(len(gold)):
        augment(g, set())
    return {g: c for c, g in owner.items()}


def score_item(item: GoldItem, coded: CodedDocument, report: Report, sentence_type: bool = False) -> None:
    """Score one item; with `sentence_type`, also the type of the sentence as the PLOVER records are."""
    report.items += 1
    if item.gsr_type is not None:
        _score_type(item, [item.gsr_type], coded, report)
        return
    if sentence_type:
        if item.events:
            _score_type(item, list(item.events[0]["type"]), coded, report)
        else:
            report.none_items += 1
            report.none_correct += not coded.events
    required = [g for g in item.events if not g.get("optional")]
    pairs = _max_matching(required, coded.events, event_matches)
    used = set(pairs.values())
    tally = Tally(tp=len(pairs), fn=len(required) - len(pairs))
    for g, gold in enumerate(required):
        t = report.by_type.setdefault(gold["type"][0] if g not in pairs else coded.events[pairs[g]].type, Tally())
        if g in pairs:
            t.tp += 1
        else:
            t.fn += 1
            report.miss_causes[error_cause(gold, [e for c, e in enumerate(coded.events) if c not in used])] += 1
            report.misses.append(f"{item.id}: missed {'/'.join(gold['type'])} {gold.get('source')}->"
                                 f"{gold.get('target')}: {_snippet(item)}")
    unmatched = [gold for g, gold in enumerate(required) if g not in pairs]
    for c, event in enumerate(coded.events):
        if c in used or any(event_matches(g, event) for g in item.events) or event.type in item.optional_types:
            continue
        tally.fp += 1
        report.by_type.setdefault(event.type, Tally()).fp += 1
        report.false_positive_causes[_false_positive_cause(event, unmatched)] += 1
        report.false_positives.append(f"{item.id}: {event.type} {_code(event.source)}->{_code(event.target)} "
                                      f"[{event.trigger}] {event.sentence}")
    report.events.add(tally)
    facts = coded.ledger
    required_facts = [g for g in item.ledger if not g.get("optional")]
    fpairs = _max_matching(required_facts, facts, fact_matches)
    fused = set(fpairs.values())
    ltally = Tally(tp=len(fpairs), fn=len(required_facts) - len(fpairs))
    for g, gold in enumerate(required_facts):
        if g not in fpairs:
            report.ledger_miss_causes[fact_error_cause(gold, [f for c, f in enumerate(facts) if c not in fused])] += 1
            report.misses.append(f"{item.id}: missed ledger {gold}: {_snippet(item)}")
    for c, fact in enumerate(facts):
        if c in fused or any(fact_matches(g, fact) for g in item.ledger if g.get("optional")):
            continue
        ltally.fp += 1
        report.false_positives.append(f"{item.id}: ledger {fact.kind} {fact.parties} {fact.label or fact.status} "
                                      f"{fact.date}: {fact.sentence}")
    report.ledger.add(ltally)


def _score_type(item: GoldItem, gold_types: list[str], coded: CodedDocument, report: Report) -> None:
    """Right when the first coded event's type is one of `gold_types` (any coded one, for `_any`)."""
    report.type_items += 1
    types = [e.type for e in coded.events]
    report.type_correct += bool(types and types[0] in gold_types)
    report.type_any_correct += any(t in gold_types for t in types)
    if not types or types[0] not in gold_types:
        report.misses.append(f"{item.id}: gold type {'/'.join(gold_types)}, coded {types or 'nothing'}: "
                             f"{_snippet(item)}")


def _code(actor: Any) -> str:
    return actor.code if actor else "-"


def _snippet(item: GoldItem) -> str:
    text = item.document.text
    return text if len(text) < 300 else text[:297] + "..."


def evaluate(path: Path, coder: Any, all_acts: bool = False) -> Report:
    """Score `coder` on the annotated file at `path`.

    The PLOVER records are always coded with every act kept; `all_acts` codes any file so and adds
    the sentence-type figures of the PLOVER records' scoring to its events and ledger figures.
    """
    items = load_gold(path)
    report = Report(path.name)
    gsr = bool(items) and all(i.gsr_type is not None for i in items)
    if gsr or all_acts:
        # The PLOVER records score the event type of each sentence, whoever the actors are.
        with coder.all_acts():
            coded_items = list(coder.code(i.document for i in items))
    else:
        coded_items = list(coder.code(i.document for i in items))
    for item, coded in zip(items, coded_items, strict=True):
        score_item(item, coded, report, sentence_type=all_acts)
    return report
