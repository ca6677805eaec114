"""The syntax layer answers the questions every stage asks of a clause."""

from __future__ import annotations

from datetime import date

import pytest

from bilateral import syntax as syn
from bilateral.events.dates import find_dates

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def parse(coder):
    def run(text: str):
        doc = coder.nlp(text)
        return doc, {t.text: t for t in doc}
    return run


def test_active_clause(parse) -> None:
    doc, tok = parse("China did not impose sanctions on Lithuania.")
    clause = syn.clause_of(tok["impose"])
    assert not clause.passive
    assert clause.subject is not None and clause.subject.text == "China"
    assert [o.text for o in clause.objects] == ["sanctions"]
    assert [p.text for p in clause.prep_objects("on")] == ["Lithuania"]
    assert clause.negated


def test_passive_clause_and_agent(parse) -> None:
    doc, tok = parse("Sanctions were imposed on Iran by the European Union.")
    clause = syn.clause_of(tok["imposed"])
    assert clause.passive
    assert clause.agent is not None and clause.agent.text == "Union"
    assert clause.subject is not None and clause.subject.text == "by"  # the agent phrase stands for the subject
    assert [o.text for o in clause.objects] == ["Sanctions"]
    assert not clause.negated


def test_subject_of_a_complement_and_speaker(parse) -> None:
    doc, tok = parse("Russia agreed to withdraw its troops, the ministry said.")
    assert syn.subject(tok["withdraw"]).text == "Russia"
    assert syn.speaker_of(tok["agreed"]).text == "said"
    assert syn.speaker_of(tok["withdraw"]).text == "said"


def test_particles_and_stance(parse) -> None:
    doc, tok = parse("Mali pulled out of the agreement. Turkey is opposed to the plan.")
    assert "out" in syn.particles(tok["pulled"])
    opposed = syn.clause_of(tok["opposed"])
    assert not opposed.passive  # "is opposed to" states a stance
    assert [o.text for o in opposed.objects] == ["plan"]


def test_relative_clause_and_misparsed_subject(parse) -> None:
    doc, tok = parse("Nauru, which severed ties with Taipei, recognised Beijing.")
    severed = tok["severed"]
    assert syn.subject(severed, relative=True).text == "Nauru"
    assert syn.subject(severed).text == "which"
    assert syn.pobjs(severed, "with") == []  # the parser hangs "with Taipei" on the object
    assert [p.text for p in syn.prep_objects(severed, syn.objects(severed, False), "with")] == ["Taipei"]


def test_clause_verb_and_governed_date(parse) -> None:
    text = "Belarus, an observer since 2015, became a member on Thursday."
    doc, tok = parse(text)
    assert syn.clause_verb(tok["Thursday"]).text == "became"
    dates = find_dates(text, date(2024, 7, 6))
    governed = syn.governed_dates(doc, dates)
    became = governed[tok["became"].i]
    assert text[became.start:became.end] == "Thursday"  # nearer the verb than "since 2015"
