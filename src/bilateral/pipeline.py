"""Coding documents: text in, events and ledger facts out.

    from bilateral import Coder, Document
    coder = Coder()
    for coded in coder.code([Document(id="a", text="...", pub_date=date(2022, 9, 16))]):
        print(coded.events)
"""

from __future__ import annotations

import gc
import signal
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from bilateral.actors.prefilter import SentenceFilter
from bilateral.errors import CodingError
from bilateral.events.candidates import without_restated_headline
from bilateral.ingest.reject import Reject
from bilateral.ledger.merge import merge_window_facts
from bilateral.model import CodedDocument, Document, Sentence
from bilateral.nlp import components, load_base_model  # noqa: F401 - registers the factories
from bilateral.nlp.windows import WINDOW_CHARS, Windows
from bilateral.workerpool import SupervisedPool, WorkerDied, tapering_batches

COMPONENTS = ("bilateral_actors", "bilateral_dates", "bilateral_events", "bilateral_ledger")


def build_pipeline(actor_files: Iterable[Path] = (), learned: bool = True) -> Language:
    """The English model with bilateral's components added after the parser, initialized: their
    data comes from the compiled cache (`bilateral.nlp.compiled`) when the files are unchanged.
    Only bilateral's components are initialized; `nlp.initialize()` would reset the model's.
    `learned=False` codes with the rules alone (no learned fallback, docs/learned-fallback.md)."""
    nlp = load_base_model()
    configs: dict[str, dict[str, Any]] = {"bilateral_actors": {"actor_files": [str(p) for p in actor_files]},
                                          "bilateral_events": {"learned": learned}}
    for name in COMPONENTS:
        config = configs.get(name, {})
        nlp.add_pipe(name, config=config).initialize(nlp=nlp)  # type: ignore[attr-defined]
    return nlp


class Coder:
    """Loads the pipeline once and codes any number of documents.

    With `prefilter` (the default), sentences that name no actor and refer to none are not parsed
    (bilateral.actors.prefilter): they cannot hold a dyadic event or a ledger fact. Within
    `all_acts()`, which keeps acts without actors, every sentence is parsed."""

    def __init__(self, nlp: Language | None = None, actor_files: Iterable[Path] = (),
                 prefilter: bool = True, learned: bool = True) -> None:
        self.nlp = nlp or build_pipeline(actor_files, learned)
        self.prefilter = prefilter
        self.keep_all_acts = False
        finder = self.nlp.get_pipe("bilateral_actors").finder  # type: ignore[attr-defined]
        self.filter = SentenceFilter(finder)
        self.stats = {"sentences": 0, "skipped": 0}
        # Documents longer than this are coded in windows of at most this many characters.
        self.window_chars = WINDOW_CHARS

    def make_doc(self, document: Document) -> Doc:
        doc = self.nlp.make_doc(document.text)
        if self.prefilter and not self.keep_all_acts:
            screened = self.filter.screen(doc, document.text)
            self.stats["sentences"] += screened.sentences
            self.stats["skipped"] += len(screened.skipped)
            if screened.skipped:
                doc = self.nlp.make_doc(screened.text)
                doc._.skipped = screened.skipped
                doc._.source_text = document.text
        doc._.doc_id = document.id
        # ISO text, not a date object: Doc extensions cross process boundaries as msgpack.
        doc._.pub_date = document.pub_date.isoformat() if document.pub_date else None
        doc._.translated = document.translated
        doc._.all_acts = self.keep_all_acts
        doc._.window = document.meta.get("window")  # a window of a long document (bilateral.nlp.windows)
        return doc

    def code(self, documents: Iterable[Document], batch_size: int = 32,
             n_process: int = 1) -> Iterator[CodedDocument]:
        """Code documents in order, one CodedDocument each. With n_process > 1, batches of
        documents are coded whole (parse, actors, events, ledger) in worker processes forked from
        this one, so that both the parse and the coder use every core; at most two batches per
        worker are in flight, so a long input is never read into memory at once. A document that
        cannot be coded raises CodingError; `code_reporting` reports it and goes on."""
        for item in self.code_reporting(documents, batch_size, n_process):
            if isinstance(item, Reject):
                raise CodingError(item.location, item.reason)
            yield item

    def code_reporting(self, documents: Iterable[Document], batch_size: int = 32,
                       n_process: int = 1) -> Iterator[CodedDocument | Reject]:
        """As `code`, but a document that cannot be coded (the coder failed on it, or the worker
        process coding it died, twice) is a Reject in its place, and the rest is coded. Documents
        longer than `window_chars` are coded in windows (bilateral.nlp.windows)."""
        with _heap_frozen():
            if n_process <= 1:
                for batch in minibatch(documents, batch_size):
                    yield from self._code_batch(batch)
                return
            global _forked_coder
            _forked_coder = self
            pool: SupervisedPool[list[Document]] = SupervisedPool(n_process, _code_batch, _start_worker)
            for batch, result in pool.run(tapering_batches(documents, batch_size, n_process)):
                if isinstance(result, WorkerDied):
                    yield from (Reject(d.origin or d.id, result.reason) for d in batch)
                else:
                    yield from self._collect(result)

    def _code_batch(self, documents: list[Document]) -> list[CodedDocument | Reject]:
        """The batch coded; if coding it fails, each document coded alone, so that only the one
        that fails is rejected (with the error, which is a bug of ours to report)."""
        try:
            return list(self._code_windows(documents))
        except Exception:  # noqa: BLE001 - any failure of the coder is narrowed to its document
            if len(documents) == 1:
                return [_failure(documents[0])]
            return [item for d in documents for item in self._code_batch([d])]

    def _code_windows(self, documents: list[Document]) -> Iterator[CodedDocument]:
        windows = Windows(min(self.window_chars, self.nlp.max_length), merge_facts=_merge_windows_facts)
        pending = ((self.make_doc(d), d) for d in windows.split(documents))
        parsed = self.nlp.pipe(pending, as_tuples=True, batch_size=len(documents))
        yield from windows.join(self._result(doc, document) for doc, document in parsed)

    def _collect(self, result: tuple[list[CodedDocument | Reject], dict[str, int]]) -> list[CodedDocument | Reject]:
        coded, stats = result
        for key, value in stats.items():
            self.stats[key] += value
        return coded

    def code_one(self, document: Document) -> CodedDocument:
        return next(self.code([document]))

    @contextmanager
    def all_acts(self) -> Iterator[Coder]:
        """Within this block, keep every recognized act, also those with no recipient or no
        known source (for scoring event types alone); outside it, dyadic events only."""
        self.keep_all_acts = True
        try:
            yield self
        finally:
            self.keep_all_acts = False

    @staticmethod
    def _result(doc: Doc, document: Document) -> CodedDocument:
        # From the document's own text: a sentence the pre-filter blanked is still listed as written.
        text = document.text
        sentences = [Sentence(i, text[s.start_char:s.end_char], s.start_char, s.end_char)
                     for i, s in enumerate(doc.sents)]
        title = (document.title or "").strip()
        headline = 0 if title and sentences and sentences[0].text.strip() == title else None
        events = without_restated_headline(list(doc._.events or []), headline)
        return CodedDocument(document, sentences, events, list(doc._.ledger or []))


