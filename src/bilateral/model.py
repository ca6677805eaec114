"""The records bilateral produces: documents, actors, events and ledger facts.

These are plain dataclasses; `to_json()` gives the public JSON contract documented in
docs/json-output.md (the `--jsonl` output of `bilateral code`). Keep that contract stable.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# The version of the record layout in docs/json-output.md: the event fields that `code --jsonl`,
# `events`, the store, the DataFrames, the exports and the web API all share.
SCHEMA_VERSION = "2.0"


def date_span(text: str | None, precision: str | None) -> tuple[date | None, date | None]:
    """The first and last day a date written at its precision covers: ("2022-09", "month") ->
    (2022-09-01, 2022-09-30); ("2016", "year") -> (2016-01-01, 2016-12-31). (None, None) for no
    date or one that cannot be read."""
    if not text:
        return None, None
    try:
        parts = [int(p) for p in text[:10].split("-")]
        precision = precision or ("day", "month", "year")[3 - len(parts)]
        if precision == "year":
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if precision == "month":
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        day = date(parts[0], parts[1], parts[2])
        return day, day
    except (ValueError, IndexError):
        return None, None


def stable_id(*parts: object) -> str:
    """A short id that is the same on every run for the same parts."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class Document:
    """One news item as bilateral reads it: clean text plus what is known about it."""

    id: str
    text: str
    pub_date: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # where it was read from: "file.jsonl:12"
    translated: bool = False
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Actor:
    """A coded actor: a state or organization code, a sector, and the words that named it."""

    code: str  # ISO 3166-1 alpha-3 for states, the usual acronym for organizations
    sector: str | None = None  # PLOVER sector code: GOV, MIL, COP, EDU, CVL, ...
    text: str = ""
    kind: str = "state"  # state | organization | person | group
    name: str | None = None  # canonical name of a person or organization

    def to_json(self) -> dict[str, Any]:
        return {"country": self.code, "sector": self.sector, "text": self.text}


@dataclass(frozen=True)
class Event:
    """Who did what to whom, when, coded from one sentence."""

    doc_id: str
    sentence_index: int
    type: str  # PLOVER event type
    mode: str | None
    contexts: tuple[str, ...]
    source: Actor | None
    target: Actor | None
    reciprocal: bool
    cameo: str
    goldstein: float
    quad: int
    date: str | None  # ISO at its precision: "2022-09-15", "2020-08", "2015"
    date_precision: str | None  # day | month | year
    negated: bool
    modality: str  # asserted | future | hypothetical | expected | commentary
    sentence: str
    sentence_start: int  # character offsets of the sentence in the document text
    sentence_end: int
    trigger: str  # the words that name the act
    trigger_start: int  # character offsets of the trigger in the document text
    trigger_end: int
    promised_type: str | None = None  # for AGREE coded from a future act: the act promised
    location: str | None = None  # ISO3 of the place the event happened, when the text says
    location_text: str | None = None
    translated: bool = False

    @property
    def id(self) -> str:
        return stable_id(
            self.doc_id, self.sentence_index, self.trigger_start, self.type,
            self.source.code if self.source else "", self.target.code if self.target else "",
        )

    @property
    def date_start(self) -> dt.date | None:
        return date_span(self.date, self.date_precision)[0]

    @property
    def date_end(self) -> dt.date | None:
        return date_span(self.date, self.date_precision)[1]

    def to_json(self) -> dict[str, Any]:
        """The event's fields of the shared record (EVENT_FIELDS less the document's own)."""
        from bilateral.actors.names import actor_names  # the gazetteer files, read once

        names = actor_names()
        out: dict[str, Any] = {"event_id": self.id, "doc_id": self.doc_id, "sentence_index": self.sentence_index,
                               "event_type": self.type, "mode": self.mode, "contexts": list(self.contexts)}
        for role, actor in (("source", self.source), ("target", self.target)):
            out.update({f"{role}_code": actor.code if actor else None, f"{role}_sector": actor.sector if actor else None,
                        f"{role}_name": names.name(actor.code) if actor else None,
                        f"{role}_text": actor.text if actor else None})
        start, end = date_span(self.date, self.date_precision)
        out.update({
            "reciprocal": self.reciprocal, "cameo": self.cameo, "goldstein": self.goldstein, "quad": self.quad,
            "event_date": self.date, "date_precision": self.date_precision,
            "date_start": start.isoformat() if start else None, "date_end": end.isoformat() if end else None,
            "negated": self.negated, "modality": self.modality, "promised_type": self.promised_type,
            "location": self.location, "location_text": self.location_text, "translated": self.translated,
            "sentence": self.sentence, "sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
            "trigger": self.trigger, "trigger_start": self.trigger_start, "trigger_end": self.trigger_end,
        })
        return out


