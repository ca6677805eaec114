"""When a ledger fact happened, read from the parse: the date its own clause governs, a date
counted from another clause's ("three days after ..."), the day it was told, or the publication
date; and the words each was read from (docs/ledger.md, "Dates")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from bilateral.events.dates import DateMention, quantity, shift
from bilateral.nlp.tree import children, doc_text, span_text, subtree, subtree_indices
from bilateral.rules.words import word_lists
from bilateral.syntax import clause_verb, governed_dates


@dataclass(frozen=True)
class Found:
    """A fact read from a sentence, before it is dated."""

    kind: str
    parties: tuple[str, ...]
    value: str
    token: Token
    evidence: str
    stative: bool
    # Characters where the fact's own date is written, when one clause holds several facts
    # ("joined NATO in 2004 and the European Union in 2007").
    date_window: tuple[int, int] | None = None
    dateless: bool = False  # the sentence's dates belong to another fact


# Word lists and code tables: data/rules/words.yaml and codes.yaml (each says why it exists).
WORDS = word_lists()
REPORTING_VERBS = WORDS["reporting_verbs"]


# "MANAGUA, Dec 10 (Reuters) - ": a place in capitals, the date, an optional agency, a dash.
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z .'-]+,[^\n]{0,40}$")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)\n]{1,30}\)\s*)?(?:-|—|–|--)\s")


def is_dateline(text: str, d: DateMention) -> bool:
    """A wire dateline's date dates the story, not the change it tells (the events' date finder
    already passes over datelines with a long dash; this also knows the hyphen and the agency)."""
    return bool(_DATELINE_AFTER.match(text, d.end) and _DATELINE_BEFORE.search(text, max(0, d.start - 60), d.start))


def fact_date(f: Found, sent: Span, dates: list[DateMention],
               pub_date: date | None) -> tuple[str | None, str | None, str | None, str | None]:
    """The fact's date, its precision, where it comes from (stated, publication or None) and the
    words it was read from."""
    if f.dateless:  # an apposition is dated only by what it holds ("an SCO observer since 2015")
        own = subtree_indices(f.token)
        inside = [d for d in dates if sent.start_char <= d.start < sent.end_char
                  and (t := sent.doc.char_span(d.start, d.end, alignment_mode="expand")) is not None
                  and t.root.i in own]
        if not inside:
            return None, None, None, None
        return inside[0].value, inside[0].precision, "stated", doc_text(sent.doc)[inside[0].start:inside[0].end]
    best = _stated_date(f, sent, dates, pub_date)
    if isinstance(best, DateMention):
        return best.value, best.precision, "stated", doc_text(sent.doc)[best.start:best.end]
    if best is not None:  # dated by another clause: its distance from that clause's date, or a statement's
        return best
    if f.stative or pub_date is None:
        return None, None, None, None
    return pub_date.isoformat(), "day", "publication", None


def _stated_date(f: Found, sent: Span, dates: list[DateMention],
                 pub_date: date | None) -> DateMention | tuple[str, str, str, str] | None:
    verb = clause_verb(f.token)
    in_sentence = [d for d in dates if sent.start_char <= d.start < sent.end_char
                   and not is_dateline(doc_text(sent.doc), d)]
    doc = sent.doc
    # A date belongs to the clause whose verb governs it ("since 2015" in a relative clause dates
    # that clause's fact, not the main clause's).
    governed = governed_dates(doc, in_sentence)
    best = None
    if f.date_window is not None:
        best = next((d for d in in_sentence if f.date_window[0] <= d.start < f.date_window[1]), None)
    best = best or governed.get(verb.i)
    if best is None:
        # "submitted applications to join the EU on Thursday": a date in an infinitive below
        below = [c for c in children(verb) if c.dep_ == "xcomp"] + [
            a for c in children(verb) if c.dep_ == "dobj" for a in children(c) if a.dep_ == "acl"]
        for child in below:
            if best is None:
                for t in subtree(child):
                    if t.i in governed and t.pos_ in {"VERB", "AUX"}:
                        best = governed[t.i]
                        break
    if best is None:
        best = _year_of_instrument(verb)
    if best is None:
        relative = _relative_to_main_clause(verb, governed, pub_date)
        if relative is not None:
            return relative[0], relative[1], "stated", relative[2]
    # A subordinate or coordinated clause without its own date takes the date of the clause
    # above it ("paid a visit on Thursday, where Biden designated Kenya ...").
    tok = verb
    # ... but a clause of time ("weeks after it agreed to restore ties") tells another time.
    while best is None and tok.dep_ not in {"ROOT"} and tok.head.i != tok.i and not told_as_background(tok):
        tok = clause_verb(tok.head)
        best = governed.get(tok.i)
        if best is not None and tok.lemma_.lower() in REPORTING_VERBS and tok.i != verb.i:
            # "Belarus joined the SCO, Lukashenko told officials on Monday": the day it was said,
            # which the change came before.
            return best.value, best.precision, "statement", doc_text(doc)[best.start:best.end]
    if best is None:
        # "had cut ties with Cairo after the army ousted Mursi in 2013": a date further down the
        # clause is closer to the fact than the publication date.
        # (Not a relative clause on a name: "after Pakistan, which has been a partner since 2015"
        # dates Pakistan's partnership; "a label the two sides adopted in 2014" dates the label.)
        clause = subtree_indices(verb)
        best = next((d for i, d in governed.items() if i in clause
                     and not (doc[i].dep_ == "relcl" and doc[i].head.pos_ == "PROPN")), None)
    return best


def _year_of_instrument(verb: Token) -> DateMention | None:
    """"established under a 1965 treaty", "joined by a 2004 accession treaty": the year of the
    instrument a change was made by dates the change. (Not for events: "violated the 1994
    memorandum" is no act of 1994.)"""
    for prep in children(verb):
        if prep.dep_ != "prep" or prep.lower_ not in INSTRUMENT_PREPS:
            continue
        for noun in children(prep):
            for mod in children(noun):
                if mod.dep_ in {"nummod", "compound", "amod"} and _YEAR.fullmatch(mod.text) and mod.i < noun.i:
                    return DateMention(mod.idx, mod.idx + len(mod.text), mod.text, "year")
    return None


INSTRUMENT_PREPS = frozenset({"under", "by", "through", "in", "with"})
_YEAR = re.compile(r"(?:19|20)\d\d")


def _relative_to_main_clause(verb: Token, governed: dict[int, DateMention],
                             pub_date: date | None) -> tuple[str, str, str] | None:
    """"..., 47 years after it joined the bloc", "two days after the country cut its ties", "and
    restored them seven years later": a clause dated by its distance from the clause it depends on."""
    if verb.dep_ == "conj":
        # "broke off relations in 2009 and restored them seven years later"
        mark = next((c for c in children(verb) if c.dep_ == "advmod" and c.lower_ in {"later", "earlier"}), None)
    elif verb.dep_ == "advcl":
        mark = next((c for c in children(verb) if c.dep_ == "mark" and c.lower_ in {"after", "before"}), None)
    else:
        return None
    if mark is None:
        return None
    amount, words = None, ""
    for mod_ in [*children(mark), *children(verb)]:
        if mod_.dep_ == "npadvmod" and mod_.i < mark.i:
            amount = quantity([t.text for t in subtree(mod_)])
            words = f"{span_text(mod_.doc[mod_.left_edge.i : mod_.right_edge.i + 1])} {mark.text}"
    if amount is None:
        return None
    main = clause_verb(verb.head)
    anchor = governed.get(main.i)
    if anchor is None:  # "began withdrawing its staff on Sunday, three days after ...": the main clause's date
        own = subtree_indices(verb)
        anchor = next((d for i, d in sorted(governed.items()) if i in subtree_indices(main) and i not in own), None)
    if anchor is not None:
        value, precision = anchor.value, anchor.precision
    elif pub_date is not None:
        value, precision = pub_date.isoformat(), "day"
    else:
        return None
    n, unit = amount
    when, precision = shift(value, precision, -n if mark.lower_ in {"after", "earlier"} else n, unit)
    if anchor is not None:
        words += " " + doc_text(verb.doc)[anchor.start:anchor.end]
    return when, precision, words


_BACKGROUND_MARKS = frozenset({"after", "before", "since"})


def told_as_background(verb: Token) -> bool:
    """"..., weeks after it agreed to restore relations", "nine days after X cut its ties": a change
    told in a clause of time happened at another time than the story's."""
    tok = verb
    for _ in range(3):
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in children(tok)):
            return True
        if tok.dep_ not in {"xcomp", "conj"} or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False
