"""Verbal conflict on phrasings the dev files do not use (issue 15): accusations, threats and
rejections, each with a near-miss that must stay no event (or another one). The sentences are
written for these tests, not taken from tests/data/verbal_check.jsonl, which is kept apart to
measure the coder."""

from __future__ import annotations

import pytest

from tests.test_unseen_news import triples

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "expected"), [
    # a particle the parser made an adverb; "no" as an interjection carrying "to"
    ("Ankara brushed aside Washington's objections to the purchase of Russian missiles.", {("REJECT", "TUR", "USA")}),
    ("Seoul said no to Tokyo's request for talks on the dispute.", {("REJECT", "KOR", "JPN")}),
    # rejecting an accusation whose author is named rejects the accuser ...
    ("Pakistan rejected India's allegations that it had sheltered militants.", {("REJECT", "PAK", "IND")}),
    # ... denying one that no one is named making is a denial only
    ("Tehran denied any involvement in the attack.", set()),
    # a judged act told as a noun: its "by" phrase names whom the judgement is aimed at
    ("Lithuania condemned the violation of its airspace by Russian military aircraft.", {("ACCUSE", "LTU", "RUS")}),
    ("Kabul called Pakistan's border closure a stab in the back.", {("ACCUSE", "AFG", "PAK")}),
    # refusing a price cap on a state's oil is no rejection of that state
    ("Turkey declined to join the price cap on Russian oil.", set()),
])
def test_accusations_and_rejections(coder, text, expected):
    assert triples(coder, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a reprisal foretold by a speaker is the speaker's threat
    ("Putin said Ukraine would face retaliation for the attack on the Crimean bridge.", {("THREATEN", "RUS", "UKR")}),
    ("Tehran said Israel would pay a heavy price for the killing of its general.", {("THREATEN", "IRN", "ISR")}),
    # ... a price paid, or a reprisal no one is said to threaten, is none
    ("Ukraine has paid a heavy price for its independence, Zelensky said.", set()),
    ("Farmers in Europe face a heavy price for fertiliser this winter.", set()),
    # force not ruled out is threatened, and the force itself is no act; ruled out, nothing is
    ("Israel has not ruled out striking Iran's nuclear facilities.", {("THREATEN", "ISR", "IRN")}),
    ("Israel ruled out striking Iran's nuclear facilities.", set()),
])
def test_threats(coder, text, expected):
    assert triples(coder, text) == expected


def test_a_reprisal_suffered_is_no_act_with_all_acts(coder):
    assert not triples(coder, "Ukraine has paid a heavy price for its independence, Zelensky said.", all_acts=True)


@pytest.mark.parametrize(("text", "unwanted"), [
    # an act warned of or called for, told as the "of"/"for" phrase of such a noun, did not happen
    ("The Kremlin dismissed warnings of a Russian invasion of Ukraine.", "ASSAULT"),
    ("Moscow rejected calls for the withdrawal of Russian troops from Moldova.", "RETREAT"),
])
def test_acts_warned_of_or_called_for_are_not_events(coder, text, unwanted):
    assert not any(t[0] == unwanted for t in triples(coder, text, all_acts=True))


def test_an_act_reported_as_a_noun_is_still_coded(coder):
    assert ("RETREAT", "RUS", "UKR") in triples(coder, "Ukraine reported the withdrawal of Russian troops from Kherson.")


@pytest.mark.parametrize(("text", "expected"), [
    # a text judged by another party says what its authors say; a text blocked says nothing
    ("China condemned a G7 statement criticising its policies in Hong Kong.",
     {("ACCUSE", "CHN", "G7"), ("ACCUSE", "G7", "CHN")}),
    ("Hungary blocked a European Union statement criticising China over Hong Kong.", {("REJECT", "HUN", "EU")}),
    # ... the issuer of a text is still the source of what it says
    ("Kenya, Uganda and Tanzania issued a joint statement urging Ethiopia to end the fighting in Tigray.",
     {("REQUEST", "KEN", "ETH"), ("REQUEST", "UGA", "ETH"), ("REQUEST", "TZA", "ETH")}),
    # a rebuke framing the clause is its subject's, aimed at whom it is "to"
    ("In a rebuke to Moscow, Kazakhstan sent aid to Ukraine.", {("ACCUSE", "KAZ", "RUS"), ("AID", "KAZ", "UKR")}),
    # ... a rebuke no one is named giving frames nothing
    ("The rebuke to Moscow came on Monday.", set()),
])
def test_texts_and_frames(coder, text, expected):
    assert triples(coder, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a that-clause judging another's act, or laying an act at another's door, is an accusation
    ("Berlin said Moscow's actions were a flagrant violation of international law.", {("ACCUSE", "DEU", "RUS")}),
    ("Moscow said Kyiv was responsible for the attack on the Crimean bridge.", {("ACCUSE", "RUS", "UKR")}),
    ("Kyiv said Moscow bore full responsibility for the destruction of the Kakhovka dam.", {("ACCUSE", "UKR", "RUS")}),
    # ... not what a speaker says of itself or of a situation, nor of an actor named inside
    ("Russia said it was ready for talks with Ukraine.", set()),
    ("Scholz said Germany's dependence on Russian gas was a mistake.", set()),
    ("Russia bears responsibility for the war.", set()),
])
def test_judgements_told_in_reported_speech(coder, text, expected):
    assert {t for t in triples(coder, text) if t[0] == "ACCUSE"} == expected


