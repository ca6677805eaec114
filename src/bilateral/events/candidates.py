"""An act found in a sentence (a candidate event), and turning acts into dated, deduplicated events:
who pairs with whom, which date a clause has."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Span, Token

from bilateral import syntax as syn
from bilateral.events.dates import DateMention
from bilateral.events.lexicon import Predicate
from bilateral.model import Actor, Event
from bilateral.nlp.tree import subtree_indices
from bilateral.rules.slot_terms import Pairing
from bilateral.rules.slots import slots
from bilateral.rules.words import word_lists

WORDS = word_lists()  # data/rules/words.yaml



@dataclass
class Candidate:
    trigger: Token
    predicate: Predicate
    sources: list[Actor]
    targets: list[Actor]
    mutual: bool
    pair: bool  # the subject is "the two sides" or a coordination of actors


@dataclass(frozen=True)
class EventReading:
    """What a kept act is coded as: PLOVER type and mode, CAMEO code, the type a promise or threat
    is of, and the modality (asserted, future, conditional) and contexts."""

    type: str
    mode: str | None
    cameo: str
    promised: str | None
    modality: str
    contexts: tuple[str, ...]


def share_recipients(candidates: list[Candidate]) -> None:
    """"China summoned Canada's ambassador, warning of severe consequences": a participle clause
    with no recipient of its own is aimed at the recipient of the act it accompanies."""
    by_trigger = {c.trigger.i: c for c in candidates}
    rules = slots()
    for cand in candidates:
        # which act lends its recipients: data/rules/slots.yaml, stage `shared`; only an act of
        # the same sources does
        lender = None if cand.targets else rules.lender(cand.trigger)
        head = by_trigger.get(lender.i) if lender is not None else None
        if head is not None and head.targets and {a.code for a in head.sources} == {a.code for a in cand.sources}:
            cand.targets = list(head.targets)


def depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def dyads(sources: list[Actor], targets: list[Actor], cand: Candidate,
           cooperative: bool) -> list[tuple[Actor | None, Actor | None, bool]]:
    """The act's events as (source, target, reciprocal): data/rules/slots.yaml, stage `pairs`."""
    return slots().pairs(Pairing(sources, targets, cand.predicate, cand.mutual, cooperative))


def event_date(verb: Token, sent: Span, dates: list[DateMention], pub_date: date | None,
               ahead: bool = False) -> tuple[str | None, str | None]:
    """The date written for the act's clause, else the publication date. Whether a weekday or a
    bare month lies ahead is the date's own clause's business ("agreed on Thursday to upgrade":
    the agreeing was on Thursday), settled by the dates component (bilateral.nlp.dating), not by
    the act's modality; `ahead` is kept for callers."""
    written = written_date(verb, sent, dates)
    if written is None:
        return (pub_date.isoformat(), "day") if pub_date is not None else (None, None)
    return written.value, written.precision


def written_date(verb: Token, sent: Span, dates: list[DateMention]) -> DateMention | None:
    in_sentence = [d for d in dates if sent.start_char <= d.start < sent.end_char]
    if not in_sentence:
        return None
    by_governor = syn.governed_dates(sent.doc, in_sentence)
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            break
        if tok.i in by_governor:
            return by_governor[tok.i]
        tok = tok.head if tok.dep_ in {"xcomp", "conj", "ccomp", "advcl", "relcl", "acl", "pobj", "prep"} else None
    clause = verb if verb.pos_ in {"VERB", "AUX"} else syn.clause_verb(verb)
    in_clause = subtree_indices(clause)
    return next((d for gov_i, d in by_governor.items() if gov_i in in_clause), None)


TWO_SIDED_TYPES = word_lists()["two_sided_types"]


def dedupe(events: list[Event], noun_triggers: frozenset[int] = frozenset()) -> list[Event]:
    """A sentence's events, each told once. A reciprocal event of a two-sided type (words.yaml
    `two_sided_types`) one of whose directions an earlier event told keeps the other ("Israeli jets
    struck Gaza, and troops of the two sides exchanged fire": the exchange adds PSE -> ISR), unless
    it is told by an event noun (`noun_triggers`, their offsets), which names the act told ("fired
    on the vessels, in the first clash between the two countries"); an event with no target whose
    type and source an event with a target already has adds nothing ("the bombardment of Mariupol
    destroyed the theatre")."""
    targeted = {(e.type, e.source.code) for e in events if e.source is not None and e.target is not None}
    seen: set[tuple[str, str, str]] = set()
    out = []
    for e in events:
        key = _key(e)
        mirror = (e.type, key[2], key[1])
        if e.target is None and (e.type, key[1]) in targeted:
            continue
        if e.reciprocal and (key in seen) != (mirror in seen) and e.trigger_start not in noun_triggers \
                and e.type in TWO_SIDED_TYPES:
            # the direction not told yet, on its own
            e, key = (replace(e, source=e.target, target=e.source, reciprocal=False), mirror) if key in seen \
                else (replace(e, reciprocal=False), key)
        elif key in seen or (e.reciprocal and mirror in seen):
            continue
        seen.add(key)
        out.append(e)
    return out


def without_restated_headline(events: list[Event], headline: int | None) -> list[Event]:
    """A headline restates its story's main act in a few words ("Saudi Arabia and Iran agree to
    restore ties"): an event of the headline sentence (`headline`, its index) that a later sentence
    also tells, as the same type between the same pair, is told once, by the later sentence, which
    carries the date, the place and the full wording."""
    if headline is None:
        return events
    later: set[tuple[str, str, str]] = set()
    for e in events:
        if e.sentence_index != headline:
            kind, source, target = key = _key(e)
            later |= {key, (kind, target, source)} if e.reciprocal else {key}
    return [e for e in events if e.sentence_index != headline or _key(e) not in later]


def _key(e: Event) -> tuple[str, str, str]:
    """An event's type and the codes of its source and target ("" for none)."""
    return e.type, e.source.code if e.source else "", e.target.code if e.target else ""
