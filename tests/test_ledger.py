"""Ledger facts on sentences written for these tests, ladders, and relationship histories."""

from __future__ import annotations

from datetime import date

import pytest

from bilateral.analysis import partners, relations
from bilateral.ledger.relations import partnership_rank
from bilateral.model import Document

pytestmark = pytest.mark.slow


def facts(coder, text, pub=date(2024, 5, 22)):
    coded = coder.code_one(Document(id="t", text=text, pub_date=pub))
    return {(f.kind, f.parties, f.label or f.status, f.date) for f in coded.ledger}


@pytest.mark.parametrize("text, parties, label, when", [
    ("Laos and China upgraded ties into a comprehensive all-weather strategic partnership on Monday.",
     ("CHN", "LAO"), "all-weather comprehensive strategic partnership", "2024-05-20"),
    ("Hungary has been China's all-weather comprehensive strategic partner since 2024.",
     ("CHN", "HUN"), "all-weather comprehensive strategic partnership", "2024"),
    ("Indonesia and Australia elevated relations to a comprehensive strategic partnership in August 2018.",
     ("AUS", "IDN"), "comprehensive strategic partnership", "2018-08"),
    ("Joe Biden designated Colombia a major non-NATO ally on Monday.",
     ("COL", "USA"), "major non-nato ally", "2024-05-20"),
    ("Moscow and Beijing agreed to deepen their comprehensive strategic partnership of coordination for a new era.",
     ("CHN", "RUS"), "comprehensive strategic partnership of coordination for a new era", "2024-05-22"),
])
def test_designations_are_recognized_and_normalized(coder, text, parties, label, when):
    assert ("partnership", parties, label, when) in facts(coder, text)


@pytest.mark.parametrize("text, state, org, status, when", [
    ("Thailand applied to join BRICS on Tuesday.", "THA", "BRICS", "applicant", "2024-05-21"),
    ("Egypt became a full member of BRICS on Monday.", "EGY", "BRICS", "member", "2024-05-20"),
    ("Sweden joined NATO in March 2024.", "SWE", "NATO", "member", "2024-03"),
    ("The African Union suspended Gabon on Thursday after the coup.", "GAB", "AU", "suspended", "2024-05-16"),
    ("Burkina Faso announced its withdrawal from ECOWAS on Sunday.", "BFA", "ECOWAS", "withdrawn", "2024-05-19"),
    ("Qatar has been a dialogue partner of the Shanghai Cooperation Organization since 2022.", "QAT", "SCO",
     "dialogue_partner", "2022"),
    ("Turkmenistan has been an observer state of the Organization of Turkic States since 2021.", "TKM", "OTS",
     "observer", "2021"),
    ("The EU opened accession negotiations with Moldova on Tuesday.", "MDA", "EU", "accession_started", "2024-05-21"),
    ("EU leaders granted Albania and Serbia the status of candidates on Thursday.", "SRB", "EU", "applicant",
     "2024-05-16"),
])
def test_membership_statuses(coder, text, state, org, status, when):
    found = facts(coder, text)
    assert ("membership", (state, org), status, when) in found, found


@pytest.mark.parametrize("text, parties, status, when", [
    ("Nauru severed diplomatic relations with Taiwan on Monday.", ("NRU", "TWN"), "severed", "2024-05-20"),
    ("Nauru established diplomatic relations with China on Wednesday.", ("CHN", "NRU"), "established", "2024-05-22"),
    ("Saudi Arabia and Iran restored diplomatic relations in March 2023.", ("IRN", "SAU"), "restored", "2023-03"),
    ("Niger downgraded its diplomatic ties with France on Tuesday.", ("FRA", "NER"), "downgraded", "2024-05-21"),
    ("Nauru switched diplomatic recognition from Taiwan to Beijing on Monday.", ("NRU", "TWN"), "severed", "2024-05-20"),
    ("Nauru switched diplomatic recognition from Taiwan to Beijing on Monday.", ("CHN", "NRU"), "established", "2024-05-20"),
    ("Brazil and Angola have maintained diplomatic relations since 1975.", ("AGO", "BRA"), "established", "1975"),
    # a date further down the clause is closer to the fact than the publication date
    ("Morocco had cut ties with Iran after Tehran backed the Polisario in 2018.", ("IRN", "MAR"), "severed", "2018"),
])
def test_diplomatic_relations(coder, text, parties, status, when):
    found = facts(coder, text)
    assert ("diplomatic_relations", parties, status, when) in found, found


