"""What whole wire stories need that single sentences do not (issue 15, article recall), each
shown on sentences and short stories written for this file (none is in
tests/data/articles4_check.jsonl or tests/data/articles5_check.jsonl, the sets of pages kept apart
to measure the coder)."""

from __future__ import annotations

from datetime import date

import pytest

from bilateral import Document
from tests.test_unseen_news import triples

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "expected"), [
    # A lead whose first word the parser split off after the dateline lost its subject.
    ("ANKARA, March 3 - Turkey and Greece signed a declaration of friendship on Thursday.",
     ("SUPPORT", "TUR", "GRC")),
    ("WASHINGTON, Jan 9 - U.S. President Joe Biden met Mexican President Andres Manuel Lopez Obrador on Monday.",
     ("CONSULT", "USA", "MEX")),
    ("ADDIS ABABA, Nov 2 - Ethiopia and Tigrayan forces agreed to a permanent cessation of hostilities.",
     ("AGREE", "ETH", None)),
])
def test_lead_after_a_dateline(coder, text: str, expected: tuple[str, str, str | None]) -> None:
    found = triples(coder, text)
    assert any(t[:2] == expected[:2] and (expected[2] is None or t[2] == expected[2]) for t in found), found


def test_lead_after_a_dateline_is_one_sentence(coder) -> None:
    text = "BRASILIA, May 4 - Brazil and Argentina agreed to build a gas pipeline."
    doc = coder.nlp(coder.make_doc(Document(id="t", text=text, pub_date=date(2023, 5, 4))))
    assert [s.text for s in doc.sents] == ["BRASILIA, May 4 -", "Brazil and Argentina agreed to build a gas pipeline."]