@pytest.mark.parametrize(("text", "expected"), [
    # force one "would not hesitate" to use is announced: a threat
    ("Iran said it would not hesitate to use force against Israel.", {("THREATEN", "IRN", "ISR")}),
    # a gerund right after "ruled out" is its complement, not force used
    ("Beijing has never ruled out using force against Taiwan.", set()),
    # force used is force
    ("Turkey used force against Kurdish militants in Syria.", {("ASSAULT", "TUR", "SYR")}),
])
def test_force_announced_or_ruled_out(coder, text, expected):
    assert triples(coder, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a warning of another's doing or of a situation threatens no one ...
    ("The World Health Organization warned that cholera was spreading in Sudan.", set()),
    ("Germany's economy minister warned that Chinese competition could hurt German carmakers.", set()),
    # ... one of the warner's own act to come, or of a reprisal in store, is a threat
    ("Iran warned that it would hit back hard if Israel attacked its nuclear sites.", {("THREATEN", "IRN", "ISR")}),
    ("Ankara warned that Athens would pay a heavy price for its arms build-up on the islands.", {("THREATEN", "TUR", "GRC")}),
])
def test_warnings(coder, text, expected):
    assert {t for t in triples(coder, text) if t[0] == "THREATEN"} == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a refusal to no one named turns down what was last asked of the refusers
    ("Ukraine asked Hungary to let weapons cross its border. Hungary refused to do so.",
     {("REQUEST", "UKR", "HUN"), ("REJECT", "HUN", "UKR")}),
    # a denial naming no charge answers the accusation told against the deniers ...
    ("Kyiv accused Minsk of training Russian troops for an attack. Belarus denied it had any part in the plans.",
     {("ACCUSE", "UKR", "BLR"), ("REJECT", "BLR", "UKR")}),
    # ... also when the charge is told alongside, below the accusing verb
    ("Seoul said Pyongyang was behind the hacking of its nuclear operator, an allegation North Korea denied.",
     {("ACCUSE", "KOR", "PRK"), ("REJECT", "PRK", "KOR")}),
])
def test_answers_in_a_story(coder, text, expected):
    assert triples(coder, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a threat naming no one is aimed at whoever its condition or its occasion names
    ("Beijing said it would take countermeasures if Vilnius let Taiwan open a representative office.",
     {("THREATEN", "CHN", "LTU")}),
    ("Tehran promised a harsh response after Washington seized an Iranian oil tanker.",
     {("THREATEN", "IRN", "USA"), ("COERCE", "USA", "IRN")}),
    # ... but an act told as a mere possibility under a condition is no one's threat
    ("If Serbia attacks Kosovo, NATO could send more troops to the region.", set()),
])
def test_threats_aimed_by_their_condition(coder, text, expected):
    assert triples(coder, text) == expected


@pytest.mark.parametrize(("text", "unwanted"), [
    # an act inside what a demand wants did not happen
    ("Iraq rejected Turkey's demand that it act to expel Kurdish militants from Sinjar.", "COERCE"),
])
def test_acts_a_demand_wants_are_not_events(coder, text, unwanted):
    assert not any(t[0] == unwanted for t in triples(coder, text, all_acts=True))


@pytest.mark.parametrize(("text", "expected"), [
    # condemning another's decision is aimed at its author, though the author's country is named inside it
    ("Moscow condemned Berlin's decision to expel Russian diplomats from Germany.", {("ACCUSE", "RUS", "DEU")}),
    # refusing to rule out an act turns nothing down
    ("The French president declined to rule out sending troops to Ukraine.", set()),
    # a judgement said "in a statement that ...", the clause hung on the text
    ("Moscow said in a statement that Tallinn's removal of the monument was an outrage.", {("ACCUSE", "RUS", "EST")}),
])
def test_judgements_and_refusals(coder, text, expected):
    assert triples(coder, text) == expected


def test_a_protest_hung_inside_the_clause_reported_is_the_speakers(coder):
    coded = triples(coder, "Seoul said North Korean drones had crossed the border and lodged a protest with Pyongyang.")
    assert ("ACCUSE", "KOR", "PRK") in coded
    assert not any(t[0] in {"ACCUSE", "PROTEST"} and t[1] == "PRK" for t in coded)