def test_negated_and_hypothetical_sentences_give_no_facts(coder):
    assert facts(coder, "Nauru did not sever diplomatic relations with Taiwan.") == set()
    assert facts(coder, "If Nauru severed relations with Taiwan, China would welcome it.") == set()


def test_ladder_ranks_order_designations():
    top, ladder = partnership_rank(("CHN", "RUS"), "comprehensive strategic partnership of coordination for a new era")
    allw, _ = partnership_rank(("BLR", "CHN"), "all-weather comprehensive strategic partnership")
    csp, _ = partnership_rank(("CHN", "DEU"), "comprehensive strategic partnership")
    friendly, _ = partnership_rank(("CHN", "X"), "friendly partnership")
    assert ladder == "CHN" and top < allw < csp < friendly
    assert partnership_rank(("FRA", "VNM"), "comprehensive strategic partnership")[0] < \
        partnership_rank(("FRA", "VNM"), "comprehensive partnership")[0]
    assert partnership_rank(("FRA", "DEU"), "strategic partnership") == (None, None)


def _store_with(coder, tmp_path, docs):
    from bilateral.store import Store

    store = Store(tmp_path / "rel.duckdb")
    store.write(coder.code(Document(id=i, text=t, pub_date=d) for i, t, d in docs))
    return store


def test_relationship_history_upgrades_conflicts_and_reports(coder, tmp_path):
    store = _store_with(coder, tmp_path, [
        ("a", "China and Uzbekistan established a comprehensive strategic partnership in June 2016.", date(2016, 6, 23)),
        ("b", "Xi Jinping and Shavkat Mirziyoyev agreed on Wednesday to build an all-weather comprehensive "
              "strategic partnership for a new era between the two countries.", date(2024, 1, 25)),
        ("c", "China and Uzbekistan upgraded their ties to an all-weather comprehensive strategic partnership "
              "on Wednesday.", date(2024, 1, 25)),
        ("d", "China and Uzbekistan established a strategic partnership in June 2016.", date(2016, 6, 30)),
    ])
    rel = relations(store, "CHN", "UZB")
    assert rel.partnership["date"] == "2024-01-24"
    assert rel.partnership["rank"] == 2
    upgrades = [e for e in rel.history if e.get("change") == "upgrade"]
    assert upgrades and upgrades[0]["date"] == "2024-01-24"
    # two reports of the same date disagree about the 2016 label: both kept, each shown as the other's conflict
    assert {(e["label"], c.get("value")) for e in rel.conflicts for c in e["conflicts"]} == {
        ("comprehensive strategic partnership", "strategic partnership"),
        ("strategic partnership", "comprehensive strategic partnership")}
    ladder = partners(store, "CHN", "partnership")
    assert ladder[0]["partner"] == "UZB" and ladder[0]["rank"] == 2
    store.close()


def test_relations_command_after_coding_the_example(tmp_path):
    from click.testing import CliRunner

    from bilateral.cli.main import cli

    from .conftest import EXAMPLES

    db = tmp_path / "ex.duckdb"
    runner = CliRunner()
    assert runner.invoke(cli, ["code", str(EXAMPLES / "china-belarus-2022.html"), "--db", str(db)]).exit_code == 0
    out = runner.invoke(cli, ["relations", "CHN", "BLR", "--db", str(db)]).output
    assert "all-weather comprehensive strategic partnership since 2022-09-15 (date stated)" in out
    assert "BLR in SCO: accession_started since 2022-09-16" in out
    assert "events by month" in out
    ladder = runner.invoke(cli, ["partners", "CHN", "--db", str(db), "--json"]).output
    assert '"partner": "PAK"' in ladder


