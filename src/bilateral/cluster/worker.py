"""What a Dask worker runs: code one partition of documents and write it as Parquet.

Each worker process loads the pipeline once (the first partition it gets) and keeps it; partitions
on the same process take turns with it. The rows are built by the store itself: the partition is
written into an in-memory store and copied out as Parquet (bilateral.store.parquet), so the files
have exactly the columns and types of a local run.
"""

from __future__ import annotations

import gc
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilateral.model import Document

# Loaded coders of this process, by the extra actor files they were built with. A cache like the
# language detector's (ingest.screening): the pipeline is what a worker must not load twice.
_coders: dict[tuple[str, ...], Any] = {}
_coders_lock = threading.Lock()


@dataclass(frozen=True)
class PartitionTask:
    """One partition of a run: its documents, in input order, and where its Parquet files go."""

    run_id: str
    number: int
    out_dir: str
    documents: tuple[Document, ...]
    actor_files: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        # Sorting names sorts a run's partitions in input order (run ids begin with the UTC time).
        return f"{self.run_id}-p{self.number:06d}"


def code_partition(task: PartitionTask) -> dict[str, Any]:
    """Code the task's documents, write them as Parquet, and return the partition's manifest (files,
    row counts, coder statistics, attempt number). Running a partition again rewrites its files."""
    from bilateral.store import Store
    from bilateral.store.parquet import export_partition

    attempt = _count_attempt(task)
    coder, lock = worker_coder(task.actor_files)
    with lock:
        before = dict(coder.stats)
        coded = list(coder.code(task.documents))
        stats = {key: coder.stats[key] - before[key] for key in before}
    with Store(":memory:") as scratch:
        scratch.write(coded)
        return export_partition(scratch, Path(task.out_dir), task.name, info={
            "attempt": attempt, "stats": stats, "facts": sum(len(c.ledger) for c in coded),
            "events": sum(len(c.events) for c in coded), "documents": len(coded),
        })


def worker_coder(actor_files: tuple[str, ...]) -> tuple[Any, threading.Lock]:
    """This process's coder for these actor files, loaded on first use, and the lock that makes
    the partitions of a multi-threaded worker use it one at a time."""
    with _coders_lock:
        if actor_files not in _coders:
            from bilateral.pipeline import Coder

            _coders[actor_files] = (Coder(actor_files=[Path(p) for p in actor_files]), threading.Lock())
            # The pipeline lives as long as the worker: keep the collector's full passes off it.
            gc.freeze()
        coder, lock = _coders[actor_files]
    return coder, lock


def _count_attempt(task: PartitionTask) -> int:
    """Leave a mark for this attempt and return how many attempts the partition has had: a worker
    that died mid-partition shows as a second attempt."""
    marks = Path(task.out_dir) / "_attempts"
    marks.mkdir(parents=True, exist_ok=True)
    (marks / f"{task.name}.{uuid.uuid4().hex[:12]}").touch()
    return len(list(marks.glob(f"{task.name}.*")))
