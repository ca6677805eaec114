"""Coding documents: text in, events and ledger facts out.

    from bilateral import Coder, Document
    coder = Coder()
    for coded in coder.code([Document(id="a", text="...", pub_date=date(2022, 9, 16))]):
        print(coded.events)
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from bilateral.actors.prefilter import SentenceFilter
from bilateral.model import CodedDocument, Document, Sentence
from bilateral.nlp import components, load_base_model  # noqa: F401 - registers the factories

COMPONENTS = ("bilateral_actors", "bilateral_dates", "bilateral_events", "bilateral_ledger")


def build_pipeline(actor_files: Iterable[Path] = ()) -> Language:
    """The English model with bilateral's components added after the parser, initialized: their
    data comes from the compiled cache (`bilateral.nlp.compiled`) when the files are unchanged.
    Only bilateral's components are initialized; `nlp.initialize()` would reset the model's."""
    nlp = load_base_model()
    for name in COMPONENTS:
        config = {"actor_files": [str(p) for p in actor_files]} if name == "bilateral_actors" else {}
        nlp.add_pipe(name, config=config).initialize(nlp=nlp)  # type: ignore[attr-defined]
    return nlp


class Coder:
    """Loads the pipeline once and codes any number of documents.

    With `prefilter` (the default), sentences that name no actor and refer to none are not parsed
    (bilateral.actors.prefilter): they cannot hold a dyadic event or a ledger fact. Within
    `all_acts()`, which keeps acts without actors, every sentence is parsed."""

    def __init__(self, nlp: Language | None = None, actor_files: Iterable[Path] = (),
                 prefilter: bool = True) -> None:
        self.nlp = nlp or build_pipeline(actor_files)
        self.prefilter = prefilter
        self.keep_all_acts = False
        finder = self.nlp.get_pipe("bilateral_actors").finder  # type: ignore[attr-defined]
        self.filter = SentenceFilter(finder)
        self.stats = {"sentences": 0, "skipped": 0}

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
        return doc

    def code(self, documents: Iterable[Document], batch_size: int = 32,
             n_process: int = 1) -> Iterator[CodedDocument]:
        """Code documents in order, one CodedDocument each. With n_process > 1, batches of
        documents are coded whole (parse, actors, events, ledger) in worker processes forked from
        this one, so that both the parse and the coder use every core; at most two batches per
        worker are in flight, so a long input is never read into memory at once."""
        if n_process <= 1:
            pending = ((self.make_doc(d), d) for d in documents)
            for doc, document in self.nlp.pipe(pending, as_tuples=True, batch_size=batch_size):
                yield self._result(doc, document)
            return
        global _forked_coder
        _forked_coder = self
        context = multiprocessing.get_context("fork")
        with context.Pool(n_process, initializer=_start_worker) as pool:
            in_flight: deque[Any] = deque()
            for batch in minibatch(documents, batch_size):
                in_flight.append(pool.apply_async(_code_batch, (batch,)))
                if len(in_flight) >= 2 * n_process:
                    yield from self._collect(in_flight.popleft().get())
            while in_flight:
                yield from self._collect(in_flight.popleft().get())

    def _collect(self, result: tuple[list[CodedDocument], dict[str, int]]) -> list[CodedDocument]:
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
        return CodedDocument(document, sentences, list(doc._.events or []), list(doc._.ledger or []))


# The coder a forked worker inherits from the process that started the pool.
_forked_coder: Coder | None = None


def _code_batch(documents: list[Document]) -> tuple[list[CodedDocument], dict[str, int]]:
    coder = _forked_coder
    assert coder is not None, "worker started without a coder"
    before = dict(coder.stats)
    coded = list(coder.code(documents))
    return coded, {key: coder.stats[key] - before[key] for key in before}


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
