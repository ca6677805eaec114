"""Coding on a Dask cluster: the same pipeline and the same store as a local run.

    with connect(local_workers=2) as client:
        with Store("bilateral.duckdb") as store:
            result = code_on_dask(["articles.jsonl"], store, client, Path("bilateral.parquet"))

This process reads and screens the inputs (language, exact and near duplicates), in input order,
exactly as `bilateral code` does: screening compares each document with every earlier one, so it
cannot be split. The accepted documents are cut into partitions and sent to the workers, a few per
worker at a time; each worker codes a partition and writes it as Parquet by publication month
(bilateral.cluster.worker). Partitions are imported into the store in input order as they finish,
so the store ends as a local run leaves it. A worker that dies mid-partition costs nothing: Dask
gives the partition to another worker, which rewrites its files, and it is imported once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

from bilateral.cluster.worker import PartitionTask, code_partition
from bilateral.errors import ClusterError
from bilateral.ingest import Reject, read_inputs
from bilateral.model import Document

INSTALL_HINT = "install them with: pip install 'bilateral[cluster]'"
# A partition whose worker dies is given to another worker once; if that one dies too, the
# partition is reported as failed instead of taking down worker after worker.
ALLOWED_FAILURES = 1


@dataclass
class ClusterProgress:
    """How far a cluster run is: partitions sent, coded and imported, documents, events, rejects."""

    started: float = field(default_factory=time.monotonic)
    submitted: int = 0
    imported: int = 0
    failed: int = 0
    documents: int = 0
    sentences: int = 0
    events: int = 0
    facts: int = 0
    rejects: int = 0

    @property
    def documents_per_second(self) -> float:
        return self.documents / max(time.monotonic() - self.started, 1e-9)


@dataclass
class ClusterResult:
    """The outcome of `code_on_dask`: totals, rejected inputs, and the partitions that were redone
    (a worker died) or failed (their documents are among the rejects)."""

    progress: ClusterProgress
    rejects: list[Reject]
    parquet_dir: Path
    redone: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def dask_available() -> bool:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


@contextmanager
def connect(scheduler: str | None = None, local_workers: int = 2, processes: bool = True,
            timeout: float = 30) -> Iterator[Any]:
    """A dask.distributed Client: connected to the scheduler at `scheduler` (tcp://host:8786), or
    to a LocalCluster of `local_workers` single-threaded workers started here and stopped after."""
    if not dask_available():
        raise ClusterError(f"running on Dask needs the packages dask and distributed: {INSTALL_HINT}")
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
        cluster = LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=processes,
                               dashboard_address=":0")
    with cluster, Client(cluster) as client:
        yield client


def _has_dashboard() -> bool:
    try:
        import bokeh  # noqa: F401
    except ImportError:
        return False
    return True


def dashboard_link(client: Any) -> str | None:
    """The Dask dashboard's address, or None when the scheduler serves none (bokeh not installed)."""
    if "dashboard" not in client.scheduler_info().get("services", {}):
        return None
    # Without bokeh the scheduler still listens on the dashboard port, but only answers 404.
    if not client.run_on_scheduler(_has_dashboard):
        return None
    return str(client.dashboard_link)


def code_on_dask(inputs: Iterable[str | Path], store: Any, client: Any, parquet_dir: Path, *,
                 pub_date: date | None = None, actor_files: Iterable[str] = (), partition_size: int = 32,
                 on_duplicate_id: str = "error",
                 on_progress: Callable[[ClusterProgress], None] | None = None,
                 on_reject: Callable[[Reject], None] | None = None,
                 partition_fn: Callable[[PartitionTask], dict[str, Any]] = code_partition) -> ClusterResult:
    """Code `inputs` on the cluster behind `client` into `store`, keeping the Parquet partitions in
    `parquet_dir` (which every worker must be able to write: a shared file system on a real
    cluster). Inputs are read and screened here, against the store's documents too."""
    from distributed import as_completed

    from bilateral.store.parquet import export_rejects

    run = _Run(store, client, Path(parquet_dir).resolve(), on_progress, partition_fn)
    rejects: list[Reject] = []

    def documents() -> Iterator[Document]:
        for item in read_inputs(inputs, pub_date, screen=True, known=store.content_hashes(),
                                on_duplicate_id=on_duplicate_id):
            if isinstance(item, Reject):
                rejects.append(item)
                run.progress.rejects += 1
                if on_reject:
                    on_reject(item)
            else:
                yield item

    run.completed = as_completed()
    files = tuple(str(Path(p).resolve()) for p in actor_files)
    for number, batch in enumerate(_batches(documents(), partition_size)):
        run.submit(PartitionTask(run.run_id, number, str(run.out_dir), tuple(batch), files))
        while len(run.in_flight) >= run.max_in_flight:
            run.collect(next(run.completed))
    while run.in_flight:
        run.collect(next(run.completed))
    rejects += run.partition_rejects
    store.record_rejects(rejects)
    export_rejects(rejects, run.out_dir, run.run_id)
    return ClusterResult(run.progress, rejects, run.out_dir, run.redone, run.failed)


def _batches(documents: Iterator[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Run:
    """The partitions of one run in flight, and the import of finished ones in input order."""

    def __init__(self, store: Any, client: Any, out_dir: Path, on_progress: Any, partition_fn: Any) -> None:
        self.store, self.client, self.out_dir = store, client, out_dir
        self.on_progress, self.partition_fn = on_progress, partition_fn
        self.run_id = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid4().hex[:6]}"
        self.progress = ClusterProgress()
        # Two partitions per worker thread: one being coded, one waiting, so no worker idles while
        # a long input is still being read, and the input is never all in memory.
        self.max_in_flight = max(2, 2 * sum(client.nthreads().values()))
        self.in_flight: dict[Any, PartitionTask] = {}
        self.finished: dict[int, tuple[PartitionTask, dict[str, Any] | BaseException]] = {}
        self.next_to_import = 0
        self.completed: Any = None
        self.redone: list[str] = []
        self.failed: list[str] = []
        self.partition_rejects: list[Reject] = []
        out_dir.mkdir(parents=True, exist_ok=True)

    def submit(self, task: PartitionTask) -> None:
        future = self.client.submit(self.partition_fn, task, key=f"bilateral-{task.name}", pure=False)
        self.in_flight[future] = task
        self.completed.add(future)
        self.progress.submitted += 1

    def collect(self, future: Any) -> None:
        task = self.in_flight.pop(future)
        outcome: dict[str, Any] | BaseException
        try:
            outcome = future.result()
        except Exception as exc:  # the partition's error, or KilledWorker after ALLOWED_FAILURES
            outcome = exc
        future.release()
        self.finished[task.number] = (task, outcome)
        while self.next_to_import in self.finished:
            self._import(*self.finished.pop(self.next_to_import))
            self.next_to_import += 1

    def _import(self, task: PartitionTask, outcome: dict[str, Any] | BaseException) -> None:
        from bilateral.store.parquet import import_partition

        if isinstance(outcome, BaseException):
            self._fail(task, outcome)
        else:
            files = {table: [self.out_dir / f for f in names] for table, names in outcome["files"].items()}
            import_partition(self.store, task.name, files, str(self.out_dir))
            if outcome.get("attempt", 1) > 1:
                self.redone.append(task.name)
            p = self.progress
            p.imported += 1
            p.documents += outcome["documents"]
            p.sentences += outcome["counts"]["sentences"]
            p.events += outcome["events"]
            p.facts += outcome["facts"]
        if self.on_progress:
            self.on_progress(self.progress)

    def _fail(self, task: PartitionTask, exc: BaseException) -> None:
        self.failed.append(task.name)
        self.progress.failed += 1
        reason = f"partition {task.name} failed on the cluster ({type(exc).__name__}: {exc}); not coded"
        for doc in task.documents:
            self.partition_rejects.append(Reject(doc.origin or doc.id, reason, "error"))
        self.progress.rejects += len(task.documents)
