"""Grouping reports into changes (bilateral.ledger.changes) and merging a document's reports
(bilateral.ledger.merge), on reports written for these tests: no model needed."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.ledger.changes import reconcile, state_at
from bilateral.ledger.merge import merge_document_facts
from bilateral.ledger.transitions import transition
from bilateral.model import LedgerFact


def report(doc: str, value: str, when: str | None, source: str | None, pub: str, kind: str = "diplomatic_relations",
           parties: tuple[str, str] = ("NIC", "TWN"), conflicts: tuple[str, ...] = ()) -> dict:
    return {"fact_id": f"{doc}-{value}-{when}", "doc_id": doc, "kind": kind, "party_a": parties[0],
            "party_b": parties[1], "label": value if kind == "partnership" else None,
            "status": None if kind == "partnership" else value, "fact_date": when, "date_source": source,
            "date_conflicts": list(conflicts), "pub_date": date.fromisoformat(pub), "source": doc}


def summary(changes) -> list[tuple]:
    return [(c.value, c.date, c.date_source, len(c.reports), tuple(x["date"] for x in c.conflicts), c.flag)
            for c in changes]


def test_a_publication_dated_report_days_after_a_stated_change_is_another_report_of_it():
    changes = reconcile([
        report("headline", "severed", "2021-12-10", "publication", "2021-12-10"),
        report("lead", "severed", "2021-12-09", "stated", "2021-12-10"),
    ])
    assert summary(changes) == [("severed", "2021-12-09", "stated", 2, (), None)]


def test_a_publication_dated_report_long_after_starts_nothing_when_it_repeats_the_state():
    changes = reconcile([
        report("a", "severed", "2016-01-03", "stated", "2016-01-04"),
        report("b", "severed", "2019-05-01", "publication", "2019-05-01"),
    ])
    assert summary(changes) == [("severed", "2016-01-03", "stated", 2, (), None)]


def test_a_new_value_dated_only_by_publication_is_a_change_on_that_day():
    changes = reconcile([
        report("a", "severed", "2016-01-03", "stated", "2016-01-04"),
        report("b", "restored", "2023-03-14", "publication", "2023-03-14"),
    ])
    assert [(c.value, c.date, c.date_source) for c in changes] == [
        ("severed", "2016-01-03", "stated"), ("restored", "2023-03-14", "publication")]


def test_disagreeing_stated_dates_are_kept_as_a_conflict_and_the_better_supported_one_wins():
    changes = reconcile([
        report("a", "severed", "2021-12-09", "stated", "2021-12-10"),
        report("b", "severed", "2021-12-08", "stated", "2021-12-13"),
        report("c", "severed", "2021-12", "stated", "2022-03-02"),
        report("d", "severed", "2021-12-09", "stated", "2021-12-11"),
    ])
    assert summary(changes) == [("severed", "2021-12-09", "stated", 4, ("2021-12-08",), None)]


def test_on_a_tie_the_date_reported_first_wins():
    changes = reconcile([
        report("late", "severed", "2021-12-08", "stated", "2021-12-13"),
        report("early", "severed", "2021-12-09", "stated", "2021-12-10"),
    ])
    assert changes[0].date == "2021-12-09"


def test_an_undated_restatement_confirms_the_earlier_change_and_moves_nothing():
    kind, parties = "membership", ("BLR", "SCO")
    changes = reconcile([
        report("ufa", "observer", "2015-07-10", "stated", "2015-07-11", kind, parties),
        report("samarkand", "accession_started", "2022-09-16", "stated", "2022-09-17", kind, parties),
        report("later", "observer", None, None, "2023-07-05", kind, parties),
    ])
    assert [(c.value, c.date, len(c.reports)) for c in changes] == [
        ("observer", "2015-07-10", 2), ("accession_started", "2022-09-16", 1)]
    assert state_at(changes, "2023-08-01").value == "accession_started"


def test_an_undated_value_never_reported_otherwise_is_known_from_its_first_publication():
    changes = reconcile([report("a", "member", None, None, "2024-07-08", "membership", ("CHN", "SCO"))])
    assert (changes[0].date, changes[0].effective) == (None, "2024-07-08")
    assert state_at(changes, "2024-07-07") is None and state_at(changes, "2024-07-08").value == "member"


def test_steps_that_skip_or_go_back_are_flagged():
    assert transition("membership", ("X", "O"), "member", "applicant").startswith("goes back")
    assert transition("membership", ("X", "O"), "applicant", "suspended").startswith("skips")
    assert transition("membership", ("X", "O"), "applicant", "accession_started") is None
    assert transition("membership", ("X", "O"), "suspended", "member") is None
    assert transition("partnership", ("CHN", "SRB"), "comprehensive strategic partnership",
                      "strategic partnership").startswith("goes back")
    assert transition("partnership", ("CHN", "SRB"), "strategic partnership",
                      "comprehensive strategic partnership") is None
    assert transition("diplomatic_relations", ("A", "B"), "severed", "restored") is None


def test_restored_after_established_confirms_the_relations():
    changes = reconcile([
        report("a", "established", "2021-12-10", "publication", "2021-12-10", parties=("CHN", "NIC")),
        report("b", "restored", "2021-12-10", "stated", "2021-12-11", parties=("CHN", "NIC")),
    ])
    assert summary(changes) == [("restored", "2021-12-10", "stated", 2, (), None)]


REPORTS = [
    report("a", "severed", "2016-01-03", "stated", "2016-01-04", parties=("IRN", "SAU")),
    report("b", "severed", "2016", "stated", "2023-03-11", parties=("IRN", "SAU")),
    report("c", "restored", "2023-03-10", "stated", "2023-03-11", parties=("IRN", "SAU")),
    report("d", "restored", "2023-03-14", "publication", "2023-03-14", parties=("IRN", "SAU")),
    report("e", "severed", "2016-01-02", "stated", "2016-01-05", parties=("IRN", "SAU")),
    report("f", "established", None, None, "2024-01-01", parties=("IRN", "SAU")),
    report("g", "downgraded", "2015-06-01", "publication", "2015-06-01", parties=("IRN", "SAU")),
]


@settings(max_examples=60, deadline=None)
@given(st.permutations(REPORTS))
def test_the_grouping_does_not_depend_on_the_order_of_the_reports(shuffled):
    assert summary(reconcile(list(shuffled))) == summary(reconcile(REPORTS))


def fact(index: int, when: str | None, source: str | None, value: str = "severed", text: str = "") -> LedgerFact:
    return LedgerFact(doc_id="d", kind="diplomatic_relations", parties=("NIC", "TWN"), label=None, status=value,
                      date=when, date_precision=None, sentence_index=index, sentence=text or f"sentence {index}",
                      sentence_start=0, sentence_end=1, date_source=source)


def test_one_document_tells_one_change_once_with_every_sentence_as_evidence():
    [merged] = merge_document_facts([
        fact(0, "2021-12-10", "publication"), fact(2, "2021-12-09", "stated"), fact(5, "2021-12", "stated"),
        fact(7, None, None),
    ], date(2021, 12, 10))
    assert (merged.date, merged.date_source, merged.sentence_index) == ("2021-12-09", "stated", 2)
    assert [r.sentence_index for r in merged.reports] == [0, 2, 5, 7]


def test_stated_dates_that_disagree_in_one_document_are_kept_as_a_conflict():
    [merged] = merge_document_facts([fact(1, "2021-12-09", "stated"), fact(4, "2021-12-08", "stated")],
                                    date(2021, 12, 10))
    assert merged.date == "2021-12-09" and merged.date_conflicts == ("2021-12-08",)


def test_dates_years_apart_in_one_document_are_two_changes():
    facts = merge_document_facts([fact(1, "2021-12-09", "stated"), fact(4, "1990", "stated")], date(2021, 12, 10))
    assert sorted(f.date for f in facts) == ["1990", "2021-12-09"]


def test_shuffling_the_reports_of_a_document_changes_nothing():
    facts = [fact(0, "2021-12-10", "publication"), fact(2, "2021-12-09", "stated"), fact(3, "2021-12-08", "stated"),
             fact(5, None, None), fact(6, "2021-12-10", "publication", "established")]
    expected = [f.to_json() for f in merge_document_facts(facts, date(2021, 12, 10))]
    for seed in range(5):
        shuffled = facts[:]
        random.Random(seed).shuffle(shuffled)
        assert [f.to_json() for f in merge_document_facts(shuffled, date(2021, 12, 10))] == expected


def test_established_and_restored_in_one_document_are_one_fact_dated_by_the_stated_one():
    [merged] = merge_document_facts([
        fact(0, "2021-12-11", "publication", "established"), fact(2, "2021-12-10", "stated", "restored"),
    ], date(2021, 12, 11))
    assert (merged.status, merged.date, len(merged.reports)) == ("restored", "2021-12-10", 2)
