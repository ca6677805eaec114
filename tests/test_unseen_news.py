"""Constructions added for news the coder was not tuned on (issue 15), one example each, and
`bilateral code --all-acts` through the command line. The sentences are written for these tests
(not taken from tests/data/coder_check.jsonl, which is kept apart to measure the coder)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from bilateral.cli.main import cli
from bilateral.model import Document

pytestmark = pytest.mark.slow


def triples(coder, text: str, all_acts: bool = False) -> set[tuple[str, str | None, str | None]]:
    doc = Document(id="t", text=text, pub_date=date(2024, 5, 22))
    if all_acts:
        with coder.all_acts():
            coded = coder.code_one(doc)
    else:
        coded = coder.code_one(doc)
    out = set()
    for e in coded.events:
        src, tgt = (e.source.code if e.source else None), (e.target.code if e.target else None)
        out.add((e.type, src, tgt))
        if e.reciprocal:
            out.add((e.type, tgt, src))
    return out


@pytest.mark.parametrize(("text", "dyadic", "all_acts"), [
    # Refusing a hostile act: not aimed at its victim; kept without a recipient with --all-acts.
    ("Armenia refused to impose sanctions on Iran.", set(), {("REJECT", "ARM", None)}),
    ("Greece rejected the idea of cutting ties with Israel.", set(), {("REJECT", "GRC", None)}),
    # ... aimed at whoever asked for it, when the text names them.
    ("Mexico rejected calls from Washington to condemn Venezuela.", {("REJECT", "MEX", "USA")}, None),
    ("Mongolia declined to arrest Putin during his visit.", set(), None),
    ("Egypt declined to join the sanctions the United States imposed on Iran.", {("REJECT", "EGY", "USA")}, None),
    # Refusing a cooperative act is still a rejection of its recipient.
    ("Serbia refused to recognise Kosovo.", {("REJECT", "SRB", "XKX")}, None),
    # Denouncing an attack on X accuses the attacker, not X.
    ("Students in Warsaw rallied to denounce the invasion of Ukraine.", None, None),
    ("Poland condemned Russia's invasion of Ukraine.", {("ACCUSE", "POL", "RUS")}, None),
    # the place of the act protested is not its victim
    ("Beijing summoned Japan's ambassador to protest against the arrest of a Chinese reporter in Osaka.",
     {("ACCUSE", "CHN", "JPN")}, None),
])
def test_refusals_and_condemnations_of_hostile_acts(coder, text, dyadic, all_acts):
    got = triples(coder, text)
    if dyadic is not None:
        assert got == dyadic
    else:
        assert not any(t[0] == "ACCUSE" and t[2] == "UKR" for t in got)
    if all_acts is not None:  # (the refused act itself may be kept too, with no source: "cutting ties")
        kept = triples(coder, text, all_acts=True)
        assert all_acts <= kept and not any(t[0] == "REJECT" and t[2] is not None for t in kept)


# Each construction with its example, by the issue-15 category it belongs to.
CASES = [
    # -- "one another": each of the coordinated actors
    ("Indian and Pakistani troops fired on one another across the Line of Control.",
     {("ASSAULT", "IND", "PAK"), ("ASSAULT", "PAK", "IND")}),
    # -- self-dyads only when the text says so (ANNOTATION.md on domestic events)
    # victims with no country of their own do not take the attacker's
    ("Russian drones hit Odesa overnight, killing two people.", {("ASSAULT", "RUS", "UKR")}),
    # a state's own organs are not its recipients
    ("North Korea put its artillery units on high alert.", {("MOBILIZE", "PRK", None)}),
    # domestic repression and domestic fighting stay domestic (ANNOTATION.md)
    ("Belarusian police detained dozens of protesters in Minsk.", {("COERCE", "BLR", "BLR")}),
    ("Nigerian troops killed twenty militants in an ambush.", {("ASSAULT", "NGA", "NGA")}),
    # "their tractors" are the farmers' own: the protest is aimed at their government
    ("Dutch farmers blocked motorways with their tractors.", {("PROTEST", "NLD", "NLD")}),
    # -- MOBILIZE
    ("Armenia moved heavy weaponry toward the Azerbaijani border.", {("MOBILIZE", "ARM", "AZE")}),
    # forces massing are a build-up; people massing are a protest
    ("Chinese troops massed along the Indian border.", {("MOBILIZE", "CHN", "IND")}),
    ("Demonstrators massed outside parliament in Yerevan.", {("PROTEST", "ARM", "ARM")}),
    # -- several parties: co-actors are co-sources
    # a joint statement's authors are co-sources of what it urges, not each other's recipients
    ("Egypt, Jordan and Iraq issued a joint statement urging Israel to halt its offensive.",
     {("REQUEST", "EGY", "ISR"), ("REQUEST", "JOR", "ISR"), ("REQUEST", "IRQ", "ISR")}),
    # "along with" adds a companion to the subject: a co-source, not a recipient
    ("Britain, along with the United States, launched strikes on Houthi targets in Yemen.",
     {("ASSAULT", "GBR", "YEM"), ("ASSAULT", "USA", "YEM")}),
    # a companion after "together with" is no recipient when the act names one ...
    ("Bahrain cut ties with Qatar together with Saudi Arabia on Monday.", {("SANCTION", "BHR", "QAT")}),
    # ... and the partner when it names none
    ("China held joint naval drills together with Russia in the Sea of Japan.",
     {("COOPERATE", "CHN", "RUS"), ("COOPERATE", "RUS", "CHN")}),
    # a list of states the parser cut into two subjects
    ("Leaders of Brazil, Argentina and Chile met in Montevideo on Friday.",
     {(t, a, b) for t in ["CONSULT"] for a, b in [("BRA", "ARG"), ("ARG", "BRA"), ("BRA", "CHL"), ("CHL", "BRA"),
                                                  ("ARG", "CHL"), ("CHL", "ARG")]}),
    # a bid is no text: blocking it is the act
    ("Hungary blocked Ukraine's bid to join the European Union.", {("REJECT", "HUN", "UKR")}),
    # -- meetings in other shapes, and organizations
    # a meeting that frames the clause is held by its subject (and "a call with" is a call)
    ("In a call with Turkish President Tayyip Erdogan, Putin discussed the grain corridor.",
     {("CONSULT", "RUS", "TUR"), ("CONSULT", "TUR", "RUS")}),
    ("During talks with Kenyan President William Ruto, Xi pledged new loans.",
     {("CONSULT", "CHN", "KEN"), ("CONSULT", "KEN", "CHN"), ("AGREE", "CHN", None)}),
    ("Kazakh President Kassym-Jomart Tokayev is on a three-day visit to Mongolia.", {("CONSULT", "KAZ", "MNG")}),
    # a trip taken for talks
    ("Serbian and Kosovar negotiators returned to Brussels for talks on Thursday.",
     {("CONSULT", "SRB", "XKX"), ("CONSULT", "XKX", "SRB")}),
    ("Venezuela pressed for talks with Guyana.", set()),
    # talks held between two sides, told in the passive
    ("Talks were held in Ankara between Swedish and Turkish officials on Monday.",
     {("CONSULT", "SWE", "TUR"), ("CONSULT", "TUR", "SWE")}),
    # the organization whose summit is the venue is not the other side of the talks
    ("Sergei Lavrov held talks on the sidelines of the ASEAN meeting in Vientiane.", set()),
    # leaving or freezing one's place in an organization: "its" is the state itself, the
    # organization is the recipient (ANNOTATION.md SANCTION)
    ("Mali suspended its participation in the G5 Sahel force.", {("SANCTION", "MLI", "G5SAHEL")}),
    # an arrival by air is a visit; raising tariffs on a state's goods is a sanction
    ("U.S. President Joe Biden touched down in Tel Aviv on Wednesday.", {("CONSULT", "USA", "ISR")}),
    ("Turkey raised duties on imports from the United States.", {("SANCTION", "TUR", "USA")}),
    # a possessive in the reason for an act aimed at another state is that state's ...
    ("China sanctioned Lithuania for its decision to let Taiwan open an office.", {("SANCTION", "CHN", "LTU")}),
    ("Bolivia severed diplomatic relations with Israel over its military offensive in Gaza.",
     {("SANCTION", "BOL", "ISR"), ("ASSAULT", "ISR", "PSE")}),
    # ... but not after a verb of owning up
    ("Japan apologised to South Korea for its wartime actions.", {("CONCEDE", "JPN", "KOR")}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_construction(coder, text, expected):
    assert triples(coder, text) == expected


def test_code_all_acts_says_which_side_is_unknown(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "pub_date": "2024-05-22", "text": (
        "Armenia refused to impose sanctions on Iran. Japan imposed sanctions on Russia.")}) + "\n")
    runner = CliRunner()
    result = runner.invoke(cli, ["code", str(source), "--jsonl", "--all-acts", "-q"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    sides = {(e["event_type"], e["source_code"], e["target_code"], e["unknown_side"]) for e in events}
    assert sides == {("REJECT", "ARM", None, "target"), ("SANCTION", "JPN", "RUS", None)}
    # without the flag: dyadic events only, and the record has no extra field
    plain = json.loads(runner.invoke(cli, ["code", str(source), "--jsonl", "-q"]).stdout)["events"]
    assert [(e["event_type"], "unknown_side" in e) for e in plain] == [("SANCTION", False)]
    # the database holds dyads only: asked for both, the command says so and writes nothing
    refused = runner.invoke(cli, ["code", str(source), "--all-acts", "--db", str(tmp_path / "x.duckdb")])
    assert refused.exit_code == 2 and "--jsonl" in refused.output
    assert not (tmp_path / "x.duckdb").exists()
