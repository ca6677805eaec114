"""From a kept act to events, for the rules (events/coder.py) and the learned fallback
(learned/fallback.py) alike: one typing of the act after its modality (`typed`), the place an act
aimed at no one hits (`placed_targets`), which of its (source, target) pairs are events
(`kept_pairs`), and one builder of its dated, placed events (`build_events`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.tokens import Span, Token

from bilateral.actors.resolve import ActorResolver
from bilateral.events import modality as mod
from bilateral.events.candidates import EventReading, event_date
from bilateral.events.dates import DateMention
from bilateral.events.lexicon import Predicate
from bilateral.model import Actor, Event
from bilateral.nlp.tree import span_text
from bilateral.ontology import DEFAULT_CAMEO, cameo
from bilateral.rules.reading_tests import unread
from bilateral.rules.slot_terms import SameCountry, SlotAct, Targetless
from bilateral.rules.slots import slots
from bilateral.rules.words import word_lists

WORDS = word_lists()  # data/rules/codes.yaml: promised cooperation is AGREE, a threatened act THREATEN
AGREE_CODES = WORDS.table("agree_codes")
AGREE_CONTEXT_CODES = {(k.split()[0], k.split()[1]): v for k, v in WORDS.table("agree_context_codes").items()}
THREAT_CODES = WORDS.table("threat_codes")


def typed(verb: Token, ptype: str, mode: str | None, code: str, *, future: bool = False, refusal: bool = False,
          threat: bool = False, condition: str | None = None, contexts: tuple[str, ...] = ()) -> EventReading:
    """The type, mode and code of a kept act of type `ptype` (CAMEO `code`): a refusal is REJECT,
    a promised cooperative act AGREE (with the CAMEO 03x code of what is promised), a threatened
    hostile act THREATEN (13x). `future`: the act is promised whatever its verb's tense says (the
    lexicon's `future` flag: "pledged to ...")."""
    acted = ptype
    if refusal:
        ptype, mode, code = "REJECT", None, DEFAULT_CAMEO["REJECT"]
    promised = None
    if mod.is_future(verb) or future and ptype != "AGREE":
        if ptype in AGREE_CODES:
            promised = ptype
            code = next((AGREE_CONTEXT_CODES[(ptype, c)] for c in contexts
                         if (ptype, c) in AGREE_CONTEXT_CODES), AGREE_CODES[ptype])
            ptype, mode = "AGREE", None
        modality = "conditional" if condition else "future"
    else:
        modality = "asserted"
    if threat and acted == "ASSAULT" and not condition and mod.is_prepared(verb):
        # Forces getting ready to attack show force (CAMEO 15, PLOVER MOBILIZE); they do not threaten.
        promised, code, ptype, mode, modality = None, "150", "MOBILIZE", None, "asserted"
    elif threat:
        threatened = acted or ptype
        promised, code, ptype, mode = threatened, THREAT_CODES[threatened], "THREATEN", None
        modality = "conditional" if condition else "future"
    return EventReading(ptype, mode, code, promised, modality, contexts)


Pair = tuple[Actor | None, Actor | None, bool]  # (source, target, reciprocal)


def placed_targets(verb: Token, ptype: str, sources: list[Actor], resolver: ActorResolver,
                   predicate: Predicate | None = None, nouns: Any = None) -> list[Actor]:
    """Whom a kept act of type `ptype` with no recipient hits: the place where it happens, for
    repression and violence (slots.yaml, stage "placed")."""
    return slots().placed(SlotAct(predicate or unread(verb), verb, [], resolver, None, [a.code for a in sources],
                                  nouns or {}, type=ptype))


def kept_pairs(pairs: list[Pair], ptype: str, promised: str | None, placed: bool, dyadic: bool) -> list[Pair]:
    """The pairs that are events. A state acting on itself is none, though its forces acting on its
    people may be (slots.yaml, "same_country"): the target goes, and the act is kept if it needs no
    recipient ("fired missiles off its coast"); in the dyadic output an interaction needs its
    recipient (slots.yaml, "targetless"), while --all-acts keeps every act."""
    rules = slots()
    kept: list[Pair] = []
    for src, tgt, reciprocal in pairs:
        if tgt is not None and src is not None and src.code == tgt.code and \
                rules.no_target(SameCountry(src, tgt, ptype, placed)):
            tgt = None
        if tgt is None and dyadic and rules.drops_targetless(Targetless(src, ptype, promised)):
            continue
        kept.append((src, tgt, reciprocal))
    return kept


def build_events(verb: Token, reading: EventReading, pairs: list[Pair],
                 sent: Span, index: int, doc_id: str, pub_date: date | None, dates: list[DateMention],
                 resolver: ActorResolver, translated: bool, **method: Any) -> list[Event]:
    """One event per (source, target, reciprocal) pair, dated and placed by the act's clause.
    `method`: the Event's `method` and `probability`, for the learned fallback."""
    if not pairs:
        return []
    info = cameo(reading.cameo)
    when, precision = event_date(verb, sent, dates, pub_date, ahead=reading.modality in {"future", "conditional"})
    where = resolver.clause_location(verb)
    text = span_text(sent)
    return [Event(
        doc_id=doc_id, sentence_index=index, type=reading.type, mode=reading.mode, contexts=reading.contexts,
        source=src, target=tgt, reciprocal=reciprocal, cameo=reading.cameo, goldstein=info.goldstein,
        quad=info.quad, date=when, date_precision=precision, negated=False, modality=reading.modality,
        sentence=text, sentence_start=sent.start_char, sentence_end=sent.end_char,
        trigger=verb.text, trigger_start=verb.idx, trigger_end=verb.idx + len(verb.text),
        promised_type=reading.promised, location=where.code if where else None,
        location_text=where.text if where else None, translated=translated, **method,
    ) for src, tgt, reciprocal in pairs]
