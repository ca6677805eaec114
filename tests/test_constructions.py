"""Each construction rule's example sentence is a test: the rule decides it, and the coder gives
the events the rule file says. Bad rule files are refused with their file and line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from bilateral.errors import DataFileError
from bilateral.model import Document
from bilateral.rules.constructions import STAGES, Constructions, Rule, constructions

RULES = constructions().rules


def _triples(events: list) -> set[tuple[str, str | None, str | None]]:
    out = set()
    for e in events:
        src, tgt = (e.source.code if e.source else None), (e.target.code if e.target else None)
        out.add((e.type, src, tgt))
        if e.reciprocal:
            out.add((e.type, tgt, src))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_example(coder, rule: Rule, monkeypatch: pytest.MonkeyPatch) -> None:
    fired: list[str] = []
    first = Constructions.first

    def recording(self: Constructions, stage: str, act: object) -> Rule | None:
        found = first(self, stage, act)  # type: ignore[arg-type]
        if found is not None:
            fired.append(found.id)
        return found

    monkeypatch.setattr(Constructions, "first", recording)
    coded = coder.code_one(Document(id=rule.id, text=rule.example, pub_date=date(2024, 5, 22)))
    assert rule.id in fired, f"{rule.id} did not decide its own example"
    expected = {(e["type"], e.get("source"), e.get("target")) for e in rule.expect}
    got = {t for t in _triples(coded.events)}
    expected |= {(t, g, s) for (t, s, g) in expected if any(e.reciprocal for e in coded.events if e.type == t)}
    assert got == expected


def test_rules_have_unique_ids_and_every_stage_is_known() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert {r.stage for r in RULES} <= set(STAGES)


GOOD = """- id: r
  stage: act
  when: [negated]
  then: {action: drop}
  example: "X did not go."
  expect: []
  follows: "ANNOTATION.md"
"""


@pytest.mark.parametrize(("text", "line", "reason"), [
    (GOOD.replace("stage: act", "stage: later"), 1, "stage 'later' is not one of"),
    (GOOD.replace("[negated]", "[denied]"), 1, "unknown test 'denied'"),
    (GOOD.replace("[negated]", "[{lemma_in: nonsense}]"), 1, "no word list 'nonsense'"),
    (GOOD.replace("[negated]", "[{colour: red}]"), 1, "unknown condition 'colour'"),
    (GOOD.replace("{action: drop}", "{action: explode}"), 1, "expected action drop, refuse"),
    (GOOD.replace("{action: drop}", "{set: {sources: obj}}"), 1, "only cameo, plover_mode, plover_type"),
    (GOOD.replace("{action: drop}", "{set: {plover_type: ATTACK}}"), 1, "unknown PLOVER type 'ATTACK'"),
    (GOOD.replace('  follows: "ANNOTATION.md"\n', ""), 1, "missing field 'follows'"),
    (GOOD + GOOD, 8, "rule id 'r' is used twice"),
    (GOOD.replace("{action: drop}", "{action: read_object_noun}"), 1, "read_object_noun is an action of the stages"),
    (GOOD.replace("stage: act", "stage: nominal").replace("{action: drop}", "{action: rule_out}"), 1,
     "rule_out is an action of the stages act, unreal, kept"),
    (GOOD.replace("stage: act", "stage: sentence").replace("{action: drop}", "{action: refuse}"), 1,
     "the sentence stage takes only drop"),
    (GOOD.replace("stage: act", "stage: choose"), 1, "the choose stage takes read_object_noun, read_as"),
    (GOOD.replace("stage: act", "stage: recipients").replace("{action: drop}", "{action: read_object_noun}"), 1,
     "the recipients stage takes read_as"),
    (GOOD.replace("stage: act", "stage: choose").replace("{action: drop}", "{read_as: {verbs: [x], types: [ATTACK]}}"),
     1, "then.read_as: types: not PLOVER types"),
    (GOOD.replace("stage: act", "stage: choose").replace("{action: drop}",
                                                        "{read_as: {verbs: [x], types: [AID], objects: cargo}}"),
     1, "then.read_as: objects: one of arriving_things"),
    (GOOD.replace("stage: act", "stage: retold").replace("{action: drop}", "{speaker_does: {verbs: [demand]}}"),
     1, "then.speaker_does: expected {verbs"),
    (GOOD.replace("[negated]", "[{all: [negated, {wrapper_lemma_in: nonsense}]}]"), 1, "no word list 'nonsense'"),
    (GOOD.replace("{action: drop}", "{action: prefer}"), 1, "prefer is an action of the stages"),
    (GOOD.replace("stage: act", "stage: sourceless").replace("{action: drop}", "{sources_from: the_press}"),
     1, "then.sources_from: one of framed_clause_subject"),
])
def test_bad_rule_file(tmp_path: Path, text: str, line: int, reason: str) -> None:
    assert_refused(Constructions, tmp_path / "constructions.yaml", text, line, reason)


def assert_refused(load: Callable[[Path], object], path: Path, text: str, line: int, reason: str) -> None:
    """A rule file with `text` is refused on load, naming the file, the line and the reason."""
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load(path)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert reason in caught.value.reason


def test_verbs_the_lexicon_lacks_are_looked_at_only_for_rules_that_name_them(tmp_path: Path) -> None:
    assert constructions().trigger_lemmas("choose", "unmatched") >= {"order", "hold", "describe"}  # type: ignore[operator]
    path = tmp_path / "constructions.yaml"
    path.write_text(GOOD.replace("stage: act", "stage: unmatched").replace("{action: drop}", "{action: read_object_noun}"),
                    encoding="utf-8")
    assert Constructions(path).trigger_lemmas("choose", "unmatched") is None  # a rule for any verb


def test_good_rule_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "constructions.yaml"
    path.write_text(GOOD, encoding="utf-8")
    rules = Constructions(path)
    assert [r.id for r in rules.by_stage["act"]] == ["r"]