@pytest.mark.parametrize("text, expected", [
    # asked for, not done
    ("Beijing requires countries with which it has diplomatic ties to end official relations with Taipei.", set()),
    # a decision taken is a fact
    ("Saudi Arabia and Iran agreed on Friday to restore diplomatic relations.",
     {("diplomatic_relations", ("IRN", "SAU"), "restored", "2024-05-17")}),
    # memberships told as states: apposition (no date of its own), founding members, plural, two organizations
    ("Belarus, an SCO observer, applied for full membership in 2021.",
     {("membership", ("BLR", "SCO"), "observer", None), ("membership", ("BLR", "SCO"), "applicant", "2021")}),
    ("China and Russia are founding members of the SCO.",
     {("membership", ("CHN", "SCO"), "member", None), ("membership", ("RUS", "SCO"), "member", None)}),
    ("Finland and Sweden are both members of the European Union.",
     {("membership", ("FIN", "EU"), "member", None), ("membership", ("SWE", "EU"), "member", None)}),
    ("Poland is a member of both the EU and NATO.",
     {("membership", ("POL", "EU"), "member", None), ("membership", ("POL", "NATO"), "member", None)}),
    ("China and Nicaragua restored diplomatic relations on Friday, a day after Managua broke with Taipei.",
     {("diplomatic_relations", ("CHN", "NIC"), "restored", "2024-05-17"),
      ("diplomatic_relations", ("NIC", "TWN"), "severed", "2024-05-16")}),
    ("The party broke with tradition on Monday.", set()),
    ("Kazakhstan and China upgraded their ties to a permanent comprehensive strategic partnership on Wednesday.",
     {("partnership", ("CHN", "KAZ"), "permanent comprehensive strategic partnership", "2024-05-22")}),
])
def test_reading_gaps_closed(coder, text, expected):
    assert facts(coder, text) == expected


def test_each_fact_says_where_its_date_comes_from(coder):
    coded = coder.code_one(Document(id="t", pub_date=date(2021, 12, 10), text=(
        "Nicaragua cuts ties with Taiwan\n\nNicaragua severed diplomatic relations with Taiwan on Thursday.\n\n"
        "Belarus joined the SCO, Lukashenko told officials on Monday.")))
    by_parties = {f.parties: f for f in coded.ledger}
    severed = by_parties[("NIC", "TWN")]
    assert (severed.date, severed.date_source, severed.date_text) == ("2021-12-09", "stated", "Thursday")
    assert [(r.date, r.date_source) for r in severed.reports] == [("2021-12-10", "publication"), ("2021-12-09", "stated")]
    joined = by_parties[("BLR", "SCO")]
    assert (joined.date, joined.date_source) == ("2021-12-06", "statement")
    assert severed.to_json()["reports"][1]["date_text"] == "Thursday"


def test_a_date_inside_an_apposition_dates_the_apposition_not_the_main_clause(coder):
    found = facts(coder, "Belarus, an SCO observer since 2015, became a full member of the Shanghai Cooperation "
                         "Organization on Thursday.")
    assert found == {("membership", ("BLR", "SCO"), "observer", "2015"),
                     ("membership", ("BLR", "SCO"), "member", "2024-05-16")}


@pytest.mark.parametrize("lead", [
    "MANAGUA, Dec 10 - Nicaragua severed diplomatic relations with Taiwan on Thursday.",
    "MANAGUA, Dec 10 (Reuters) - Nicaragua severed diplomatic relations with Taiwan on Thursday.",
])
def test_a_wire_dateline_does_not_date_the_change(coder, lead):
    found = facts(coder, "Nicaragua cuts ties with Taiwan\n\n" + lead, pub=date(2021, 12, 10))
    assert found == {("diplomatic_relations", ("NIC", "TWN"), "severed", "2021-12-09")}


