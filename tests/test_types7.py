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
    ("The French president pressed Indian leaders on Thursday to curb purchases of Russian oil.",
     ("REQUEST", "FRA", "IND")),
    # The other side hung on another prepositional object of the verb.
    ("Chinese President Xi Jinping spoke by telephone with Vladimir Putin on Thursday and repeated his call "
     "for talks.", ("CONSULT", "CHN", "RUS")),
    ("The United States withdrew from the nuclear accord with Iran in May 2018.", ("SANCTION", "USA", "IRN")),
    # Lexicon rows: gifts are donations, aid dropped over a place, joint patrols flown, export
    # licences suspended, sums in other currencies, agreements accepted by both sides.
    ("Canada gifted eight armoured vehicles to Ukraine in February.", ("AID", "CAN", "UKR")),
    ("American planes airdropped ready meals over southern Gaza on Saturday.", ("AID", "USA", "PSE")),
    ("Chinese and Russian warplanes flew a joint patrol near Alaska in July.", ("COOPERATE", "CHN", "RUS")),
    ("Canada suspended arms export licences to Turkey in October.", ("SANCTION", "CAN", "TUR")),
    ("The UAE froze 500 million dirhams of Iranian assets.", ("SANCTION", "ARE", "IRN")),
    ("The Swiss government froze 5 billion francs of Russian assets.", ("SANCTION", "CHE", "RUS")),
    ("Ethiopia and Egypt accepted the agreement on the Nile dam brokered by Washington.", ("AGREE", "ETH", "EGY")),
    # A promise whose infinitive the parser takes for an adverbial clause when a date comes
    # between: the promised act is still the event, an AGREE with its recipient.
    ("Norway pledged on Wednesday to back Ukraine's membership of NATO.", ("AGREE", "NOR", "UKR")),
    ("EU finance ministers agreed on Tuesday on a 1.8 billion euro package for Moldova.",
     ("AGREE", "EU", "MDA")),
    # A state ratifying or approving another's bid to join acts on it (joining itself is a ledger fact).
    ("Greece's parliament ratified North Macedonia's bid to join NATO in February.", ("SUPPORT", "GRC", "MKD")),
    ("Montenegro's bid to join the alliance was approved by the Spanish senate.", ("SUPPORT", "ESP", "MNE")),
    # People of any trade counted in a military unit's name are what is sent.
    ("China sent a brigade of 40 doctors to Serbia in March 2020.", ("AID", "CHN", "SRB")),
])


def test_reading(coder, text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in triples(coder, text)


@pytest.mark.parametrize(("text", "unwanted"), [
    # What a demand wants done in its that-clause has not happened.
    ("Kyiv rejected Moscow's demand that Ukraine withdraw its troops from four regions.", "RETREAT"),
])
def test_what_a_demand_wants_is_no_act(coder, text: str, unwanted: str) -> None:
    assert not any(t[0] == unwanted for t in triples(coder, text, all_acts=True))


@pytest.mark.parametrize(("text", "expected"), [
    # A verb of aspect between the promise and the act: the act is promised, one AGREE.
    ("Canada pledged to keep sending artillery shells to Ukraine.", {("AGREE", "CAN", "UKR")}),
    ("Beijing vowed to continue supporting Pakistan's economy.", {("AGREE", "CHN", "PAK")}),
])
def test_a_promise_to_go_on_is_one_event(coder, text: str, expected: set) -> None:
    assert triples(coder, text) == expected


@pytest.mark.parametrize(("text", "expected", "unwanted"), [
    # A verb told in full does not share the next verb's object: the two met each other.
    ("The presidents of Kenya and Tanzania met in Arusha on Friday and discussed Somalia's debt.",
     ("CONSULT", "KEN", "TZA"), ("CONSULT", "KEN", "SOM")),
    # A verb that ends where the next begins still shares its object.
    ("Iranian commandos fired on and boarded a Panamanian tanker.", ("ASSAULT", "IRN", "PAN"), None),
])
def test_shared_objects(coder, text: str, expected: tuple, unwanted: tuple | None) -> None:
    coded = triples(coder, text)
    assert expected in coded and unwanted not in coded


def test_a_predicate_nouns_preposition_is_not_the_verbs(coder) -> None:
    # "what he called Qatar's position on the war" names a position; it is no "called on" anyone
    coded = triples(coder, "Erdogan praised what he called Qatar's principled position on the war in Gaza.",
                    all_acts=True)
    assert ("SUPPORT", "TUR", "QAT") in coded and not any(t[0] == "REQUEST" for t in coded)


def test_pressing_on_a_place_is_still_force(coder) -> None:
    assert ("ASSAULT", "RUS", "UKR") in triples(coder, "Russian forces pressed on Avdiivka on Sunday.")


def test_a_meeting_framing_the_clause_is_not_the_recipient(coder) -> None:
    # "with" inside "during talks with ..." names the other side of the talks, not of the pledge
    assert ("AGREE", "CHN", "NGA") not in triples(
        coder, "During talks with Nigerian President Bola Tinubu, Xi promised new credit lines.")
