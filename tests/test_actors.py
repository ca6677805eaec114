"""The actor layer: gazetteer kinds, ambiguity, context, date-dependent offices, user files."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bilateral.actors import ActorLookup, Gazetteer, list_actors
from bilateral.actors.mentions import ActorFinder
from bilateral.errors import DataFileError

from .conftest import shared_path

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


@pytest.fixture(scope="module")
def lookup(gazetteer):
    from bilateral.nlp import load_base_model

    return ActorLookup(load_base_model(), gazetteer)


def codes(lookup, text, day=None, context=None):
    return [(a["code"], a["sector"]) for a in lookup.lookup(text, day, context)]


def test_gazetteer_covers_every_un_member_and_the_required_organizations(gazetteer):
    assert len(gazetteer.states) >= 199
    for code in ("TWN", "XKX", "PSE", "VAT", "USA", "BLR", "CHN"):
        assert code in gazetteer.states
    required = ["UN", "UNSC", "IAEA", "WHO", "NATO", "EU", "SCO", "BRICS", "ASEAN", "AU", "ECOWAS", "CSTO", "EAEU", "CIS", "GCC", "OPEC", "OIC", "G7", "G20", "IMF", "WTO", "OSCE", "OAS", "CELAC", "AUKUS", "SADC", "EAC", "IGAD", "ICC", "ICJ", "MERCOSUR"]
    assert not [c for c in required if c not in gazetteer.organizations]
    assert len(gazetteer.organizations) >= 80
    assert len(gazetteer.people) >= 500


@pytest.mark.parametrize("text, expected", [
    ("the U.S.", ("USA", "GOV")),
    ("Britain", ("GBR", "GOV")),
    ("the DPRK", ("PRK", "GOV")),
    ("mainland China", ("CHN", "GOV")),
    ("Turkiye", ("TUR", "GOV")),
    ("the Kremlin", ("RUS", "GOV")),
    ("the White House", ("USA", "GOV")),
    ("Downing Street", ("GBR", "GOV")),
    ("Minsk", ("BLR", "GOV")),
    ("Chinese analysts", ("CHN", "EDU")),
    ("a Belarusian diplomat", ("BLR", "GOV")),
    ("Russian warships", ("RUS", "MIL")),
    ("the Shanghai Cooperation Organisation", ("SCO", "IGO")),
    ("riot police in Minsk", ("BLR", "COP")),
])
def test_names_aliases_capitals_seats_and_sectors(lookup, text, expected):
    assert codes(lookup, text)[0] == expected


def test_combined_forms_give_both_states(lookup):
    assert {c for c, _ in codes(lookup, "Sino-Belarusian relations")} >= {"CHN", "BLR"} or \
        [c for c, _ in codes(lookup, "the Sino-Belarusian industrial park")]
    ids = ActorFinder(lookup.nlp.vocab, lookup.gazetteer)
    for text, want in (("US-China trade talks", {"USA", "CHN"}), ("the Russo-Ukrainian war", {"RUS", "UKR"}),
                       ("Sino-Belarusian ties", {"CHN", "BLR"})):
        found = {a.code for m in ids(lookup.nlp(text), None) for a in m.actors}
        assert found >= want, text


@pytest.mark.parametrize("text, code", [
    ("Georgia's governor signed the bill in Atlanta.", "GEO"),
    ("Michael Jordan visited the team.", "JOR"),
    ("Officials in Washington state closed the highway.", "USA"),
])
def test_ambiguous_names_in_their_other_sense_are_not_states(lookup, text, code):
    finder = ActorFinder(lookup.nlp.vocab, lookup.gazetteer)
    found = {a.code for m in finder(lookup.nlp(text), None) for a in m.actors if a.kind != "place"}
    assert code not in found, found


@pytest.mark.parametrize("text, expected", [
    # A role takes the place it is in; a thing that happens there does not become the state.
    ("Riot police in Yerevan", [("ARM", "COP")]),
    ("Protesters at the port of Durban", [("ZAF", "CVL")]),
    ("Heavy floods in Bangladesh", []),
    ("A train crash at Odisha", []),
    ("An explosion in a Kabul mosque", []),
])
def test_a_place_makes_a_role_its_countrys_not_a_thing(lookup, text, expected):
    assert [(a["country"], a["sector"]) for a in lookup.lookup(text)] == expected


def test_ambiguous_names_in_the_state_sense_are_states(lookup):
    finder = ActorFinder(lookup.nlp.vocab, lookup.gazetteer)
    doc = lookup.nlp("Georgia and Jordan signed a visa agreement in Tbilisi.")
    assert {a.code for m in finder(doc, None) for a in m.actors} >= {"GEO", "JOR"}


def test_offices_resolve_by_the_documents_date(lookup):
    assert lookup.lookup("the US president", date(2018, 6, 12))[0]["name"] == "Donald Trump"
    assert lookup.lookup("the US president", date(2022, 6, 12))[0]["name"] == "Joe Biden"
    assert lookup.lookup("the Belarusian president", date(2022, 9, 15))[0]["name"] == "Alexander Lukashenko"
    [merkel] = lookup.lookup("Angela Merkel", date(2023, 1, 1))
    assert merkel["code"] == "DEU" and merkel["sector"] == "ELI"  # out of office by then
    [xi] = lookup.lookup("Xi Jinping", date(2022, 9, 15))
    assert (xi["code"], xi["sector"], xi["kind"]) == ("CHN", "GOV", "person")


def test_an_office_is_named_by_whole_title_words_only(lookup):
    # "presidential" holds "president" but names no office; "vice president" is not the president.
    [guard] = lookup.lookup("the Belarusian presidential guard", date(2022, 9, 15))
    assert guard["office"] is None and guard["kind"] != "person"
    [vice] = lookup.lookup("the US vice president", date(2022, 6, 12))
    assert vice["office"] == "vice_president" and vice["name"] != "Joe Biden"


def test_armed_groups_resolve_to_their_country_in_the_role_they_had_then(lookup):
    assert codes(lookup, "Hamas") == [("PSE", "REB")]
    assert codes(lookup, "the Houthis") == [("YEM", "REB")]
    assert codes(lookup, "Hezbollah fighters") == [("LBN", "REB")]
    assert codes(lookup, "the Taliban", date(2010, 5, 1)) == [("AFG", "REB")]
    assert codes(lookup, "the Taliban", date(2023, 5, 1)) == [("AFG", "GOV")]
    [rsf] = lookup.lookup("the RSF", date(2024, 1, 1), context="Fighting in Khartoum between the army and")
    assert (rsf["code"], rsf["sector"], rsf["kind"]) == ("SDN", "REB", "group")


def test_collective_references_resolve_to_the_actors_just_mentioned(lookup):
    assert {c for c, _ in codes(lookup, "the two sides", context="China and Belarus met in Samarkand.")} == {"CHN", "BLR"}
    assert {c for c, _ in codes(lookup, "the two armies", context="Russia and Belarus held talks.")} == {"RUS", "BLR"}
    assert codes(lookup, "the two armies", context="Russia and Belarus held talks.")[0][1] == "MIL"
    assert codes(lookup, "the bloc", context="The Collective Security Treaty Organization met.")[0][0] == "CSTO"
    assert codes(lookup, "the alliance", context="NATO leaders gathered.")[0][0] == "NATO"
    # described by words between "the" and the generic noun
    assert codes(lookup, "the Western military alliance", context="NATO leaders gathered.")[0][0] == "NATO"
    assert codes(lookup, "the continental body", context="Morocco rejoined the African Union.")[0][0] == "AU"
    # the members' adjective names the organization, whatever bloc came last
    assert codes(lookup, "the West African bloc", context="The EU met.")[0][0] == "ECOWAS"
    # a number says which bloc, and a name inside the phrase is its own mention
    assert codes(lookup, "the 27-nation bloc", context="ECOWAS met.") == []
    assert codes(lookup, "the SCO summit", context="NATO leaders gathered.")[0][0] == "SCO"


def test_user_files_extend_the_gazetteer(tmp_path):
    people = tmp_path / "my-people.yaml"
    people.write_text("- name: Jane Example\n  aliases: [Example]\n  offices:\n"
                      "    - {country: NZL, office: foreign_minister, sector: GOV, start: '2030-01-01'}\n")
    gaz = Gazetteer.load(extra=[people])
    assert gaz.lookup("Jane Example")[0].code == "NZL"


def test_petrarch_actor_dictionaries_import_with_their_date_restrictions(tmp_path, lookup):
    f = tmp_path / "test.actors.txt"
    f.write_text(
        "# a small PETRARCH-style dictionary\n"
        "FREEDONIA_REPUBLIC [FRD]\n+FREEDONIA\n"
        "RUFUS_FIREFLY\n+FIREFLY\n[FRDGOV 150101-161231]\n[FRDELI >170101]\n",
        encoding="utf-8",
    )
    gaz = Gazetteer.load(extra=[f])
    assert gaz.petrarch_forms == 4
    [entry] = gaz.lookup("Rufus Firefly")
    assert entry.kind == "person" and [o.start for o in entry.offices] == ["2015-01-01", "2017-01-01"]
    custom = ActorLookup(lookup.nlp, gaz)
    assert custom.lookup("Firefly", date(2016, 6, 1))[0]["sector"] == "GOV"
    assert custom.lookup("Firefly", date(2019, 6, 1))[0]["sector"] == "ELI"
    assert custom.lookup("Freedonia")[0]["code"] == "FRD"


def test_bad_user_files_name_the_file_and_line(tmp_path):
    f = tmp_path / "bad-people.yaml"
    f.write_text("- name: Nobody\n  offices: []\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="bad-people.yaml:1"):
        Gazetteer.load(extra=[f])
    g = tmp_path / "broken.actors.txt"
    g.write_text("+SYNONYM FIRST\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="broken.actors.txt:1"):
        Gazetteer.load(extra=[g])


def test_list_actors_by_kind(gazetteer):
    states = list_actors(gazetteer, "state")
    assert {"kind": "state", "code": "BLR", "name": "Belarus"} in states
    assert all(r["kind"] == "person" for r in list_actors(gazetteer, "person"))
    groups = {r["name"]: r for r in list_actors(gazetteer, "group")}
    assert [p["sector"] for p in groups["Taliban"]["periods"]] == ["REB", "GOV", "REB", "GOV"]


def test_every_gold_actor_is_found(lookup):
    """Each source and target of the dev sentences and articles is among the actors found."""
    from bilateral.ingest.text import html_to_document

    finder = ActorFinder(lookup.nlp.vocab, lookup.gazetteer)
    misses = []
    for name in ("dev_sentences.jsonl", "dev_articles.jsonl"):
        for line in shared_path("gold", name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            text = rec.get("text") or html_to_document(rec["html"], rec["id"], rec["id"]).text
            found = {a.code for m in finder(lookup.nlp(text), date.fromisoformat(rec["pub_date"])) for a in m.actors}
            for event in rec["events"]:
                for role in ("source", "target"):
                    if event[role] and not set(event[role]) & found:
                        misses.append(f"{rec['id']} {role} {event[role]}")
    expected = json.loads(shared_path("examples", "seed-article.expected.json").read_text(encoding="utf-8"))
    page = shared_path("examples", "seed-article.html").read_text(encoding="utf-8")
    text = html_to_document(page, "seed", "seed").text
    found = {a.code for m in finder(lookup.nlp(text), date(2022, 9, 16)) for a in m.actors}
    for group in ("required", "optional"):
        for event in expected["events"][group]:
            for role in ("source", "target"):
                if event[role] and not set(event[role]) & found:
                    misses.append(f"seed {role} {event[role]}")
    assert misses == []