@pytest.mark.parametrize("text, expected", [
    # Plural anaphors the sentence filter used to miss ("countries" was looked for as "countrys").
    ("China and North Korea marked 75 years of ties on Sunday. The two countries established diplomatic "
     "relations in 1949.", ("diplomatic_relations", ("CHN", "PRK"), "established", "1949")),
    ("Cuba and the United States reopened embassies on Monday. The former enemies broke off relations in 1961.",
     ("diplomatic_relations", ("CUB", "USA"), "severed", "1961")),
    # The means of a clause is its subject's act.
    ("Burkina Faso retaliated by severing diplomatic relations with Ukraine on Monday.",
     ("diplomatic_relations", ("BFA", "UKR"), "severed", "2024-05-20")),
    # Relations named by their parties, in a passive or a participle.
    ("Diplomatic relations between Israel and Bahrain were established in September 2020.",
     ("diplomatic_relations", ("BHR", "ISR"), "established", "2020-09")),
    ("Ties between Qatar and Egypt, cut in 2017, were restored in January 2021.",
     ("diplomatic_relations", ("EGY", "QAT"), "severed", "2017")),
    # Naming the ties tells a standing state: no publication date.
    ("Moscow and Minsk, which call each other strategic partners, held talks on gas prices.",
     ("partnership", ("BLR", "RUS"), "strategic partnership", None)),
    ("Officials in Canberra call the ties with Jakarta a comprehensive strategic partnership.",
     ("partnership", ("AUS", "IDN"), "comprehensive strategic partnership", None)),
])
def test_relations_told_through_anaphors_means_passives_and_names(coder, text, expected):
    assert expected in facts(coder, text)


def test_plural_of_referring_nouns():
    from bilateral.actors.mentions import plural

    assert [plural(w) for w in ("country", "army", "ally", "side", "day", "power")] == [
        "countries", "armies", "allies", "sides", "days", "powers"]


@pytest.mark.parametrize("name, floor", [
    # sentences written for the ledger's reading gaps, annotated before the extractor was changed
    ("ledger_check.jsonl", 0.93),  # 0.817 F1 then, 0.962 after
    ("ledger_check3.jsonl", 0.88),  # new shapes of changes: 0.708 then, 0.917 after
    ("ledger_check4.jsonl", 0.80),  # background in articles: 0.727 then, 0.849 after
])
def test_ledger_check_set_floor(coder, name, floor):
    from pathlib import Path

    from bilateral.evaluation import evaluate

    report = evaluate(Path(__file__).parent / "data" / name, coder)
    assert report.ledger.f1 >= floor


@pytest.mark.parametrize("text, expected, absent", [
    # A membership told in membership words takes the organization the story has just named.
    ("Egypt joined BRICS on January 1, 2024. Cairo had applied for membership in June 2023.",
     ("membership", ("EGY", "BRICS"), "applicant", "2023-06"), None),
    ("Mongolia hosted a summit of the SCO on Monday. Ulaanbaatar has been an observer since 2004.",
     ("membership", ("MNG", "SCO"), "observer", "2004"), None),
    ("Iran joined the SCO in July 2023. Tehran began the accession process in 2021.",
     ("membership", ("IRN", "SCO"), "accession_started", "2021"), None),
    # Other senses of the same verbs do not.
    ("Russia vetoed a draft at the UN Security Council on Friday. Egypt withdrew its own draft a day later.",
     None, "withdrawn"),
    # A change told in a clause of time is not dated by the story.
    ("Riyadh joined the SCO as a dialogue partner on Wednesday, weeks after it agreed to restore relations with "
     "Iran.", ("diplomatic_relations", ("IRN", "SAU"), "restored", None), None),
])
def test_memberships_in_a_story_and_background_changes(coder, text, expected, absent):
    _found_and_absent(coder, text, expected, absent)