@pytest.mark.parametrize(("text", "expected"), [
    # Commonwealth states exchange high commissioners, not ambassadors.
    ("Britain summoned India's acting high commissioner over the raid.", ("ACCUSE", "GBR", "IND")),
    ("Canada expelled the Indian high commissioner and five other diplomats.", ("SANCTION", "CAN", "IND")),
    # Shooting down drones, missiles, "objects" or "them" is force; a proposal shot down is rejected.
    ("Romanian jets shot down several Russian objects that crossed into its airspace.", ("ASSAULT", "ROU", "RUS")),
    ("Most of them were shot down by Ukrainian air defences overnight.", ("ASSAULT", "UKR", None)),
    # A deadline given to a state is an ultimatum (CAMEO 139); one given to leave, an expulsion.
    ("The Arab League gave Syria two weeks to halt its crackdown on protesters.", ("THREATEN", "LAS", "SYR")),
    ("Washington gave Moscow 60 days to return to compliance with the treaty.", ("THREATEN", "USA", "RUS")),
    ("Ethiopia gave the Sudanese ambassador three days to leave the country.", ("SANCTION", "ETH", "SDN")),
    # Not ruling out force threatens it.
    ("Israel has not ruled out a strike on Iran's nuclear sites.", ("THREATEN", "ISR", "IRN")),
    ("Turkey did not exclude military action against Kurdish fighters in Syria.", ("THREATEN", "TUR", "SYR")),
    # Praise an act draws from someone is theirs, for its author.
    ("Saudi Arabia's decision drew praise from Egypt.", ("SUPPORT", "EGY", "SAU")),
    # Blocking the start of a state's accession talks rejects its bid.
    ("Bulgaria blocked the opening of membership talks with North Macedonia.", ("REJECT", "BGR", "MKD")),
    # The African Union's organ is not the UN Security Council.
    ("The African Union's Peace and Security Council suspended Gabon after the coup.", ("SANCTION", "AU", "GAB")),
])
def test_words_of_wire_copy(coder, text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in triples(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    # A fight breaking out "between" two sides is fought by both.
    ("Heavy fighting erupted between Sudan and South Sudan near Heglig on Tuesday.",
     {("ASSAULT", "SDN", "SSD"), ("ASSAULT", "SSD", "SDN")}),
    ("Clashes broke out between Israel and Hezbollah along the border.",
     {("ASSAULT", "ISR", "LBN"), ("ASSAULT", "LBN", "ISR")}),
    # Force aimed at no one named hits the other side of the fight the story has told.
    ("Eritrean troops attacked Ethiopian positions near Zalambessa on Monday. Ethiopian artillery "
     "destroyed two tanks on Tuesday, the army said.",
     {("ASSAULT", "ERI", "ETH"), ("ASSAULT", "ETH", "ERI")}),
    ("Israeli jets struck targets in Lebanon on Friday. Hezbollah fighters attacked an army post overnight.",
     {("ASSAULT", "ISR", "LBN"), ("ASSAULT", "LBN", "ISR")}),
    # A call for restraint or a ceasefire with no addressee is to the sides of the latest fight.
    ("Kyrgyz and Tajik border guards exchanged fire on Thursday. Kazakhstan called for restraint.",
     {("REQUEST", "KAZ", "KGZ"), ("REQUEST", "KAZ", "TJK")}),
    ("Russia held naval drills near Japan on Monday. Australia called for restraint.",
     {("REQUEST", "AUS", "RUS"), ("REQUEST", "AUS", "JPN")}),
    # Drills pressed on with are a show of force, aimed where the "with" phrase says.
    ("North Korea pressed on with military exercises near South Korea.", {("MOBILIZE", "PRK", "KOR")}),
    ("Israeli troops raided Jenin on Monday. Jordan called for an immediate ceasefire.",
     {("REQUEST", "JOR", "ISR"), ("REQUEST", "JOR", "PSE")}),
])
def test_story_fights(coder, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(coder, text)


@pytest.mark.parametrize(("text", "unwanted"), [
    # a row is no fight; a call for restraint with no fight told before stays without a target
    ("A diplomatic row broke out between Beijing and Canberra over the inquiry.", "ASSAULT"),
    ("Qatar called for restraint on Monday.", "REQUEST"),
    # sides fighting each other are not aimed at a third state they fought before
    ("Jordan shot down Iranian drones on Saturday. Israel and Iran have fought a shadow war for years.", "JOR"),
    # force ruled out is no event
    ("Germany ruled out military intervention in Libya.", "THREATEN"),
])
def test_story_fights_leave_alone(coder, text: str, unwanted: str) -> None:
    assert not any(unwanted in (t[0], t[2]) and t[1] != unwanted for t in triples(coder, text))


def test_force_at_a_named_place_is_not_aimed_at_the_earlier_opponent(coder) -> None:
    text = "Azerbaijani troops shelled Armenian villages on Monday. Azerbaijani police fired tear gas in Baku."
    coded = coder.code_one(Document(id="t", text=text, pub_date=date(2020, 10, 5)))
    in_baku = [e for e in coded.events if "Baku" in e.sentence]
    assert not any(e.target is not None and e.target.code == "ARM" for e in in_baku)


@pytest.mark.parametrize(("text", "expected"), [
    # An object pronoun is not the subject of its own clause: the nearest other actor named before.
    ("Oman's sultan telephoned the Yemeni president and urged him to return to talks.", {("REQUEST", "OMN", "YEM")}),
    ("Blinken met the Indian and Pakistani envoys and urged them to keep the ceasefire.",
     {("REQUEST", "USA", "IND"), ("REQUEST", "USA", "PAK")}),
    ("Macron said he had spoken to the leaders of Serbia and Kosovo to encourage them to calm tensions.",
     {("REQUEST", "FRA", "SRB"), ("REQUEST", "FRA", "XKX")}),
])
def test_object_pronouns(coder, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(coder, text)


def test_a_headline_that_restates_the_lead_is_told_once(coder, tmp_path) -> None:
    from bilateral.ingest import read_inputs

    page = tmp_path / "story.html"
    page.write_text("<html><head><title>Kenya and Somalia restore ties</title></head><body><article>"
                    "<h1>Kenya and Somalia restore ties</h1><p>NAIROBI, May 7 - Kenya and Somalia agreed on "
                    "Thursday to restore diplomatic relations, a year after Nairobi cut them.</p>"
                    "<p>Somalia also praised Ethiopia for hosting the talks, which lasted two days.</p>"
                    "<p>Officials in both capitals said the talks had been frank and that trade links "
                    "had suffered during the dispute.</p></article></body></html>",
                    encoding="utf-8")
    story = tmp_path / "wire.txt"
    story.write_text("Kenya and Somalia restore ties\n\nNAIROBI, May 7 - Kenya and Somalia agreed on Thursday "
                     "to restore diplomatic relations.\n", encoding="utf-8")
    for doc in read_inputs([page, story], date(2021, 5, 7)):
        assert isinstance(doc, Document), doc
        events = coder.code_one(doc).events
        told = [(e.type, e.sentence_index) for e in events if {e.source.code, e.target.code} == {"KEN", "SOM"}]
        assert len(told) == 1 and told[0][1] > 0, told  # the lead's event, with its date and wording


@pytest.mark.parametrize(("text", "expected"), [
    # A retort with no addressee answers the one state the story has set its doers against.
    ("Kenya closed its border with Somalia on Friday. Somalia said it was recalling its ambassador for consultations.",
     {("SANCTION", "SOM", "KEN")}),
    ("Qatar imposed a ban on Bahraini ships. Bahrain suspended relations on Tuesday.", {("SANCTION", "BHR", "QAT")}),
    ("Peru expelled Bolivia's ambassador on Tuesday. Bolivia demanded an apology.", {("REQUEST", "BOL", "PER")}),
    ("Peru expelled Bolivia's ambassador on Tuesday. Bolivia threatened to respond with reciprocal measures.",
     {("THREATEN", "BOL", "PER")}),
    # several doers answer together, each the state set against any of them
    ("Morocco closed its consulates in Mauritania and Senegal. Mauritania and Senegal said they were recalling "
     "their ambassadors.", {("SANCTION", "MRT", "MAR"), ("SANCTION", "SEN", "MAR")}),
])
def test_retorts_answer_the_other_side(coder, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(coder, text)


@pytest.mark.parametrize(("text", "doer", "unwanted"), [
    # no hostile act told before: nobody to answer
    ("Bahrain suspended relations on Tuesday.", "BHR", "SANCTION"),
    # set against two states: which one is answered is not known
    ("Egypt expelled Turkey's envoy. Qatar's ambassador was expelled by Egypt too. Egypt demanded an apology.",
     "EGY", "REQUEST"),
    # the clause names another actor the slot rules left: the act is about that one
    ("Iran seized a British tanker on Friday. Britain warned of Russia's growing role in the Gulf.", "GBR", "THREATEN"),
])
def test_retorts_leave_alone(coder, text: str, doer: str, unwanted: str) -> None:
    assert not any(t[:2] == (unwanted, doer) and t[2] not in {None, doer} for t in triples(coder, text))


@pytest.mark.parametrize(("text", "expected"), [
    # A person the story introduces by office is known by name afterwards, whole or in part.
    ("Gabon's foreign minister, Regis Onanga Ndiaye, arrived in Yaounde on Monday. Onanga Ndiaye accused "
     "Equatorial Guinea of violating the border.", {("ACCUSE", "GAB", "GNQ")}),
    ("Paraguay's ambassador, Juan Angel Delgadillo, met Brazilian officials on Monday. Delgadillo urged Bolivia "
     "to respect the treaty.", {("REQUEST", "PRY", "BOL")}),
])
def test_people_named_again(coder, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(coder, text)


def test_a_name_two_people_share_stays_unknown(coder) -> None:
    text = ("Chad's envoy, Ahmat Mahamat, met Sudan's envoy, Hassan Mahamat, in Doha. Mahamat accused "
            "Libya of arming the rebels.")
    assert not any(t[0] == "ACCUSE" for t in triples(coder, text))


@pytest.mark.parametrize(("text", "expected"), [
    # "it" as a reaction's object is the act just told
    ("Egypt seized a Sudanese ship on Monday. Sudan's government called it unacceptable.", {("ACCUSE", "SDN", "EGY")}),
    # the attack "on its embassy" is the act that hit the reactor, not the latest one
    ("Togolese protesters attacked Ghana's embassy in Lome on Monday. Police fired tear gas at crowds outside the "
     "Nigerian embassy. Ghana condemned the attack on its embassy.", {("ACCUSE", "GHA", "TGO")}),
    # an attack the story reacts to is its first, not the answer to it
    ("Armenian forces attacked Azerbaijani positions on Monday. Azerbaijan responded with strikes on Armenian "
     "artillery. The European Union condemned the attack.", {("ACCUSE", "EU", "ARM")}),
])
def test_reactions_find_their_act(coder, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    # What is asked "between" two sides is asked of them.
    ("The United Nations called for an end to the fighting between Guatemala and Belize.",
     {("REQUEST", "UN", "GTM"), ("REQUEST", "UN", "BLZ")}),
    ("Guatemala and Belize traded accusations over the border on Monday. The OAS called for dialogue between the "
     "two countries.", {("REQUEST", "OAS", "GTM"), ("REQUEST", "OAS", "BLZ")}),
    # "its two allies" is the story's pair
    ("Japan and South Korea traded accusations on Monday. Washington urged its two allies to hold talks.",
     {("REQUEST", "USA", "JPN"), ("REQUEST", "USA", "KOR")}),
])
def test_pairs_asked(coder, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(coder, text)


def test_its_allies_are_not_the_pair(coder) -> None:
    text = "Japan and South Korea traded accusations on Monday. The United States urged its allies to stay calm."
    assert not any(t[:2] == ("REQUEST", "USA") for t in triples(coder, text))


@pytest.mark.parametrize(("text", "expected"), [
    # Saying that a state or its act is a violation or a threat blames it.
    ("Erdogan wrote on Twitter that Armenia was the biggest threat to peace in the region.", ("ACCUSE", "TUR", "ARM")),
    ("Azerbaijan said the Armenian shelling was a gross violation of the ceasefire.", ("ACCUSE", "AZE", "ARM")),
])
def test_saying_it_was_a_violation(coder, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(coder, text)


@pytest.mark.parametrize("text", [
    "Turkey said the meeting with Greece was constructive.",
    # the act is not named by the clause: which one is meant is left to the story
    "Kenya said the action by the police was final.",
    "Brazil said the action was a clear violation of the convention, and Chile's president called it unacceptable.",
])
def test_saying_it_was_so_leaves_alone(coder, text: str) -> None:
    assert not any(t[0] == "ACCUSE" and t[1] in {"TUR", "KEN", "BRA"} for t in triples(coder, text))
