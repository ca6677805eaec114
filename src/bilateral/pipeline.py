"""Coding documents: text in, events and ledger facts out.

    from bilateral import Coder, Document
    coder = Coder()
    for coded in coder.code([Document(id="a", text="...", pub_date=date(2022, 9, 16))]):
        print(coded.events)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from bilateral.actors.gazetteer import Gazetteer
from bilateral.model import CodedDocument, Document, Sentence
from bilateral.nlp import components, load_base_model

COMPONENTS = ("bilateral_actors", "bilateral_events", "bilateral_ledger")


def build_pipeline(actor_files: Iterable[Path] = ()) -> Language:
    """The English model with bilateral's components added after the parser."""
    components.use_gazetteer(Gazetteer.load(extra=actor_files))
    nlp = load_base_model()
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


class Coder:
    """Loads the pipeline once and codes any number of documents."""

    def __init__(self, nlp: Language | None = None, actor_files: Iterable[Path] = ()) -> None:
        self.nlp = nlp or build_pipeline(actor_files)

    def make_doc(self, document: Document) -> Doc:
        doc = self.nlp.make_doc(document.text)
        doc._.doc_id = document.id
        # ISO text, not a date object: Doc extensions cross process boundaries as msgpack.
        doc._.pub_date = document.pub_date.isoformat() if document.pub_date else None
        doc._.translated = document.translated
        return doc

    def code(self, documents: Iterable[Document], batch_size: int = 32,
             n_process: int = 1) -> Iterator[CodedDocument]:
        """Code documents in order, one CodedDocument each. With n_process > 1 the parse runs in
        worker processes and bilateral's components run here, on the parsed documents (their
        results are Python objects that do not travel between processes)."""
        pending = ((self.make_doc(d), d) for d in documents)
        if n_process <= 1:
            for doc, document in self.nlp.pipe(pending, as_tuples=True, batch_size=batch_size):
                yield self._result(doc, document)
            return
        ours = [(name, proc) for name, proc in self.nlp.pipeline if name in COMPONENTS]
        with self.nlp.select_pipes(disable=list(COMPONENTS)):
            parsed = self.nlp.pipe(pending, as_tuples=True, batch_size=batch_size, n_process=n_process)
            for doc, document in parsed:
                for _, proc in ours:
                    doc = proc(doc)
                yield self._result(doc, document)

    def code_one(self, document: Document) -> CodedDocument:
        return next(self.code([document]))

    @contextmanager
    def all_acts(self) -> Iterator[Coder]:
        """Within this block, keep every recognized act, also those with no recipient or no
        known source (for scoring event types alone); outside it, dyadic events only."""
        component = self.nlp.get_pipe("bilateral_events")
        coder = component.coder  # type: ignore[attr-defined]
        coder.dyadic = False
        try:
            yield self
        finally:
            coder.dyadic = True

    @staticmethod
    def _result(doc: Doc, document: Document) -> CodedDocument:
        sentences = [Sentence(i, s.text, s.start_char, s.end_char) for i, s in enumerate(doc.sents)]
        return CodedDocument(document, sentences, list(doc._.events or []), list(doc._.ledger or []))
