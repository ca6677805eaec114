"""Long documents coded in pieces: split at paragraph (else sentence, else word) boundaries into
windows the parser takes, coded one by one, and put back together with every offset and sentence
index mapped to the whole document.

spaCy refuses texts over `nlp.max_length` characters (E088, one million by default), and the
parser's memory grows with a text's length, so a document longer than `WINDOW_CHARS` is cut.
Sentences never cross a paragraph break (a line break starts a sentence in our pipeline), so a
document cut at paragraph breaks gives the same sentences, events and ids as if coded whole;
only references across the cut ("the two sides") lose what came before.
"""

from __future__ import annotations

import dataclasses
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from bilateral.ingest.dateline import story_dateline
from bilateral.model import CodedDocument, Document, Sentence

WINDOW_CHARS = 100_000
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+")


def cut_points(text: str, window: int) -> list[int]:
    """Start offsets of the windows `text` is cut into (the first is 0); each window is at most
    `window` characters and ends, where it can, after a paragraph break, else after a sentence."""
    starts = [0]
    while len(text) - starts[-1] > window:
        start = starts[-1]
        limit = start + window
        cut = text.rfind("\n\n", start + 1, limit)
        if cut > start:
            cut += 2
        else:
            cut = _last_sentence_end(text, start, limit) or _last_space(text, start, limit) or limit
        starts.append(cut)
    return starts


def _last_sentence_end(text: str, start: int, limit: int) -> int | None:
    last = None
    # A sentence end in the window's last 20,000 characters: looking further back gains nothing.
    for match in _SENTENCE_END.finditer(text, max(start + 1, limit - 20_000), limit):
        last = match.end()
    return last if last is not None and last <= limit else None


def _last_space(text: str, start: int, limit: int) -> int | None:
    cut = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit))
    return cut + 1 if cut > start else None


@dataclass
class _Pieces:
    document: Document
    starts: list[int]


class Windows:
    """Cuts documents into windows for coding and joins their results again, in order.

        windows = Windows(100_000)
        coded = coder_of_pieces(windows.split(documents))
        for whole in windows.join(coded): ...
    """

    def __init__(self, window: int = WINDOW_CHARS,
                 merge_facts: Callable[[CodedDocument], list[Any]] | None = None) -> None:
        self.window = window
        # The ledger merges the reports of one change across a whole document: given the joined
        # document, it merges the windows' facts as it would have merged the whole's.
        self.merge_facts = merge_facts or (lambda coded: coded.ledger)
        self._pending: deque[_Pieces] = deque()

    def split(self, documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            if len(document.text) <= self.window:
                self._pending.append(_Pieces(document, [0]))
                yield document
                continue
            starts = cut_points(document.text, self.window)
            self._pending.append(_Pieces(document, starts))
            ends = starts[1:] + [len(document.text)]
            # Each window is told from the whole story's dateline (bilateral.nlp.dating), which
            # only the first window holds.
            line = story_dateline(document.text)
            dateline = dataclasses.asdict(line) if line is not None else None
            for start, end in zip(starts, ends, strict=True):
                meta = {**document.meta, "window": {"start": start, "dateline": dateline}}
                yield dataclasses.replace(document, text=document.text[start:end], meta=meta)

    def join(self, coded: Iterable[CodedDocument]) -> Iterator[CodedDocument]:
        results = iter(coded)
        for first in results:
            pieces = self._pending.popleft()
            if len(pieces.starts) == 1:
                yield first
                continue
            parts = [first] + [next(results) for _ in pieces.starts[1:]]
            joined = _joined(pieces, parts)
            joined.ledger = self.merge_facts(joined)
            yield joined


def _joined(pieces: _Pieces, parts: list[CodedDocument]) -> CodedDocument:
    sentences: list[Sentence] = []
    events: list[Any] = []
    ledger: list[Any] = []
    for start, part in zip(pieces.starts, parts, strict=True):
        base = len(sentences)
        sentences += [Sentence(s.index + base, s.text, s.start + start, s.end + start) for s in part.sentences]
        events += [_shifted(e, start, base) for e in part.events]
        ledger += [_shifted(f, start, base) for f in part.ledger]
    return CodedDocument(pieces.document, sentences, events, ledger)


def _shifted(record: Any, offset: int, base: int) -> Any:
    """The record with its character offsets (every int field named *_start or *_end) moved by
    `offset` and its sentence index by `base`: ids computed from them then match whole-document
    coding."""
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            changes[field.name] = tuple(_shifted(v, offset, base) for v in value)  # a fact's reports
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            continue
        if field.name.endswith(("_start", "_end")):
            changes[field.name] = value + offset
        elif field.name == "sentence_index":
            changes[field.name] = value + base
    return dataclasses.replace(record, **changes)