@pytest.mark.parametrize("text, expected, absent", [
    # Leaving needs an organization left.
    ("Hungary said on Thursday it was pulling out of the International Criminal Court.",
     ("membership", ("HUN", "ICC"), "withdrawn", "2024-05-16"), None),
    ("Serbia joined the talks late; Kosovo left early.", None, "withdrawn"),
    # A departure decided or wanted is not yet made; a place is not a party.
    ("Britons voted on Thursday to leave the European Union.", None, "withdrawn"),
    ("The EU opened accession talks with Albania and North Macedonia in Luxembourg on Tuesday.",
     ("membership", ("ALB", "EU"), "accession_started", "2024-05-21"), None),
    # A status held, by a holding verb.
    ("Turkey joined NATO in 1952. Ankara has held candidate status with the European Union since 1999.",
     ("membership", ("TUR", "EU"), "applicant", "1999"), None),
    # Relations told without the other party are the story's pair.
    ("Iran and Egypt agreed on Monday to restore relations. Cairo cut ties with Tehran in 1980. Iran said ties "
     "had been broken off after the revolution.", ("diplomatic_relations", ("EGY", "IRN"), "severed", "1980"), None),
    ("Kenya hosted Somalia's president on Monday and praised Somalia's progress. Kenya broke off relations in 2020.",
     ("diplomatic_relations", ("KEN", "SOM"), "severed", "2020"), None),
    # A lower rung with its own date is kept apart from the upgrade.
    ("Vietnam and Australia upgraded ties to a comprehensive strategic partnership on Thursday. The two countries "
     "had been strategic partners since 2018.", ("partnership", ("AUS", "VNM"), "strategic partnership", "2018"), None),
])
def test_leaving_holding_and_the_story_pair(coder, text, expected, absent):
    _found_and_absent(coder, text, expected, absent)


def test_the_place_of_a_change_is_not_a_party(coder):
    found = facts(coder, "The EU opened accession talks with Albania and North Macedonia in Luxembourg on Tuesday.")
    assert not any("LUX" in parties for _, parties, _, _ in found), found


def _found_and_absent(coder, text, expected, absent):
    """`expected` among the text's facts (unless None), and no fact with the status `absent`."""
    found = facts(coder, text)
    if expected is not None:
        assert expected in found
    if absent is not None:
        assert not any(status == absent for _, _, status, _ in found)


