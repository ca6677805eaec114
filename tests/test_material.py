"""Readings of material conflict and de-escalation (ASSAULT, COERCE, MOBILIZE, SANCTION, RETREAT,
CONCEDE; issue 15) that tests/data/material_check.jsonl measures, each shown on sentences written
for this file (none of them is in the check set, which is kept apart to measure the coder), and
for every new sense a near miss that must not take it."""

from __future__ import annotations

import pytest

from tests.test_unseen_news import triples

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "expected"), [
    # A count of what is launched carries its preposition: "dozens of drones *against*".
    ("Russia launched dozens of missiles against Kyiv on Sunday night.", ("ASSAULT", "RUS", "UKR")),
    # Coming under fire, shelling or attack from someone is their act on the subject.
    ("Israeli positions came under rocket fire from Lebanon on Friday.", ("ASSAULT", "LBN", "ISR")),
    ("A Ukrainian convoy came under attack from Russian drones near Kherson.", ("ASSAULT", "RUS", "UKR")),
    ("Armenian villages came under heavy bombardment from Azerbaijani forces overnight.", ("ASSAULT", "AZE", "ARM")),
    # Two armies that fought each other, told with no object.
    ("Kyrgyz and Tajik troops fought along their disputed border on Friday.", ("ASSAULT", "KGZ", "TJK")),
    # Sentences handed down, offices raided, people deported by the thousand.
    ("A Moscow court handed American teacher Marc Fogel a 14-year prison sentence.", ("COERCE", "RUS", "USA")),
    ("Russian police raided the offices of a German foundation in Moscow.", ("COERCE", "RUS", "DEU")),
    ("Algeria deported hundreds of Malian migrants this week.", ("COERCE", "DZA", "MLI")),
    # Units deployed, a state encircled with warships.
    ("Britain deployed a squadron of Typhoon jets to Romania in March.", ("MOBILIZE", "GBR", "ROU")),
    ("China encircled Taiwan with fighter jets and drones on Thursday.", ("MOBILIZE", "CHN", "TWN")),
    # Sums frozen, firms put on a list.
    ("Washington froze $1 billion in Venezuelan state funds.", ("SANCTION", "USA", "VEN")),
    ("Washington put Chinese drone maker DJI on a trade blacklist in 2020.", ("SANCTION", "USA", "CHN")),
    # Lifting part of the sanctions: the sanctions are what is lifted, not a new sanction.
    ("Canada lifted some of its sanctions on Syria.", ("RETREAT", "CAN", "SYR")),
    # Giving up an objection or a demand is a concession.
    ("Ankara gave up its objection to Finland joining NATO.", ("CONCEDE", "TUR", "FIN")),
    # Hitting back at criticism is words.
    ("Moscow hit back at Britain's accusations on Monday.", ("ACCUSE", "RUS", "GBR")),
    ("Germany came under fire from Ukraine over its refusal to send tanks.", ("ACCUSE", "UKR", "DEU")),
    # A show of force that names no one answers whom its occasion names: a phrase of what it
    # follows, or whom its to-clause addresses.
    ("Estonia sent troops to its eastern border amid a standoff with Russia.", ("MOBILIZE", "EST", "RUS")),
    ("The Pentagon dispatched two destroyers to the Gulf to send a warning to Tehran.",
     ("MOBILIZE", "USA", "IRN")),
    # Conceding to someone is a concession.
    ("Kyiv conceded to Moscow's demands for a neutral status.", ("CONCEDE", "UKR", "RUS")),
    # An act the story's news follows ("after") is still told as it happened.
    ("Finland joined NATO after Russia invaded Ukraine in 2022.", ("ASSAULT", "RUS", "UKR")),
    # Troops attacking an organization's base attack with force.
    ("Israeli troops attacked a UN peacekeeping base in southern Lebanon.", ("ASSAULT", "ISR", "UN")),
    # Forces that leave a country withdraw from it; a base handed over is ground given up.
    ("Wagner fighters left Mali in June.", ("RETREAT", "RUS", "MLI")),
    ("The United States handed over the base to Afghanistan.", ("RETREAT", "USA", "AFG")),
    # Easing a veto or an objection is a concession.
    ("Turkey eased its veto on Sweden's NATO bid.", ("CONCEDE", "TUR", "SWE")),
    # A count after a preposition counts what it names.
    ("The United States hit Iran with a new wave of sanctions.", ("SANCTION", "USA", "IRN")),
    ("China retaliated against Washington with a package of tariffs.", ("SANCTION", "CHN", "USA")),
])
def test_reading(coder, text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in triples(coder, text)


# Near misses: the type must not be coded, with every act kept (True) or in the dyadic output.
@pytest.mark.parametrize(("text", "unwanted", "all_acts"), [
    # Sport, accidents and words are no force.
    ("Brazil beat Argentina 1-0 in a World Cup qualifier on Tuesday.", "ASSAULT", True),
    ("A cargo plane crashed into a mountain in Nepal on Monday.", "ASSAULT", True),
    ("The prime minister launched a scathing attack on the opposition's economic record.", "ASSAULT", True),
    ("Ankara hit back at the European Parliament's report on Tuesday.", "ASSAULT", True),
    ("The French government came under fire from opposition parties over the pension reform.", "ASSAULT",
     True),
    # A count of people sent home is deportation, not an act of force.
    ("Algeria deported hundreds of Malian migrants this week.", "ASSAULT", True),
    # The sanctions partly lifted are what is lifted, no new sanction.
    ("Canada lifted some of its sanctions on Syria.", "SANCTION", True),
    # Troops sent with their tanks are moved, not given away.
    ("Pakistan rushed troops and tanks toward the Indian border on Friday.", "AID", True),
    # Conceding that something is so is saying it, no concession.
    ("The Chinese foreign minister conceded that relations with Washington had been difficult.", "CONCEDE",
     False),
    # What a span of time is counted from is background: no new act of force.
    ("Zelensky made his first trip abroad since the Russian invasion on Wednesday.", "ASSAULT", False),
    ("Hungary has repeatedly delayed aid for Ukraine since Russia invaded Ukraine in February 2022.", "ASSAULT",
     False),
    # A leader attacking an organization attacks in words.
    ("Donald Trump attacked the World Health Organization over its handling of the pandemic.", "ASSAULT",
     False),
    # A leader or a delegation that leaves a capital only travels.
    ("The Chinese premier left Moscow on Wednesday after two days of talks.", "RETREAT", True),
    ("Pakistani diplomats left India after the expulsion.", "RETREAT", True),
])
def test_near_miss(coder, text: str, unwanted: str, all_acts: bool) -> None:
    assert not any(t[0] == unwanted for t in triples(coder, text, all_acts=all_acts))


def test_a_sum_frozen_at_home_sanctions_no_one(coder) -> None:
    # With --all-acts the freezing stays an act with no recipient; the dyadic output has none.
    assert not any(t[0] == "SANCTION" for t in triples(coder, "The government froze $2 billion in spending on roads."))


def test_condemned_wave_of_strikes_keeps_the_strikes(coder) -> None:
    text = "Last week's wave of Russian missile strikes on Odesa was condemned by the EU."
    assert ("ASSAULT", "RUS", "UKR") in triples(coder, text)


def test_a_state_moving_to_its_own_ground_acts_on_no_one(coder) -> None:
    # The island is Britain's own: the boats are sent there, at no one.
    assert not any(t[2] == "GBR" for t in triples(coder, "Britain sent two patrol vessels to Jersey."))


def test_sides_that_fought_in_a_place_are_each_others_targets(coder) -> None:
    # The place (Kashmir, India's) is where they fought, not a third party: no IND -> IND.
    got = triples(coder, "Indian and Pakistani soldiers exchanged fire in Kashmir on Sunday, killing a shepherd.")
    assert ("ASSAULT", "IND", "PAK") in got and ("ASSAULT", "IND", "IND") not in got


def test_an_alert_is_against_whom_its_occasion_names(coder) -> None:
    text = "South Korea placed its military on alert after North Korea fired artillery shells near the border."
    assert ("MOBILIZE", "KOR", "PRK") in triples(coder, text)

def test_missiles_fired_at_the_sea_are_a_show_of_force(coder) -> None:
    got = triples(coder, "North Korea launched a ballistic missile toward the Sea of Japan on Sunday.")
    assert any(t[:2] == ("MOBILIZE", "PRK") for t in got) and not any(t[0] == "ASSAULT" for t in got)


def test_an_exchange_of_fire_after_a_strike_keeps_its_other_direction(coder) -> None:
    got = triples(coder, "Russian jets bombed Kharkiv on Monday, and Russian and Ukrainian troops exchanged fire "
                         "near Bakhmut.")
    assert {("ASSAULT", "RUS", "UKR"), ("ASSAULT", "UKR", "RUS")} <= got


def test_a_clash_naming_the_act_told_adds_no_direction(coder) -> None:
    got = triples(coder, "Russian border guards fired on two Ukrainian gunboats on Sunday, in the first open "
                         "clash between the two countries in years.")
    assert ("ASSAULT", "RUS", "UKR") in got and ("ASSAULT", "UKR", "RUS") not in got


def test_a_targetless_repeat_of_an_act_is_folded(coder) -> None:
    got = triples(coder, "The Russian bombardment of Mariupol destroyed the city's drama theatre.")
    assert ("ASSAULT", "RUS", None) not in got and ("ASSAULT", "RUS", "UKR") in got


def test_a_mutual_act_after_one_sides_act_adds_no_direction(coder) -> None:
    # Only exchanges of force are two-sided (words.yaml two_sided_types): a signing after one
    # side's praise does not make the other side praise.
    got = triples(coder, "Xi Jinping praised Kazakhstan on Tuesday, and China and Kazakhstan signed a visa-free "
                         "travel agreement.")
    assert ("SUPPORT", "CHN", "KAZ") in got and ("SUPPORT", "KAZ", "CHN") not in got


def test_a_gerund_written_as_a_noun_is_the_passives_agent(coder) -> None:
    # "shelling" is parsed as a gerund under "by": its adjective still names who shelled
    got = triples(coder, "Five civilians were killed by Russian shelling in Kherson on Tuesday.")
    assert got == {("ASSAULT", "RUS", "UKR")}
