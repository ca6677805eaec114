"""Readings of the seven types tests/data/types7_check.jsonl measures (AGREE, CONSULT, SUPPORT,
COOPERATE, AID, REQUEST, SANCTION; issue 15), each shown on sentences written for this file
(none of them is in the check set, which is kept apart to measure the coder)."""

from __future__ import annotations

import pytest

from tests.test_unseen_news import triples

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "expected"), [
    # A phrase that says when fills no preposition a reading requires: "pressed ... on Monday" is
    # no "pressed on" a city.
    ("Blinken pressed Turkish officials in Ankara on Monday to approve Sweden's membership.",
     ("REQUEST", "USA", "TUR")),
    ("The French president pressed Chinese leaders on Thursday to help end the war.", ("REQUEST", "FRA", "CHN")),
    # The other side hung on another prepositional object of the verb.
    ("Scholz spoke by phone with Erdogan on Sunday about grain exports.", ("CONSULT", "DEU", "TUR")),
    ("Macron talked over the telephone with Vladimir Putin for two hours.", ("CONSULT", "FRA", "RUS")),
    ("Washington pulled out of the Open Skies treaty with Moscow in November 2020.", ("SANCTION", "USA", "RUS")),
])
def test_reading(coder, text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in triples(coder, text)


def test_pressing_on_a_place_is_still_force(coder) -> None:
    assert ("ASSAULT", "RUS", "UKR") in triples(coder, "Russian forces pressed on Avdiivka on Sunday.")
