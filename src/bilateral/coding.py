"""The whole coding job as one call: read the inputs, screen them, code them, store the results
and the rejects. The CLI's `code` command wraps these functions; a Python user calls them the
same way:

    from bilateral import Store, code_into
    with Store("news.duckdb") as store:
        run = code_into(store, ["feeds/", "extra.jsonl"], workers=2)
    print(run.documents, run.events, run.facts, [str(r) for r in run.rejects])

`code_inputs` does the same without a store, yielding each coded document (the CLI's `--jsonl`).
Bad input never stops a run: each bad file, line or record becomes a Reject (reported through
`on_reject` as it happens, and kept in the run), and the rest is coded. A document is stored whole
or not at all; coding the same input again replaces it rather than adding it twice, and a copy
of a stored document under another id is skipped as a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral.ingest import Reject, read_inputs
from bilateral.model import CodedDocument, Document

if TYPE_CHECKING:
    from bilateral.pipeline import Coder
    from bilateral.store import Store


@dataclass
class CodingRun:
    """What one run did: documents coded and stored, events and facts found, inputs rejected or
    skipped (`Reject.kind` "error" for bad input, "language" or "duplicate" when screened out)."""

    documents: int = 0
    sentences: int = 0
    events: int = 0
    facts: int = 0
    rejects: list[Reject] = field(default_factory=list)

    @property
    def errors(self) -> list[Reject]:
        return [r for r in self.rejects if r.kind == "error"]

    @property
    def skipped(self) -> list[Reject]:
        return [r for r in self.rejects if r.kind != "error"]

    def count(self, coded: CodedDocument) -> None:
        self.documents += 1
        self.sentences += len(coded.sentences)
        self.events += len(coded.events)
        self.facts += len(coded.ledger)


def code_inputs(inputs: Iterable[str | Path], *, pub_date: date | None = None,
                actor_files: Iterable[str | Path] = (), workers: int = 1, coder: Coder | None = None,
                run: CodingRun | None = None, known: dict[str, str] | None = None,
                on_duplicate_id: str = "error", on_reject: Callable[[Reject], None] | None = None,
                learned: bool = True) -> Iterator[CodedDocument]:
    """Coded documents from files, directories, globs, feed URLs or "-" (standard input), in
    order, screened for language and duplicates (`known`: content hash -> id of documents stored
    already). A document whose id an earlier one of the run has is rejected, skipped or replaces
    it (`on_duplicate_id` "error", "skip" or "replace"). A document the coder fails on is a
    reject too, and the rest is coded. `coder` is built (with `actor_files`) when not given.
    Rejects go to `run.rejects` and to `on_reject`. `learned=False` builds a coder without the
    learned fallback (docs/learned-fallback.md)."""
    run = run if run is not None else CodingRun()
    if coder is None:
        from bilateral.pipeline import Coder

        coder = Coder(actor_files=[Path(p) for p in actor_files], learned=learned)

    def reject(item: Reject) -> None:
        run.rejects.append(item)
        if on_reject is not None:
            on_reject(item)

    def documents() -> Iterator[Document]:
        for item in read_inputs([str(p) for p in inputs], pub_date, screen=True, known=known,
                                on_duplicate_id=on_duplicate_id):
            if isinstance(item, Reject):
                reject(item)
            else:
                yield item

    for coded in coder.code_reporting(documents(), n_process=workers):
        if isinstance(coded, Reject):
            reject(coded)
            continue
        run.count(coded)
        yield coded


def code_into(store: Store, inputs: Iterable[str | Path], *, pub_date: date | None = None,
              actor_files: Iterable[str | Path] = (), workers: int = 1, coder: Coder | None = None,
              on_duplicate_id: str = "error", on_coded: Callable[[CodedDocument], None] | None = None,
              on_reject: Callable[[Reject], None] | None = None, learned: bool = True) -> CodingRun:
    """Code `inputs` into `store` (an open `bilateral.Store`) and record the rejects there (see
    `bilateral rejects`). Documents are written in batches as they are coded, each whole or not
    at all, so an interrupted run keeps the batches it finished. `on_coded` sees each coded
    document as it goes to the store."""
    run = CodingRun()

    def coded_documents() -> Iterator[CodedDocument]:
        for coded in code_inputs(inputs, pub_date=pub_date, actor_files=actor_files, workers=workers, coder=coder,
                                 run=run, known=store.content_hashes(), on_duplicate_id=on_duplicate_id,
                                 on_reject=on_reject, learned=learned):
            if on_coded is not None:
                on_coded(coded)
            yield coded

    store.write(coded_documents())  # in batches of documents: a transaction each is slow
    # Recorded once the documents are in: a run that failed is re-run, and reports them then.
    store.record_rejects(run.rejects)
    return run

