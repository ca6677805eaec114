"""Readings and constructions added for the recall gap of issue 15, each shown on sentences
written for this file (none of them is in tests/data/events_diag.jsonl, the set kept apart to
measure the coder)."""

from __future__ import annotations

from datetime import date

import pytest

from bilateral.model import Document
from tests.test_unseen_news import triples

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "expected"), [
    # Projectiles that slam or crash into a place hit the state the place is in.
    ("Russian drones slammed into grain terminals in Odesa overnight.", ("ASSAULT", "RUS", "UKR")),
    ("A Russian missile crashed into a children's hospital in Kyiv on Monday.", ("ASSAULT", "RUS", "UKR")),
    ("Israeli shells smashed into a school in Gaza City.", ("ASSAULT", "ISR", "PSE")),
    # A force response to an attack: done, it is an attack; promised, a threat.
    ("Israel responded to Iran's attack with a limited strike near Isfahan.", ("ASSAULT", "ISR", "IRN")),
    ("Beijing warned that it would respond firmly to any provocation by Taiwan.", ("THREATEN", "CHN", "TWN")),
    ("Israel said it would respond to Iran's attack at a time of its choosing.", ("THREATEN", "ISR", "IRN")),
    # A sum pledged "in aid to X": the recipient hangs on what the sum is in.
    ("The United States promised 400 million dollars in new weapons aid to Kyiv.", ("AGREE", "USA", "UKR")),
    ("The European Union offered 100 million euros in additional funding to Moldova.", ("AGREE", "EU", "MDA")),
    ("Britain pledged 2.3 billion pounds in military aid to Ukraine for next year.", ("AGREE", "GBR", "UKR")),
    # An event noun's agent that the parser hangs on the object of "of": still the doer.
    ("The expulsion of two Moldovan diplomats by Moscow was announced on Thursday.", ("SANCTION", "RUS", "MDA")),
    ("The arrest of three Estonian citizens by Russia came as tensions rose in the Baltic.", ("COERCE", "RUS", "EST")),
    ("The detention of a Japanese businessman by China was confirmed by Tokyo on Monday.", ("COERCE", "CHN", "JPN")),
    # Warships sent to a sea or a region are a show of force, not arms delivered to no one.
    ("Washington sent a second aircraft carrier to the eastern Mediterranean on Saturday.", ("MOBILIZE", "USA", None)),
    ("Germany sent a frigate to the Indo-Pacific for the first time in two decades.", ("MOBILIZE", "DEU", None)),
    ("Britain sent a warship to Guyana in a show of support against Venezuela.", ("MOBILIZE", "GBR", "GUY")),
    ("France sent fighter jets to Romania.", ("AID", "FRA", "ROU")),  # jets sent to a state: aid, as before
    # A gerund after "after", "before", "by"...: done by the subject of the clause it hangs on.
    ("Nauru switched recognition to Beijing after breaking off relations with Taiwan.", ("SANCTION", "NRU", "TWN")),
    ("Niger's junta cut ties with Ukraine after accusing Kyiv of backing rebels.", ("ACCUSE", "NER", "UKR")),
    ("Mali responded by cutting diplomatic ties with Ukraine.", ("SANCTION", "MLI", "UKR")),
    # "prompting X to ...", "forced X to ...": the object does the act.
    ("Lithuania opened a Taiwanese office, prompting China to recall its ambassador from Vilnius.",
     ("SANCTION", "CHN", "LTU")),
])
def test_recall(coder, text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in triples(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    # Actors coordinated deep inside the object are all recipients, not only the first named.
    ("Washington threatened to raise duties on steel from Brazil and Argentina.",
     {("THREATEN", "USA", "BRA"), ("THREATEN", "USA", "ARG")}),
    ("China condemned the drills held by Japan and the Philippines near the disputed shoal.",
     {("ACCUSE", "CHN", "JPN"), ("ACCUSE", "CHN", "PHL")}),
    ("Russia criticised the sanctions imposed by Britain and Canada.",
     {("ACCUSE", "RUS", "GBR"), ("ACCUSE", "RUS", "CAN")}),
])
def test_coordinated_recipients_inside_object(coder, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(coder, text)


@pytest.mark.parametrize(("text", "unwanted"), [
    # a lorry crashing is an accident, not an attack; criticism answered is not force
    ("A lorry crashed into a bridge near Lyon on Tuesday.", ("ASSAULT", None)),
    ("The ministry responded to criticism from Washington on Tuesday.", ("ASSAULT", None)),
    # the one prompted acts, not the one prompting
    ("Lithuania opened a Taiwanese office, prompting China to recall its ambassador from Vilnius.", ("SANCTION", "LTU")),
])
def test_recall_leaves_alone(coder, text: str, unwanted: tuple[str, str | None]) -> None:
    kind, source = unwanted
    assert not any(t[0] == kind and (source is None or t[1] == source) for t in triples(coder, text))


@pytest.mark.parametrize(("text", "expected"), [
    # Fighting told as a noun between two sides is one reciprocal act of force.
    ("Skirmishes between Ethiopian and Eritrean troops broke out near Badme.", ("ASSAULT", "ETH", "ERI")),
    ("The firefight between Serbian and Kosovo police lasted two hours.", ("ASSAULT", "SRB", "XKX")),
])
def test_fighting_between_two_sides(coder, text: str, expected: tuple[str, str, str]) -> None:
    kind, a, b = expected
    found = triples(coder, text)
    assert (kind, a, b) in found or (kind, b, a) in found, found


@pytest.mark.parametrize("text", [
    # The toll of an attack, as a participle or relative clause on it, is no second act.
    "Sudanese army drones struck a market in Chad, killing five traders.",
    "Colombian and Venezuelan soldiers exchanged fire at the border, leaving one soldier dead.",
    "Russia launched missile strikes on Kharkiv that wounded 12 people.",
    # ... and so is what it is aimed at.
    "Britain imposed sanctions on Belarus, targeting its potash exports.",
])
def test_an_attacks_toll_adds_no_event(coder, text: str) -> None:
    coded = coder.code_one(Document(id="t", text=text, pub_date=date(2024, 5, 22)))
    triggers = {e.trigger for e in coded.events if e.type in {"ASSAULT", "SANCTION"}}
    assert triggers and not triggers & {"killing", "leaving", "wounded", "targeting"}, triggers


@pytest.mark.parametrize("text", [
    # "neither ... nor" on the subject negates the act of each, as on the verb does
    "Neither Turkey nor Hungary has ratified Sweden's accession.",
    "Neither Spain nor Italy expelled any Russian diplomats.",
    "Neither side has withdrawn its troops from the disputed valley.",
])
def test_neither_on_the_subject_negates_the_act(coder, text: str) -> None:
    assert not triples(coder, text)