# Every field of an event record, in order: `code --jsonl` (with the document's pub_date, url and
# title copied into each event), `events --format jsonl|csv|parquet`, Store.events(), events_frame()
# and the web API. docs/json-output.md describes each; tests/test_json_contract.py holds them equal.
EVENT_FIELDS = (
    "event_id", "doc_id", "sentence_index", "event_type", "mode", "contexts",
    "source_code", "source_sector", "source_name", "source_text",
    "target_code", "target_sector", "target_name", "target_text",
    "reciprocal", "cameo", "goldstein", "quad", "event_date", "date_precision", "date_start", "date_end",
    "negated", "modality", "promised_type", "location", "location_text", "translated",
    "sentence", "sentence_start", "sentence_end", "trigger", "trigger_start", "trigger_end",
    "pub_date", "url", "title",
)


@dataclass(frozen=True)
class FactReport:
    """One sentence of a document that reports a ledger fact, with the date it gives."""

    sentence_index: int
    sentence: str
    evidence: str
    date: str | None
    date_precision: str | None
    date_source: str | None  # stated | publication | None (the sentence gives no date)
    date_text: str | None  # the words the date was read from, when stated

    def to_json(self) -> dict[str, Any]:
        return {"sentence_index": self.sentence_index, "sentence": self.sentence, "evidence": self.evidence,
                "date": self.date, "date_precision": self.date_precision, "date_source": self.date_source,
                "date_text": self.date_text}


@dataclass(frozen=True)
class LedgerFact:
    """The state of a relationship at a date, with the sentence that says so.

    One fact per change a document reports: its headline, lead and later paragraphs are
    `reports` of the same fact; `sentence` is the one its date comes from."""

    doc_id: str
    kind: str  # partnership | membership | diplomatic_relations
    parties: tuple[str, ...]  # partnership/relations: sorted; membership: (state, organization)
    label: str | None  # partnership designation, canonical lower case
    status: str | None  # membership or diplomatic-relations status
    date: str | None
    date_precision: str | None
    sentence_index: int
    sentence: str
    sentence_start: int
    sentence_end: int
    evidence: str = ""  # the words the fact was read from
    date_source: str | None = None  # stated | publication | None (undated)
    date_text: str | None = None  # the words the date was read from, when stated
    date_conflicts: tuple[str, ...] = ()  # stated dates in other sentences that disagree with `date`
    reports: tuple[FactReport, ...] = field(default=(), compare=False)  # every sentence, in text order

    @property
    def id(self) -> str:
        return stable_id(self.doc_id, self.kind, *self.parties, self.label or self.status, self.date)

    @property
    def value(self) -> str:
        """The designation or status: what the fact says the relationship is."""
        return str(self.label or self.status)

    def report(self) -> FactReport:
        """This fact's own sentence as a report."""
        return FactReport(self.sentence_index, self.sentence, self.evidence, self.date, self.date_precision,
                          self.date_source, self.date_text)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "parties": list(self.parties)}
        if self.kind == "partnership":
            out["label"] = self.label
        else:
            out["status"] = self.status
        out.update({
            "date": self.date,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "date_text": self.date_text,
            "date_conflicts": list(self.date_conflicts),
            "evidence": self.evidence,
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "reports": [r.to_json() for r in (self.reports or (self.report(),))],
        })
        return out


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    start: int
    end: int


@dataclass
class CodedDocument:
    """A document with everything coded from it."""

    document: Document
    sentences: list[Sentence]
    events: list[Event]
    ledger: list[LedgerFact]

    def to_json(self) -> dict[str, Any]:
        d = self.document
        pub_date = d.pub_date.isoformat() if d.pub_date else None
        about = {"pub_date": pub_date, "url": d.url, "title": d.title}
        return {
            "schema_version": SCHEMA_VERSION,
            "id": d.id,
            "title": d.title,
            "pub_date": pub_date,
            "pub_date_source": d.meta.get("pub_date_source") or ("input" if pub_date else None),
            "dateline": d.meta.get("dateline"),
            "url": d.url,
            "events": [{**e.to_json(), **about} for e in self.events],
            "ledger": [f.to_json() for f in self.ledger],
        }
