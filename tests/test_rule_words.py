"""The word lists and code tables load, and a bad entry is reported with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.errors import DataFileError
from bilateral.rules.words import load_word_lists, word_lists

CODES = "agree_codes:\n  about: promised acts\n  codes:\n    AID: \"033\"\n"


def _write(tmp_path: Path, words: str, codes: str = CODES) -> tuple[Path, Path]:
    (tmp_path / "words.yaml").write_text(words, encoding="utf-8")
    (tmp_path / "codes.yaml").write_text(codes, encoding="utf-8")
    return tmp_path / "words.yaml", tmp_path / "codes.yaml"


def test_packaged_lists_load() -> None:
    lists = word_lists()
    assert "hold" in lists["light_verbs"]
    assert lists.table("threat_codes")["SANCTION"] == "131"
    assert lists["agreement_codes"] == frozenset({"057"})  # quoted: not the octal number 47


def test_good_file_loads(tmp_path: Path) -> None:
    lists = load_word_lists(*_write(tmp_path, "light:\n  about: x\n  kind: word\n  words: [hold, pay]\n"))
    assert lists["light"] == frozenset({"hold", "pay"})
    assert lists.ordered["light"] == ("hold", "pay")


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("a:\n  about: x\n  kind: word\n  words: [hold]\nb:\n  about: y\n  kind: word\n  words: [Hold]\n", 6,
     "'Hold' is not a word"),
    ("a:\n  about: x\n  kind: sector\n  words: [GOV, gov]\n", 2, "'gov' is not a sector"),
    ("a:\n  about: x\n  kind: plover_type\n  words: [ATTACK]\n", 2, "'ATTACK' is not a plover_type"),
    ("a:\n  about: x\n  kind: cameo\n  words: [057]\n", 2, "47 is not a cameo"),
    ("a:\n  about: x\n  kind: word\n  words: [hold, hold]\n", 2, "listed twice"),
    ("a:\n  about: x\n  kind: noun\n  words: [hold]\n", 2, "unknown kind"),
    ("a:\n  kind: word\n  words: [hold]\n", 2, "missing field 'about'"),
    ("a:\n  about: x\n  kind: word\n  words: hold\n", 2, "expected list"),
    ("a:\n  about: x\n  kind: word\n  words: [hold]\n  note: y\n", 2, "unknown field(s) note"),
    ("Bad-Name:\n  about: x\n  kind: word\n  words: [hold]\n", 2, "names are lowercase"),
])
def test_bad_word_list_names_file_and_line(tmp_path: Path, text: str, line: int, reason: str) -> None:
    words, codes = _write(tmp_path, text)
    with pytest.raises(DataFileError) as caught:
        load_word_lists(words, codes)
    assert caught.value.path == str(words)
    assert caught.value.line == line
    assert reason in caught.value.reason


def test_bad_code_table(tmp_path: Path) -> None:
    words, codes = _write(tmp_path, "a:\n  about: x\n  kind: word\n  words: [hold]\n",
                          "t:\n  about: x\n  codes:\n    AID: 33\n")
    with pytest.raises(DataFileError, match=r"codes.yaml:2: t: AID: 33"):
        load_word_lists(words, codes)


# Codes whose rows name an agreement in another sense: "voiced agreement" (019, accord of views),
# "predicted a deal" (013), "joined the pact" (050, a membership).
AGREEMENT_SENSE_ELSEWHERE = {"013", "019", "050"}


def test_a_verb_that_takes_agreements_takes_every_agreement_noun() -> None:
    # A row that lists two agreement nouns as objects means agreements in general, so it lists them
    # all: "welcomed the deal" was coded and "welcomed the treaty" was not (words.yaml's
    # agreement_nouns is the list reactions to agreements use too).
    from bilateral.events.lexicon import Lexicon

    nouns = word_lists()["agreement_nouns"]
    gaps = []
    for rows in Lexicon.load().verbs.values():
        for row in rows:
            plain = {o.lemma for o in row.objects if not o.prep and not o.infinitive and not o.modifier}
            if row.cameo not in AGREEMENT_SENSE_ELSEWHERE and len(plain & nouns) >= 2 and not nouns <= plain:
                gaps.append((row.cameo, row.lemma, sorted(nouns - plain)))
    assert not gaps, gaps
