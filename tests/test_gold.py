"""The coder on every gold item: exact events and facts, with a list of known failures that may
only shrink, and an F1 floor per file.

Each item of ../shared/gold/dev_sentences.jsonl, dev_articles.jsonl and the example article's
expected file is coded, and what differs from the gold is described in a few words ("missed
SANCTION POL->RUS", "extra ledger partnership BLR/CHN ..."), by the matching rules of
`bilateral.evaluation` (optional events and facts neither count when found nor cost when missed).
tests/data/known_failures.json lists, per file and item, the failures we know of:
- a failure that is not listed fails the test (a regression);
- a listed failure that no longer happens fails the test too, asking to remove it from the list,
  so that the list only shrinks and a fix is recorded.
After a deliberate change (a fix, or a new gold file), rewrite the list with
    .venv/bin/python -m tests.test_gold --write
and review its diff: it must only lose lines unless the change is meant to lose an item.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bilateral.evaluation import GoldItem, Report, event_matches, fact_matches, load_gold, score_item
from bilateral.model import CodedDocument
from tests.conftest import SHARED

KNOWN = Path(__file__).resolve().parent / "data" / "known_failures.json"
GOLD_FILES = {"dev_sentences.jsonl": ("gold", "dev_sentences.jsonl"),
              "dev_articles.jsonl": ("gold", "dev_articles.jsonl"),
              "seed-article.expected.json": ("examples", "seed-article.expected.json")}


def _actor(actor: Any) -> str:
    return actor.code if actor else "-"


def _gold_event(gold: dict[str, Any]) -> str:
    def codes(key: str) -> str:
        return "|".join(gold.get(key) or []) or "*"

    return f"{'|'.join(gold['type'])} {codes('source')}->{codes('target')}"


def _gold_fact(gold: dict[str, Any]) -> str:
    return f"{gold['kind']} {'/'.join(gold['parties'])} {gold.get('label') or gold.get('status')} {gold.get('date')}"


def item_failures(item: GoldItem, coded: CodedDocument) -> list[str]:
    """What the coded document gets wrong against the item, one short line each, sorted."""
    out = []
    required = [g for g in item.events if not g.get("optional")]
    for gold in _unmatched(required, coded.events, event_matches):
        out.append(f"missed {_gold_event(gold)}")
    for event in coded.events:
        if event.type in item.optional_types or any(event_matches(g, event) for g in item.events):
            continue
        out.append(f"extra {event.type} {_actor(event.source)}->{_actor(event.target)} [{event.trigger}]")
    required_facts = [g for g in item.ledger if not g.get("optional")]
    for gold in _unmatched(required_facts, coded.ledger, fact_matches):
        out.append(f"missed ledger {_gold_fact(gold)}")
    for fact in coded.ledger:
        if any(fact_matches(g, fact) for g in item.ledger):
            continue
        out.append(f"extra ledger {fact.kind} {'/'.join(fact.parties)} {fact.label or fact.status} {fact.date}")
    return sorted(out)


def _unmatched(gold: list[dict[str, Any]], coded: list[Any], match: Any) -> list[dict[str, Any]]:
    """The gold entries left without a partner by a one-to-one matching (as the scorer pairs)."""
    from bilateral.evaluation import _max_matching

    pairs = _max_matching(gold, coded, match)
    return [g for i, g in enumerate(gold) if i not in pairs]


def run_file(name: str, coder: Any) -> tuple[dict[str, list[str]], Report]:
    path = SHARED.joinpath(*GOLD_FILES[name])
    items = load_gold(path)
    report = Report(name)
    failures = {}
    for item, coded in zip(items, coder.code(i.document for i in items), strict=True):
        score_item(item, coded, report)
        found = item_failures(item, coded)
        if found:
            failures[item.id] = found
    return failures, report


def compare(name: str, known: dict[str, list[str]], found: dict[str, list[str]]) -> list[str]:
    """Problems with the list of known failures, one line each; none when it is exact."""
    problems = []
    for item_id in sorted(set(known) | set(found)):
        # Counted, not as sets: the same failure twice in one item is two failures.
        listed, now = Counter(known.get(item_id, ())), Counter(found.get(item_id, ()))
        for failure in sorted((now - listed).elements()):
            problems.append(f"{name} {item_id}: new failure: {failure}")
        for failure in sorted((listed - now).elements()):
            problems.append(f"{name} {item_id}: fixed, remove it from tests/data/known_failures.json: {failure}")
    return problems


def _known() -> dict[str, Any]:
    return json.loads(KNOWN.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(GOLD_FILES))
def test_gold_items_fail_only_as_listed_and_f1_stays_above_its_floor(name, coder):
    if not SHARED.joinpath(*GOLD_FILES[name]).exists():
        pytest.skip(f"{name} is not present (../shared/ is only beside the repo on project machines)")
    known = _known()
    found, report = run_file(name, coder)
    problems = compare(name, known["failures"].get(name, {}), found)
    assert not problems, "\n".join(problems)
    floor = known["f1_floors"][name]
    assert report.events.f1 >= floor["events"], f"{name}: event F1 {report.events.f1:.4f} < floor {floor['events']}"
    assert report.ledger.f1 >= floor["ledger"], f"{name}: ledger F1 {report.ledger.f1:.4f} < floor {floor['ledger']}"


def test_compare_reports_new_and_fixed_failures():
    known = {"a": ["missed X A->B"], "b": ["extra Y C->D [say]"]}
    found = {"a": ["missed X A->B", "extra Z A->B [meet]"], "c": ["missed W *->*"]}
    assert compare("f", known, found) == [
        "f a: new failure: extra Z A->B [meet]",
        "f b: fixed, remove it from tests/data/known_failures.json: extra Y C->D [say]",
        "f c: new failure: missed W *->*",
    ]
    assert compare("f", known, known) == []


def write_known() -> None:
    """Rewrite the list from the coder's current output; floors are the F1 rounded down to 0.01."""
    from bilateral.pipeline import Coder

    coder = Coder()
    out: dict[str, Any] = {"failures": {}, "f1_floors": {}}
    for name in sorted(GOLD_FILES):
        found, report = run_file(name, coder)
        out["failures"][name] = found
        out["f1_floors"][name] = {"events": int(report.events.f1 * 100) / 100,
                                  "ledger": int(report.ledger.f1 * 100) / 100}
    KNOWN.write_text(json.dumps(out, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.test_gold --write")
    write_known()