@pytest.mark.parametrize("text, expected, absent", [
    # "The Commonwealth" is the organization's name, not a reference back to a bloc.
    ("The Maldives rejoined the Commonwealth on Saturday.",
     ("membership", ("MDV", "COMMONWEALTH"), "member", "2024-05-18"), None),
    # Asking to join is applying; wanting to is not.
    ("Thailand has asked to join the BRICS group, its foreign ministry said on Tuesday.",
     ("membership", ("THA", "BRICS"), "applicant", "2024-05-21"), None),
    ("Mexico wants to join BRICS one day.", None, "applicant"),
    ("Mexico has not asked to join BRICS.", None, "applicant"),
    # A membership noun whose verb says what became of it is read from the verb.
    ("Sudan's membership of the African Union was suspended on Thursday.",
     ("membership", ("SDN", "AU"), "suspended", "2024-05-16"), "member"),
    # A noun that something came after is a change complete; alone it is a process begun.
    ("Since Finland's accession to NATO in April 2023, Russia has moved troops closer to the border.",
     ("membership", ("FIN", "NATO"), "member", "2023-04"), "accession_started"),
    ("Ukraine's accession to the EU began in 2024.",
     ("membership", ("UKR", "EU"), "accession_started", "2024"), None),
    # A bid for membership is not membership; a candidate of a named organization is an applicant.
    ("Hungary's parliament ratified Sweden's NATO membership bid on Monday.", None, "member"),
    ("Albania, an EU candidate since 2014, hopes to finish accession talks by 2027.",
     ("membership", ("ALB", "EU"), "applicant", "2014"), None),
    ("Georgia's presidential candidate met EU envoys on Monday.", None, "applicant"),
    # What the subject became, told by an infinitive, is the subject's own act.
    ("Burundi on Friday became the first country to leave the International Criminal Court.",
     ("membership", ("BDI", "ICC"), "withdrawn", "2024-05-17"), None),
    # A gerund after "in" is the act of the main clause's subject.
    ("Bahrain followed Saudi Arabia on Monday in cutting diplomatic ties with Iran.",
     ("diplomatic_relations", ("BHR", "IRN"), "severed", "2024-05-20"), None),
    # Designations: the parties named beside "ties", a passive's agent, an apposition's own date.
    ("Ties between Riyadh and Beijing were lifted to a comprehensive strategic partnership in 2016.",
     ("partnership", ("CHN", "SAU"), "comprehensive strategic partnership", "2016"), None),
    ("Kenya was designated a major non-NATO ally by the United States on Monday.",
     ("partnership", ("KEN", "USA"), "major non-nato ally", "2024-05-20"), None),
    ("Indonesia and Vietnam, strategic partners since 2013, agreed on Monday to expand maritime cooperation.",
     ("partnership", ("IDN", "VNM"), "strategic partnership", "2013"), None),
    ("China and Hungary upgraded ties to an all-weather comprehensive strategic partnership for the new era "
     "on Thursday.", ("partnership", ("CHN", "HUN"),
                      "all-weather comprehensive strategic partnership for a new era", "2024-05-16"), None),
    ("France and Morocco signed an exceptional reinforced partnership on Monday.",
     ("partnership", ("FRA", "MAR"), "exceptional reinforced partnership", "2024-05-20"), None),
])
def test_changes_told_in_other_shapes(coder, text, expected, absent):
    _found_and_absent(coder, text, expected, absent)


def test_states_that_cut_ties_together_did_not_cut_them_with_each_other(coder):
    # the partner named but not resolved (a made-up name): no fact pairs the states that acted together
    found = facts(coder, "Saudi Arabia, the UAE, Bahrain and Egypt cut ties with Ruritania on Monday.")
    assert not any(kind == "diplomatic_relations" for kind, _, _, _ in found), found
    found = facts(coder, "Iran and Saudi Arabia restored ties with each other on Friday.")
    assert ("diplomatic_relations", ("IRN", "SAU"), "restored", "2024-05-17") in found


def test_a_with_that_says_how_is_not_the_partner(coder):
    found = facts(coder, "Nicaragua said on Saturday it was breaking off relations with Ecuador in solidarity with Mexico.")
    assert ("diplomatic_relations", ("ECU", "NIC"), "severed", "2024-05-18") in found
    assert not any("MEX" in parties for _, parties, _, _ in found), found


def test_the_year_of_the_instrument_dates_the_change(coder):
    found = facts(coder, "Relations between Japan and South Korea, established under a 1965 treaty, have soured.")
    assert ("diplomatic_relations", ("JPN", "KOR"), "established", "1965") in found
    # a date the clause states itself comes first
    found = facts(coder, "Sweden joined NATO on Thursday under the 1949 treaty.")
    assert ("membership", ("SWE", "NATO"), "member", "2024-05-16") in found


def test_the_state_told_of_a_break_is_the_other_party(coder):
    # the story keeps naming Honduras and China; the break is told to Taipei
    text = ("Honduras established diplomatic relations with China on Sunday. China welcomed Honduras. "
            "Tegucigalpa said it had informed Taipei that it was severing diplomatic relations.")
    found = facts(coder, text)
    assert any(kind == "diplomatic_relations" and parties == ("HND", "TWN") and status == "severed"
               for kind, parties, status, _ in found), found
    assert not any(parties == ("CHN", "HND") and status == "severed" for _, parties, status, _ in found), found


