"""Readings of material conflict that tests/data/material3_check*.jsonl measure (ASSAULT, MOBILIZE,
COERCE, RETREAT as news tells them; issue 15), each shown on sentences written for this file (none
of them is in the check sets, which are kept apart to measure the coder), with near misses that
must not take the reading."""

from __future__ import annotations

import pytest

from tests.test_unseen_news import triples

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "expected"), [
    # A city that "came under" strikes or weapons fire is hit by whoever the strikes are of.
    ("The port city of Mykolaiv came under Russian drone strikes overnight.", ("ASSAULT", "RUS", "UKR")),
    ("Beirut's southern suburbs came under Israeli air strikes on Friday.", ("ASSAULT", "ISR", "LBN")),
    ("Kharkiv came under Russian artillery fire on Sunday.", ("ASSAULT", "RUS", "UKR")),
    # Fire returned at those who fired.
    ("Indian troops returned fire at Pakistani posts across the Line of Control.", ("ASSAULT", "IND", "PAK")),
    # A place named as "the city of X" inside the phrase of where a strike landed.
    ("A Russian glide bomb struck a shopping centre in the city of Kharkiv on Saturday.",
     ("ASSAULT", "RUS", "UKR")),
    # Searching a foreign company's offices is a raid.
    ("Chinese police searched the offices of the US consultancy Capvision in Shanghai.",
     ("COERCE", "CHN", "USA")),
    # Setting fire to an embassy is aimed at the state it belongs to.
    ("Protesters set fire to the French embassy in Niamey on Sunday.", ("PROTEST", "NER", "FRA")),
    # Aid and money mobilised for a country are aid.
    ("The World Bank mobilised 2 billion dollars for Pakistan after the floods.", ("AID", "WB", "PAK")),
    # Alert levels: "the highest level of readiness".
    ("Azerbaijan put its forces on the highest level of combat readiness on Tuesday.", ("MOBILIZE", "AZE", None)),
    # A show of force is aimed at whom it is to deter or counter.
    ("Washington moved a second aircraft carrier into the region to deter Hezbollah.",
     ("MOBILIZE", "USA", "LBN")),
    # Troops ordered to a place, or stationed near a border.
    ("The Kremlin ordered additional troops to the Finnish border in April.", ("MOBILIZE", "RUS", "FIN")),
    ("Belarus stationed thousands of soldiers along the Ukrainian border.", ("MOBILIZE", "BLR", "UKR")),
    # Forces that arrive are deployed.
    ("Chinese warships arrived at Cambodia's Ream naval base on Monday.", ("MOBILIZE", "CHN", "KHM")),
    # What a state detects or spots is the other side's show of force against it.
    ("Japan detected three Russian bombers near Hokkaido on Thursday.", ("MOBILIZE", "RUS", "JPN")),
    # A condemned attack is an act of its own, besides the condemnation.
    ("France condemned the Russian strike on a children's hospital in Kyiv.", ("ASSAULT", "RUS", "UKR")),
    # A possessive after the recipient, in a phrase of what is answered, is the recipient's.
    ("Canada sanctioned Russia over its bombing of Ukrainian power stations.", ("ASSAULT", "RUS", "UKR")),
    # A toll suffered in an attack is the attack's authors' act.
    ("Three people were killed in an Israeli air strike in southern Lebanon on Tuesday.", ("ASSAULT", "ISR", "LBN")),
    # Force that names no one and no place hits the other side its clause names.
    ("Russian jets struck overnight as Ukrainian troops regrouped near the river.", ("ASSAULT", "RUS", "UKR")),
    # Fighting that breaks out "with" one side is fought by the subject of the clause it is told in.
    ("Tajikistan sent reinforcements to the frontier after fighting broke out with Kyrgyz border guards.",
     ("ASSAULT", "TJK", "KGZ")),
    # A pullout completed; control regained from someone.
    ("Israeli forces completed their withdrawal from southern Lebanon on Sunday.", ("RETREAT", "ISR", "LBN")),
    ("Malian troops regained control of the town of Kidal from Tuareg rebels.", ("COERCE", "MLI", "MLI")),
])
def test_reading(coder, text: str, expected: tuple[str, str, str | None]) -> None:
    got = triples(coder, text)
    if expected[2] is None:
        assert any(t[:2] == expected[:2] for t in got), got
    else:
        assert expected in got, got


# Near misses: the type must not be coded, with every act kept (True) or in the dyadic output.
@pytest.mark.parametrize(("text", "unwanted", "all_acts"), [
    # Attacking a policy or a remark is criticism.
    ("The German chancellor attacked Washington's tariff plan as a mistake.", "ASSAULT", True),
    # A rank taken in a market or a contest is no seizure.
    ("Toyota seized the lead in global car sales last year.", "COERCE", True),
    ("The Indian team took the title after a tense final.", "COERCE", True),
    # A missile in flight is part of its attack, not a show of force.
    ("Russian missiles flew over Moldova on their way to targets in western Ukraine.", "MOBILIZE", False),
    # Words that are criticism stay criticism: a government "under fire" from critics.
    ("The Polish government came under fire from farmers over grain imports.", "ASSAULT", True),
])
def test_near_miss(coder, text: str, unwanted: str, all_acts: bool) -> None:
    assert not any(t[0] == unwanted for t in triples(coder, text, all_acts=all_acts))


def test_a_war_that_hits_an_economy_is_no_ones_attack(coder) -> None:
    # (no fight "with" anyone: the war is not the clause subject's act; with --all-acts the
    # sourceless "hit" stays, as before)
    got = triples(coder, "Sudan's exports fell sharply as the war hit the country's farms.")
    assert not any(t[0] == "ASSAULT" for t in got)


def test_a_ministers_arrival_is_still_a_visit(coder) -> None:
    # Only forces that arrive are deployed; a minister arriving visits.
    got = triples(coder, "German Defence Minister Boris Pistorius arrived in Vilnius on Monday.")
    assert ("CONSULT", "DEU", "LTU") in got and not any(t[0] == "MOBILIZE" for t in got)


def test_a_possessive_with_no_recipient_before_it_is_the_subjects(coder) -> None:
    # "its" in a phrase of cause with no other actor before it stays the subject's.
    got = triples(coder, "Jordan recalled its ambassador to Israel over the war in Gaza.")
    assert ("SANCTION", "JOR", "ISR") in got


def test_the_sides_of_a_clash_are_not_aimed_at_its_place(coder) -> None:
    got = triples(coder, "Hundreds fled after clashes between Indian and Chinese soldiers in Ladakh.")
    assert ("ASSAULT", "IND", "CHN") in got and ("ASSAULT", "IND", "IND") not in got
