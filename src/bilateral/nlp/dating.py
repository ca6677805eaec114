"""The dates of a parsed document: the story's own date (its dateline's, else the publication
date), the date expressions in its text resolved against it, each read in the direction of the
clause it belongs to, without the years of comparisons.

- A date left open (a weekday, a month, a day without its year) is the last such day on or before
  the story's date when its clause tells what happened or is happening ("agreed on Thursday to
  upgrade", "said on Monday it would ..."), and the next such day on or after it when its clause
  tells a promised or planned act ("will travel to Moscow on Tuesday", "is due to meet Putin on
  Monday"). The weekday of the story's own day is that day either way.
- "since 1981" after a superlative or "first" ("its largest drills since 1981", "the first visit
  since 2019", "for the first time since 2016") measures how rare the act is; it is no date of
  the act. "a member since 2013" still dates the membership.
- A date inside a dateline is the story's date, not an event's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from bilateral.actors.gazetteer import Gazetteer
from bilateral.events.dates import DateMention, ahead, find_dates
from bilateral.events.modality import is_future
from bilateral.ingest.dateline import LEEWAY, Dateline, find_datelines, story_dateline
from bilateral.model import Event
from bilateral.nlp.tree import root_of
from bilateral.syntax.clause import clause_verb

COMPARISON_TAGS = {"JJS", "RBS"}  # largest, deadliest, most
COMPARISON_WORDS = {"first", "only"}
COMPARISON_REACH = 10  # tokens before "since" searched for the superlative


@dataclass(frozen=True)
class StoryDates:
    mentions: list[DateMention]
    dateline: Dateline | None
    story_date: date | None  # what relative dates are told from, and acts with no date of their own get


def story_date(dateline: Dateline | None, pub_date: date | None) -> date | None:
    """The dateline's day when it has one, not more than `LEEWAY` after publication (a wire story
    filed on Thursday and published on Friday happened as of Thursday; one filed in Beijing on
    Sunday morning may be published on Saturday in New York), else the publication date."""
    day = dateline.resolve(pub_date) if dateline is not None else None
    if day is None or (pub_date is not None and day > pub_date + LEEWAY):
        return pub_date
    return day


def document_dates(doc: Doc, text: str, pub_date: date | None,
                   window: dict[str, Any] | None = None) -> StoryDates:
    """The document's dates; `text` is its text as written (the Doc's may have blanked sentences).
    For a window of a long document (`window`: its start and the whole story's dateline), the
    story's dateline, in the window's offsets."""
    lines = find_datelines(text)
    dateline = story_dateline(text, lines) if window is None else _window_dateline(window)
    reference = story_date(dateline, pub_date)
    in_datelines = [(d.start, d.end) for d in lines]
    skipped = doc._.skipped or []
    mentions = []
    for mention in find_dates(text, reference):
        if any(s <= mention.start < e for s, e in in_datelines):
            continue
        parsed = not any(s <= mention.start < e for s, e in skipped)
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand") if parsed else None
        if span is not None and _comparison(span, text[mention.start:mention.end]):
            continue
        if span is not None and reference is not None and mention.open and is_future(_governor(span)):
            mention = ahead(mention, reference)
        mentions.append(mention)
    return StoryDates(mentions, dateline, reference)


def _window_dateline(window: dict[str, Any]) -> Dateline | None:
    fields = window.get("dateline")
    if not fields:
        return None
    line = Dateline(**{**fields, "places": tuple(fields["places"])})
    shift = window["start"]
    return replace(line, start=line.start - shift, end=line.end - shift, place_start=line.place_start - shift,
                   place_end=line.place_end - shift)


def _governor(span: Span) -> Token:
    """The verb of the clause the date belongs to (as bilateral.syntax.dates chooses it). A date
    written between a speech verb and the subject of what was said belongs to the saying: "said
    on Monday it would cut ties" (the parser often hangs it on "cut")."""
    root = root_of(span)
    verb = clause_verb(root.head if root.dep_ == "pobj" else root)
    if verb.dep_ == "ccomp" and verb.head.i < span.start:
        subject = next((c for c in verb.lefts if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and span.end <= subject.i:
            return clause_verb(verb.head)
    return verb


def _comparison(span: Span, written: str) -> bool:
    """"its largest military drills since 1981": a superlative or "first" shortly before "since"
    in the same clause, not across a comma."""
    if not written.lower().startswith("since"):
        return False
    sent_start = span.sent.start
    for token in reversed(span.doc[max(sent_start, span.start - COMPARISON_REACH): span.start]):
        if token.is_punct and token.text in {",", ";", ":", "—", "–"}:
            return False
        if token.tag_ in COMPARISON_TAGS or token.lower_ in COMPARISON_WORDS:
            return True
    return False


def placed_by_dateline(events: list[Event], doc: Doc, gazetteer: Gazetteer) -> list[Event]:
    """Acts of the lead (the sentence right after the story's dateline) that the text places
    nowhere took place, as far as the story says, where it was filed from: "MINSK, July 9 -
    Chinese troops have begun ..." is located in Belarus."""
    line = doc._.dateline
    # "KYIV/MOSCOW": a story filed from two places does not say where its lead happened.
    place = dateline_country(line["places"], gazetteer) if len(line["places"]) == 1 else None
    if place is None:
        return events
    return [replace(e, location=place[0], location_text=place[1])
            if e.location is None and e.sentence_start == line["text_end"] else e for e in events]


PLACE_FORMS = {"name", "official", "alias", "capital", "seat", "place"}


def dateline_country(places: list[str], gazetteer: Gazetteer) -> tuple[str, str] | None:
    """The country of the first place of a dateline the gazetteer knows (a state, its capital or
    seat, a town), with the words; datelines write places in capitals ("KYIV/MOSCOW")."""
    for written in places:
        for form in (written, written.title()):
            entry = next((e for e in gazetteer.lookup(form)
                          if e.kind in {"state", "place"} and e.form in PLACE_FORMS), None)
            if entry is not None:
                return entry.code, written
    return None