def test_partners_listed_after_with_are_each_the_subjects(coder):
    found = facts(coder, "Vietnam already had comprehensive strategic partnerships with China, Russia, India and South Korea.")
    pairs = {parties for kind, parties, _, _ in found if kind == "partnership"}
    assert pairs == {("CHN", "VNM"), ("RUS", "VNM"), ("IND", "VNM"), ("KOR", "VNM")}, found


@pytest.mark.parametrize("text, expected, absent_pair", [
    # a companion joins or breaks beside the subject, and is not the other party
    ("Gabon, which joined the Commonwealth alongside Togo in June 2022, was suspended on Monday.",
     ("membership", ("TGO", "COMMONWEALTH"), "member", "2022-06"), None),
    ("Bahrain cut ties with Qatar together with Saudi Arabia on Monday.",
     ("diplomatic_relations", ("QAT", "SAU"), "severed", "2024-05-20"), ("BHR", "SAU")),
    ("Saudi Arabia, along with the UAE, cut diplomatic relations with Qatar in June 2017.",
     ("diplomatic_relations", ("ARE", "QAT"), "severed", "2017-06"), ("ARE", "SAU")),
    # "each other" stands for the sentence's own states, not those the story named more
    ("China welcomed the talks. China urged calm. Indonesia and Vietnam upgraded ties to a strategic "
     "partnership with each other on Monday.",
     ("partnership", ("IDN", "VNM"), "strategic partnership", "2024-05-20"), ("CHN", "IDN")),
])
def test_companions_and_reciprocal_pronouns(coder, text, expected, absent_pair):
    found = facts(coder, text)
    assert expected in found, found
    assert absent_pair is None or not any(parties == absent_pair for _, parties, _, _ in found), found


@pytest.mark.parametrize("text, expected", [
    # a pronoun object of a coordinated verb is the first verb's ties, dated in its own clause
    ("Bolivia first cut ties with Israel in 2009, under President Evo Morales, and restored them in 2019.",
     ("diplomatic_relations", ("BOL", "ISR"), "restored", "2019")),
    # ... or by its distance from the first verb's date
    ("Morocco broke off relations with Iran in 2009 and restored them seven years later.",
     ("diplomatic_relations", ("IRN", "MAR"), "restored", "2016")),
    # a participle forming a designation pairs its subject with the object of the clause above
    ("Vietnam raised the United States to the top of its diplomatic hierarchy on Sunday, forming a "
     "comprehensive strategic partnership.",
     ("partnership", ("USA", "VNM"), "comprehensive strategic partnership", "2024-05-19")),
])
def test_changes_told_by_a_second_verb(coder, text, expected):
    assert expected in facts(coder, text)


def test_a_partnership_the_participle_only_mentions_is_not_formed(coder):
    found = facts(coder, "China welcomed Lula in Beijing on Friday, announcing new investments in a strategic partnership.")
    assert not any(kind == "partnership" for kind, _, _, _ in found), found
    found = facts(coder, "Panama established diplomatic ties with China on Monday and broke them off with Taiwan.")
    assert not any(parties == ("CHN", "PAN") and status == "severed" for _, parties, status, _ in found), found


