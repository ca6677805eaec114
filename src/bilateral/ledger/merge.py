"""One fact per change a document reports.

A story tells its main change in the headline, again in the lead and often once more further
down. Each of those sentences is a report; together they are one fact whose evidence is every
sentence ("switches recognition to Beijing" and "restored relations with China on Friday" tell one
change: relations restored are relations established). The fact's date is chosen by where it comes from (docs/ledger.md, "Dates"):

- a date stated in the text beats the publication date a sentence without one falls back to;
- a more precise stated date beats a less precise one that agrees with it ("on Thursday" over
  "in December");
- stated dates that disagree ("on Thursday" in the lead, "on Wednesday" further down) stay one
  fact, dated by the first sentence that states one, with the others kept in `date_conflicts`;
  dates far apart (more than datespan.CONFLICT_GAP_DAYS) are different changes and stay separate facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from bilateral.ledger.datespan import agrees, close, finer, reported_within
from bilateral.ledger.transitions import canonical_value
from bilateral.model import LedgerFact

# Dates that only bound a change from above: the day the story came out, the day someone told of it.
DEFAULTED = ("publication", "statement")


@dataclass
class _Change:
    reports: list[LedgerFact] = field(default_factory=list)

    def stated(self) -> list[LedgerFact]:
        return [r for r in self.reports if r.date_source == "stated" and r.date]


def merge_document_facts(facts: list[LedgerFact], pub_date: date | None) -> list[LedgerFact]:
    """The facts of one document, one per change, each with every sentence that reports it."""
    by_key: dict[tuple[object, ...], list[LedgerFact]] = {}
    restated: dict[tuple[object, ...], list[LedgerFact]] = {}
    for f, abbreviated in _fold_abbreviations(facts):
        (restated if abbreviated else by_key).setdefault(
            (f.kind, f.parties, canonical_value(f.kind, f.value)), []).append(f)
    out: list[LedgerFact] = []
    for key, reports in by_key.items():
        changes = _changes(reports, pub_date)
        # An abbreviation restates the designation the document tells in full; its sentence's own
        # date, if any, is about something else ("... partner, after Pakistan, a partner since 2015").
        changes[0].reports += restated.get(key, [])
        out += [_one_fact(c) for c in changes]
    return sorted(out, key=lambda f: (min(r.sentence_index for r in f.reports), f.sentence_index))


def merge_window_facts(facts: list[LedgerFact], pub_date: date | None,
                       sentence_spans: dict[int, tuple[int, int]]) -> list[LedgerFact]:
    """The facts of a long document coded in windows, merged as if it had been coded whole: each
    window's facts are taken apart into their reports again (a report's sentence span from the
    whole document's sentences) and all reports merged once."""
    singles = []
    for f in facts:
        for r in f.reports or (f.report(),):
            start, end = sentence_spans.get(r.sentence_index, (f.sentence_start, f.sentence_end))
            singles.append(replace(
                f, sentence_index=r.sentence_index, sentence=r.sentence, sentence_start=start, sentence_end=end,
                evidence=r.evidence, date=r.date, date_precision=r.date_precision, date_source=r.date_source,
                date_text=r.date_text, date_conflicts=(), reports=()))
    return merge_document_facts(singles, pub_date)


def _fold_abbreviations(facts: list[LedgerFact]) -> list[tuple[LedgerFact, bool]]:
    """A designation that another fact of the same parties states in more words is the same one
    abbreviated ("the all-weather partnership" in a headline): it takes the fuller label."""
    out = []
    for f in facts:
        abbreviated = False
        if f.kind == "partnership" and f.label:
            words = set(f.label.split())
            # A shorter label with a date of its own is an earlier rung, not an abbreviation:
            # "comprehensive partners since 2013" before "a comprehensive strategic partnership".
            fuller = [g.label for g in facts if g.kind == "partnership" and g.parties == f.parties
                      and g.label and words < set(g.label.split())
                      and (f.date_source != "stated" or g.date == f.date)]
            if fuller:
                f = replace(f, label=max(fuller, key=lambda label: len(label.split())))
                abbreviated = True
        out.append((f, abbreviated))
    return out


def _changes(reports: list[LedgerFact], pub_date: date | None) -> list[_Change]:
    changes: list[_Change] = []
    for r in sorted(reports, key=lambda r: r.sentence_index):
        if r.date_source == "stated" and r.date:
            home = next((c for c in changes if c.stated() and close(c.stated()[0].date, r.date)), None)
            if home is None:
                home = _Change()
                changes.append(home)
            home.reports.append(r)
    for r in sorted(reports, key=lambda r: r.sentence_index):
        if r.date_source == "stated" and r.date:
            continue
        home = None
        if r.date_source in DEFAULTED and r.date:
            within = [c for c in changes if any(reported_within(s.date or "", r.date) for s in c.stated())]
            home = within[-1] if within else next((c for c in changes if not c.stated()), None)
        elif changes:
            home = changes[0]  # an undated restatement belongs to the change the document tells
        if home is None:
            home = _Change()
            changes.append(home)
        home.reports.append(r)
    return changes


def _one_fact(change: _Change) -> LedgerFact:
    stated = [r for r in change.stated() if close(r.date, change.stated()[0].date)]
    in_order = sorted(change.reports, key=lambda r: r.sentence_index)
    conflicts: tuple[str, ...] = ()
    if stated:
        first = stated[0]
        agreeing = [r for r in stated if agrees(r.date or "", first.date or "")]
        best_date = first.date or ""
        for r in agreeing:
            best_date = finer(best_date, r.date or "")
        best = next(r for r in agreeing if r.date == best_date)
        conflicts = tuple(sorted({r.date for r in stated if r.date and not agrees(r.date, best_date)}))
    else:  # the day it was said beats the day it was printed
        dated = [r for r in in_order if r.date]
        best = min(dated, key=lambda r: (r.date_source != "statement", r.sentence_index)) if dated else in_order[0]
    return replace(best, date_conflicts=conflicts, reports=tuple(r.report() for r in in_order))
