"""Cut a text into segments at the edges of coded spans (triggers, actors, ledger evidence) so
that a template can mark them. Segments carry plain text: the template escapes it, so nothing
from a document can become markup.

Spans may overlap (an actor inside a ledger phrase): each segment lists every span that
covers it, and the template gives it one class per kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # trigger | source | target | ledger
    title: str = ""  # shown on hover: the event or fact this span belongs to


@dataclass
class Segment:
    text: str
    spans: list[Span] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        return sorted({s.kind for s in self.spans})

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(s.title for s in self.spans if s.title))


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """The text cut at every span edge; spans outside the text or empty are ignored."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    edges = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    out = []
    for start, end in zip(edges, edges[1:], strict=False):
        covering = [s for s in valid if s.start <= start and end <= s.end]
        out.append(Segment(text[start:end], covering))
    return out


def find_words(text: str, words: str | None, start_at: int = 0) -> tuple[int, int] | None:
    """Where `words` (an actor's or the evidence's text, stored without offsets) first occur in
    `text`, ignoring case; None when they do not."""
    if not words:
        return None
    i = text.lower().find(words.lower(), start_at)
    return (i, i + len(words)) if i >= 0 else None


def event_spans(event: dict[str, Any], sentence_start: int, sentence: str) -> list[Span]:
    """The trigger (stored offsets) and the two actors (found by their words) of one event, as
    offsets into `sentence`, which starts at `sentence_start` in the document."""
    label = f"{event['event_type']} {event.get('source_code') or '-'} -> {event.get('target_code') or '-'}"
    out = []
    if event.get("trigger_start") is not None and event.get("trigger_end") is not None:
        out.append(Span(event["trigger_start"] - sentence_start, event["trigger_end"] - sentence_start,
                        "trigger", label))
    for role in ("source", "target"):
        where = find_words(sentence, event.get(f"{role}_text"))
        if where:
            out.append(Span(where[0], where[1], role, f"{role}: {event.get(f'{role}_code')} ({label})"))
    return out


def fact_spans(fact: dict[str, Any], sentence: str) -> list[Span]:
    where = find_words(sentence, fact.get("evidence"))
    if not where:
        return []
    value = fact.get("label") or fact.get("status")
    return [Span(where[0], where[1], "ledger", f"{fact['kind']}: {fact['party_a']} / {fact['party_b']} {value}")]