@pytest.mark.parametrize("text, expected", [
    # an accession said to be complete, or to take effect, is membership
    ("Kazakhstan's accession to the WTO was completed in November 2015.",
     ("membership", ("KAZ", "WTO"), "member", "2015-11")),
    ("The accession of Iran to the SCO took effect on 4 July 2023.",
     ("membership", ("IRN", "SCO"), "member", "2023-07-04")),
    # an entry into an organization is membership
    ("Vietnam's entry into the WTO in 2007 opened its market.", ("membership", ("VNM", "WTO"), "member", "2007")),
    # a status received, an accession protocol signed
    ("Moldova received EU candidate status in June 2022.", ("membership", ("MDA", "EU"), "applicant", "2022-06")),
    ("Finland signed its NATO accession protocol in July 2022.",
     ("membership", ("FIN", "NATO"), "accession_started", "2022-07")),
    # "it" as an indirect object is someone other than the subject
    ("ASEAN agreed in principle to admit Timor-Leste and granted it observer status in November 2022.",
     ("membership", ("TLS", "ASEAN"), "observer", "2022-11")),
    # a bloc admitted to another
    ("The G20 admitted the African Union as a permanent member in September 2023.",
     ("membership", ("AU", "G20"), "member", "2023-09")),
    # "non-member observer state" with its organization after "at"
    ("Palestine has been a non-member observer state at the United Nations since 2012.",
     ("membership", ("PSE", "UN"), "observer", "2012")),
])
def test_memberships_told_in_more_shapes(coder, text, expected):
    assert expected in facts(coder, text)


def test_an_entry_with_no_organization_is_no_membership(coder):
    found = facts(coder, "Russia's entry into Ukraine in February 2022 began the war.")
    assert not any(kind == "membership" for kind, _, _, _ in found), found


@pytest.mark.parametrize("text, expected", [
    ("Montenegro was accepted into NATO in June 2017.", ("membership", ("MNE", "NATO"), "member", "2017-06")),
    ("Cambodia and Laos were granted the status of SCO dialogue partners in 2015.",
     ("membership", ("KHM", "SCO"), "dialogue_partner", "2015")),
])
def test_memberships_accepted_into_and_statuses_of_a_named_bloc(coder, text, expected):
    assert expected in facts(coder, text)


def test_what_is_agreed_in_principle_is_not_done(coder):
    found = facts(coder, "Tehran's membership in the SCO had been approved in principle in 2021.")
    assert not any(kind == "membership" for kind, _, _, _ in found), found
    # accepting something else is no membership
    found = facts(coder, "Ukraine accepted the EU's offer of talks in Brussels on Monday.")
    assert not any(kind == "membership" for kind, _, _, _ in found), found


@pytest.mark.parametrize("text, expected", [
    # an organization listing its members, dated only by what the listing holds
    ("The EU, which includes France, Germany and Italy, met on Monday.", {("FRA", "EU"), ("DEU", "EU"), ("ITA", "EU")}),
    # names set beside a status noun hold it, up to the first word that is no name
    ("NATO members Poland and Lithuania have sent troops to the border.", {("POL", "NATO"), ("LTU", "NATO")}),
    # a status set beside a clause holds whatever the clause's mood
    ("As a permanent member of the UN Security Council, France can veto any resolution.", {("FRA", "UNSC")}),
])
def test_memberships_told_as_background(coder, text, expected):
    found = {(parties, when) for kind, parties, status, when in facts(coder, text) if kind == "membership"
             and status == "member"}
    assert {(parties, None) for parties in expected} <= found, found
    assert all(when is None for _, when in found), found


def test_a_listing_by_something_other_than_the_organization_is_no_membership(coder):
    for text in ["The SCO summit included Russia and China.", "The package includes sanctions on Russia, the EU said.",
                 "NATO members Poland and Lithuania border Belarus."]:  # (a parse with no verb: Belarus is no member)
        assert not any(kind == "membership" for kind, _, _, _ in facts(coder, text)), text


def test_a_status_without_its_organization_takes_the_nearest_one_named_before_it(coder):
    found = facts(coder, "The Security Council met first, then the UN General Assembly voted; Palestine has been "
                         "a non-member observer state since 2012.")
    assert ("membership", ("PSE", "UN"), "observer", "2012") in found, found
    assert not any(parties == ("PSE", "UNSC") for _, parties, _, _ in found), found