def _merge_windows_facts(coded: CodedDocument) -> list[Any]:
    spans = {s.index: (s.start, s.end) for s in coded.sentences}
    return merge_window_facts(coded.ledger, coded.document.pub_date, spans)


# The coder a forked worker inherits from the process that started the pool.
_forked_coder: Coder | None = None


def _code_batch(documents: list[Document]) -> tuple[list[CodedDocument | Reject], dict[str, int]]:
    coder = _forked_coder
    assert coder is not None, "worker started without a coder"
    before = dict(coder.stats)
    coded = coder._code_batch(documents)
    return coded, {key: coder.stats[key] - before[key] for key in before}


def _failure(document: Document) -> Reject:
    exc = sys.exc_info()[1]
    what = f"{type(exc).__name__}: {exc}" if exc is not None else "unknown error"
    return Reject(document.origin or document.id, f"coding failed ({_short(what, 300)}); "
                  "this is a bug in bilateral: please report it with this document")


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """While documents are coded, the objects alive before (the pipeline: some 150,000 objects,
    and whatever the caller holds) are left out of the collector's full passes, which would
    otherwise walk them again and again while results come in and rows are built: unpickling 400
    coded documents from the workers took 200-250 ms in a process holding the pipeline, 90 ms
    with it frozen (docs/pipeline.md). Afterwards the objects are collectable again; a heap frozen
    already (by the caller, or by a run this one is nested in) is left as it is."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _start_worker() -> None:
    _stop_with_parent()
    # What the worker inherited (the model, gazetteer and lexicon: some 150,000 objects) lives as
    # long as it does. Frozen, the collector's full passes skip it, and do not write to the
    # inherited pages, which the worker would then have to copy.
    gc.freeze()


def _stop_with_parent() -> None:
    """A worker ends when the process that started it dies, even by SIGKILL (Linux): otherwise it
    would wait for work forever, holding its memory."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
