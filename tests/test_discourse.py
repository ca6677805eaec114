"""Who the words of a later sentence refer to: pronouns, "the two sides", a government's bodies,
an organization's members and the acts a reaction names (actors/story.py, actors/resolve.py,
events/discourse.py).

Short stories written for these tests (not taken from tests/data/reference_check, which measures
the same rules on other stories); each expected event follows shared/gold/ANNOTATION.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from bilateral.model import Document

from .test_coder import triples

pytestmark = pytest.mark.slow


def coded_triples(coder, text, pub):
    return triples(coder.code_one(Document(id="t", text=text, pub_date=pub)))


def mentions(coder, text):
    doc = coder.nlp(text)
    return [(doc[m.start:m.end].text, m.form, [(a.code, a.sector) for a in m.actors]) for m in doc._.actor_mentions]


STORIES = [
    # a pronoun opening a sentence continues the previous subject, not the nearest person or state
    ("Japanese Prime Minister Fumio Kishida held talks with his Australian counterpart Anthony Albanese "
     "in Perth on Saturday. He pledged to deepen defence cooperation with Canberra.", date(2022, 10, 22),
     {("AGREE", "JPN", "AUS")}, {("AGREE", "AUS", None)}),
    ("Ethiopia signed a port deal with the breakaway region of Somaliland on Monday. Somali Foreign Minister "
     "Ahmed Moallim Fiqi met Turkish officials in Ankara. He urged Ethiopia to withdraw from the deal.",
     date(2024, 1, 3), {("REQUEST", "SOM", "ETH")}, set()),
    ("Russia expelled the Estonian ambassador on Monday. It accused Tallinn of destroying relations "
     "between the two countries.", date(2023, 1, 24), {("ACCUSE", "RUS", "EST")}, set()),
    ("Moscow banned imports of Moldovan wine on Tuesday. They said the ban was a response to safety "
     "concerns. It also warned Chisinau against joining Western sanctions.", date(2023, 7, 4),
     {("THREATEN", "RUS", "MDA")}, {("THREATEN", "MDA", "MDA")}),
    ("European Union foreign ministers agreed new sanctions on Iran on Monday. They also called on Tehran "
     "to stop supplying drones to Russia.", date(2024, 4, 22), {("REQUEST", "EU", "IRN")}, set()),
    # the speaker of a report told first ("..., she said") is the previous subject too
    ("Australian Foreign Minister Penny Wong met her Chinese counterpart Wang Yi in Bali on Friday. "
     "China must release the detained Australians, she said.", date(2022, 7, 8), {("REQUEST", "AUS", "CHN")}, set()),
    # "the two sides": the pair the story names together, not the last two states named
    ("Armenia and Azerbaijan began talks in Washington on Monday. The United States hosted the meeting, "
     "and Russia criticised Washington for interfering. The two sides agreed to meet again next month.",
     date(2023, 5, 2), {("AGREE", "ARM", "AZE")}, {("AGREE", "USA", "RUS")}),
    # "the two" alone, as "the two sides" (not "the two men": a count)
    ("Xi Jinping arrived in Hanoi on Tuesday for a two-day state visit. The two sides signed 36 cooperation "
     "documents, and the two pledged to hold joint naval patrols in the Gulf of Tonkin.", date(2023, 12, 13),
     {("AGREE", "CHN", "VNM")}, set()),
    # a government body as a subject: the story's state ...
    ("Poland sent more troops to its border with Belarus on Tuesday. The interior ministry accused Minsk "
     "of pushing migrants across the frontier. The government also summoned the Belarusian charge d'affaires.",
     date(2021, 11, 9), {("ACCUSE", "POL", "BLR")}, set()),
    # ... but a body that names its place names its state
    ("The United States imposed sanctions on Venezuela's state oil company on Monday. The government in "
     "Caracas accused Washington of trying to steal the country's oil.", date(2019, 1, 29),
     {("ACCUSE", "VEN", "USA")}, set()),
    # ... or the state whose body of that name was the subject just before
    ("Ghana expelled two Nigerian diplomats on Monday. Nigeria's foreign ministry said the move was "
     "unjustified. The ministry summoned Ghana's envoy in Abuja.", date(2022, 2, 14),
     {("ACCUSE", "NGA", "GHA")}, {("ACCUSE", "GHA", "GHA")}),
    # ... and a title as a subject: the state of whoever was last the subject under that title
    ("Ethiopia signed a port deal with the breakaway region of Somaliland on Monday. Somali Foreign Minister "
     "Ahmed Moallim Fiqi condemned the agreement. The minister urged the African Union to intervene.",
     date(2024, 1, 3), {("REQUEST", "SOM", "AU")}, {("REQUEST", "ETH", "AU")}),
    # an organization's members by their adjective, and "the group" for the organization
    ("West African leaders suspended Guinea on Wednesday after soldiers seized power. They also demanded "
     "the release of President Alpha Conde.", date(2021, 9, 9),
     {("SANCTION", "ECOWAS", "GIN"), ("REQUEST", "ECOWAS", "GIN")}, set()),
    ("ASEAN leaders met in Jakarta on Tuesday. The group urged Myanmar's generals to end the violence.",
     date(2023, 9, 5), {("REQUEST", "ASEAN", "MMR")}, set()),
    # a state described by words that name none, as the subject of a clause hung on another: the
    # subject of that other clause; in a report, not the speaker's own state
    ("Gambia restored diplomatic relations with China on Thursday, three years after the West African "
     "nation broke off ties with Taiwan.", date(2016, 3, 17), {("SANCTION", "GMB", "TWN")}, {("SANCTION", "CHN", "TWN")}),
    ("Russia recalled its ambassador from Tallinn on Monday. Its foreign ministry said the Baltic state "
     "had expelled two Russian diplomats.", date(2023, 1, 23), {("SANCTION", "EST", "RUS")}, {("SANCTION", "RUS", "RUS")}),
    # a name the gazetteer does not know, used alone after a titled first use
    ("Philippine coast guard spokesman Jay Tarriela accused China of blocking a resupply mission on "
     "Saturday. Tarriela urged Beijing to respect the 2016 arbitral ruling.", date(2023, 8, 6),
     {("REQUEST", "PHL", "CHN")}, set()),
    # ... and opening a sentence as its subject: the subject before continues
    ("Mali ordered the French ambassador to leave within 72 hours on Monday. The country accused France "
     "of hostile remarks.", date(2022, 2, 1), {("ACCUSE", "MLI", "FRA")}, set()),
    # a reaction naming the act after a preposition: its doer is the one reacted to
    ("India revoked the special status of Kashmir on Monday. Pakistan voiced anger over the decision.",
     date(2019, 8, 5), {("ACCUSE", "PAK", "IND")}, set()),
]


@pytest.mark.parametrize("text,pub,expected,wrong", STORIES, ids=[s[0][:40] for s in STORIES])
def test_later_sentences_refer_back_to_the_storys_actors(coder, text, pub, expected, wrong):
    found = coded_triples(coder, text, pub)
    assert expected <= found, found
    assert not wrong & found, found


def test_a_body_is_nobodys_when_no_state_leads_the_story(coder):
    # The lead's subject is a pair and each is named as often: "the ministry" could be either's.
    found = mentions(coder, "Armenia and Azerbaijan traded accusations of shelling on Monday. "
                            "The ministry said its forces had returned fire.")
    assert not [m for m in found if m[1] == "body"], found


def test_a_body_as_object_is_not_the_storys_state(coder):
    # "urged the ministry" is not the story's centre continuing: only subjects are read so.
    found = mentions(coder, "Chile protested to Peru on Monday. Lima urged the ministry to explain.")
    assert not [m for m in found if m[1] == "body"], found


def test_a_named_owner_keeps_its_body(coder):
    found = mentions(coder, "The Kenyan foreign ministry said on Friday it would reply.")
    assert [m for m in found if m[2] == [("KEN", "GOV")]], found
    assert not [m for m in found if m[1] == "body"], found


def test_members_adjective_needs_a_word_for_members(coder):
    assert not [m for m in mentions(coder, "A West African country expelled the French ambassador.")
                if m[2][0][0] == "ECOWAS"]
    assert not [m for m in mentions(coder, "Storms hit the West African coast.") if m[2][0][0] == "ECOWAS"]
    found = mentions(coder, "Southeast Asian foreign ministers met in Vientiane.")
    assert ("Southeast Asian", "members", [("ASEAN", "GOV")]) in found, found


def test_a_counterpart_is_a_government_official(coder):
    found = mentions(coder, "The minister called his Kenyan counterpart.")
    assert ("Kenyan", "adjective", [("KEN", "GOV")]) in found, found


def test_a_pair_word_with_its_own_owners_is_not_the_storys_pair(coder):
    # "The leaders of Chile and Peru" name their own states; the pair the story named before
    # (Kenya and Uganda) is not who they are.
    found = coded_triples(coder, "Kenya and Uganda signed a border deal on Monday. The leaders of Chile "
                                 "and Peru held talks in Lima on Tuesday.", date(2024, 5, 8))
    assert ("CONSULT", "CHL", "PER") in found or ("CONSULT", "PER", "CHL") in found, found
    assert not {t for t in found if t[0] == "CONSULT" and {t[1], t[2]} == {"KEN", "UGA"}}, found


def test_the_two_sides_come_out_in_the_same_order_in_every_process(tmp_path):
    # A set's order follows Python's string hashing, which differs between processes; a pair taken
    # in that order made local and Dask runs store a reciprocal event each way round.
    story = tmp_path / "story.txt"
    story.write_text("Chile and Peru signed a fisheries deal on Monday. The two sides also agreed to "
                     "hold regular talks on the border.\n", encoding="utf-8")
    runs = set()
    for seed in ("1", "2", "3"):
        out = subprocess.run([sys.executable, "-m", "bilateral", "code", str(story), "--jsonl", "--date",
                              "2024-05-08"], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        events = json.loads(out.stdout)["events"]
        runs.add(tuple((e["event_type"], e["source_code"], e["target_code"]) for e in events))
    assert len(runs) == 1, runs
    assert ("AGREE", "CHL", "PER") in next(iter(runs))  # the first named leads a tie


def test_a_reaction_answers_the_agreement_not_an_earlier_reaction(coder):
    # Bolivia's welcome is itself a reaction: Peru's criticism of "the agreement" is aimed at the
    # two that signed it, and "the step" (signing) is a deed a generic noun can name.
    found = coded_triples(coder, "Chile and Argentina signed a gas supply deal on Monday. Bolivia welcomed "
                                 "the step. Peru criticised the agreement.", date(2024, 5, 8))
    assert {t for t in found if t[:2] == ("SUPPORT", "BOL") and t[2] in {"CHL", "ARG"}}, found
    assert {t for t in found if t[:2] == ("ACCUSE", "PER") and t[2] in {"CHL", "ARG"}}, found
    assert not {t for t in found if t[1] == "PER" and t[2] == "BOL"}, found


def test_praise_is_no_agreement_a_later_noun_can_name(coder):
    # "praised the two leaders" is words: "the agreement" still names the signing before it.
    found = coded_triples(coder, "Poland and Lithuania agreed on Monday to build a joint power line. "
                                 "Latvia praised the two governments. Belarus condemned the agreement.",
                          date(2024, 5, 8))
    assert {t for t in found if t[:2] == ("ACCUSE", "BLR") and t[2] in {"POL", "LTU"}}, found
    assert not {t for t in found if t[:2] == ("ACCUSE", "BLR") and t[2] == "LVA"}, found


def test_a_reaction_to_a_mutual_act_is_aimed_at_every_party(coder):
    # Both signed: criticising "the accord" is criticising both of them, one event each.
    found = coded_triples(coder, "Ghana and Togo signed a maritime border accord on Friday. Benin criticised "
                                 "the accord.", date(2021, 6, 12))
    assert {("ACCUSE", "BEN", "GHA"), ("ACCUSE", "BEN", "TGO")} <= found, found


def test_co_sources_are_all_answered(coder):
    # Two states expelled the diplomats together: "the expulsions" are the deed of both.
    found = coded_triples(coder, "Latvia and Estonia expelled Russian diplomats on Tuesday. Moscow condemned "
                                 "the expulsions.", date(2023, 3, 8))
    assert {("ACCUSE", "RUS", "LVA"), ("ACCUSE", "RUS", "EST")} <= found, found


def test_an_agreement_noun_prefers_the_mutual_act_to_a_later_one_sided_one(coder):
    # The invitation after the signing is one side's act; "the treaty" is what both signed.
    found = coded_triples(coder, "Peru and Ecuador signed a fisheries treaty in Lima on Monday. Peruvian "
                                 "President Dina Boluarte invited Ecuadorean President Daniel Noboa to visit "
                                 "Cusco. Chile welcomed the treaty.", date(2024, 3, 5))
    assert {("SUPPORT", "CHL", "PER"), ("SUPPORT", "CHL", "ECU")} <= found, found


ANSWERS = [
    # a denial of "the charge" answers whoever made it against the deniers ...
    ("Lithuania accused Belarus on Tuesday of flying migrants to the border. Minsk denied the charge.",
     date(2021, 7, 14), {("REJECT", "BLR", "LTU")}),
    # ... also when that accusation was itself a reaction, and among several accusers
    ("Bolivia expelled two Chilean diplomats on Monday. Chile condemned the expulsions. La Paz rejected "
     "the criticism.", date(2019, 3, 5), {("ACCUSE", "CHL", "BOL"), ("REJECT", "BOL", "CHL")}),
    ("Poland and Lithuania accused Russia on Friday of staging the migrant crisis. The Kremlin dismissed the "
     "allegations.", date(2021, 11, 13), {("REJECT", "RUS", "POL"), ("REJECT", "RUS", "LTU")}),
    # ... and in a relative clause on the charge told alongside the accusation
    ("Georgia accused Russia on Monday of moving the boundary fence deeper into its territory, an allegation "
     "Moscow denied.", date(2015, 7, 14), {("ACCUSE", "GEO", "RUS"), ("REJECT", "RUS", "GEO")}),
    # a retort may answer an organization: a dispute, unlike a fight, can be with one
    ("The European Union imposed sanctions on three Belarusian officials on Monday. Minsk responded by "
     "imposing sanctions of its own.", date(2020, 10, 3), {("SANCTION", "BLR", "EU")}),
    # "In a call with X, Y urged ...": the call is held, whatever is urged (a framing phrase is no
    # complement of the opaque verb)
    ("In a phone call with Recep Tayyip Erdogan on Friday, Vladimir Putin urged him to keep the Bosphorus "
     "open to Russian ships.", date(2022, 3, 5), {("CONSULT", "RUS", "TUR")}),
]


@pytest.mark.parametrize("text,pub,expected", ANSWERS, ids=[s[0][:40] for s in ANSWERS])
def test_an_answer_finds_whom_it_answers(coder, text, pub, expected):
    found = coded_triples(coder, text, pub)
    assert expected <= found, found


def test_a_denial_with_no_accusation_told_is_no_rejection(coder):
    # No one has accused Moscow in the story: the denial stays a statement (CAMEO 016).
    found = coded_triples(coder, "Ukraine signed a grain deal with Turkey on Friday. Moscow denied the charge.",
                          date(2022, 7, 23))
    assert not {t for t in found if t[0] == "REJECT"}, found


def test_it_is_not_a_coordinated_subject(coder):
    # "it" is the state named last, not the two accusers
    found = coded_triples(coder, "Saudi Arabia and Bahrain cut diplomatic ties with Iran on Monday, accusing it "
                                 "of attacks on their missions.", date(2016, 1, 5))
    assert {("ACCUSE", "SAU", "IRN"), ("ACCUSE", "BHR", "IRN")} <= found, found
    assert not {t for t in found if t[0] == "ACCUSE" and t[2] in {"SAU", "BHR"}}, found
