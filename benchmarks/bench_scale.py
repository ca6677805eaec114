"""Does the cost per sentence stay flat as the corpus grows, and what does Dask cost on one machine?

    .venv/bin/python benchmarks/bench_scale.py [--base 100] [--workers 2] [--skip-cluster]

For corpora of 1x, 4x and 16x --base documents (benchmarks/corpus.py), in one run, each timing
taken in --repeat interleaved rounds and the fastest kept (these machines are shared and noisy):
- bare parse: the stock small English model without NER, `nlp.pipe(n_process=--workers)` on the
  texts of the corpus file, read (json.loads per line) as they are parsed, in batches of at most
  32 that give each process as many documents (even_batch);
- coding: bilateral's Coder with --workers processes (what the issue's 1.1x target is about);
- full pipeline: what `bilateral code --workers N` does: read the JSON Lines file with language and
  duplicate screening, code, and write every document into a fresh DuckDB store;
each with sentences/s, its time over the bare parse's, and peak memory (PSS) of its largest
process and of all its processes together; then its CPU time (this process and the workers it
started; the least of the rounds) over the bare parse's: on a machine shared with other work the
wall-time ratio moves with the load, the CPU ratio much less.
Then, on the 4x corpus, the local process pool (the full pipeline above) against a LocalCluster of
--workers single-threaded worker processes (`bilateral code --cluster local`), whose start-up and
pipeline loading are timed apart from the run itself.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402


class PeakMemory:
    """Peak memory of this process and its workers while the block runs, sampled every 0.1 s, as
    proportional set size (PSS: a page shared by n processes counts 1/n in each). Forked workers
    share the parent's model pages, which resident size (RSS) would count once per process."""

    def __init__(self) -> None:
        import psutil

        self.me, self._stop = psutil.Process(), threading.Event()
        self.peak_total = self.peak_process = 0

    def __enter__(self) -> PeakMemory:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            sizes = []
            for process in [self.me, *self.me.children(recursive=True)]:
                try:
                    sizes.append(process.memory_full_info().pss)
                except psutil.Error:
                    continue
            if sizes:
                self.peak_total = max(self.peak_total, sum(sizes))
                self.peak_process = max(self.peak_process, *sizes)
            self._stop.wait(0.1)


def measure(fn: Callable[[], Any]) -> tuple[float, tuple[int, int], Any, float]:
    """Seconds, peak memory (largest process, all processes; bytes), result of fn(), and the CPU
    seconds it took in this process and in the worker processes it started and waited for."""
    with PeakMemory() as memory:
        cpu0 = _cpu_seconds()
        t0 = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - t0
        cpu = _cpu_seconds() - cpu0
    return seconds, (memory.peak_process, memory.peak_total), result, cpu


def _cpu_seconds() -> float:
    """User and system CPU of this process and of its ended, waited-for children (the workers of a
    pool, once it is shut down)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def write_corpus(n: int, folder: Path) -> Path:
    path = folder / f"corpus-{n}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in corpus.documents(n)), encoding="utf-8")
    return path


def even_batch(documents: int, workers: int, largest: int = 32) -> int:
    """A batch size of at most `largest` that deals `documents` out to `workers` processes in
    turn in a whole number of rounds, so that each parses about as many."""
    batches = workers * -(-documents // (largest * workers))
    return max(1, -(-documents // batches))


def file_texts(path: Path) -> Iterator[str]:
    """The texts of a JSON Lines corpus, read as they are parsed."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)["text"]


def full_pipeline(coder: Any, path: Path, db: Path, workers: int) -> int:
    """`bilateral code PATH --db DB --workers N` (`code_into`), without the printing: documents written."""
    from bilateral import code_into
    from bilateral.store import Store

    with Store(db) as store:
        return code_into(store, [path], coder=coder, workers=workers).documents


def scale_rows(base: int, workers: int, folder: Path, repeat: int) -> list[dict[str, Any]]:
    import spacy

    from bilateral.ingest import read_inputs
    from bilateral.model import Document
    from bilateral.nlp import EXCLUDED, model_name
    from bilateral.pipeline import Coder

    stock = spacy.load(model_name(), exclude=list(EXCLUDED))
    coder = Coder()
    list(coder.code([Document(id="warm", text="China and Belarus held talks in Minsk on Monday.")]))
    rows = []
    for factor in (1, 4, 16):
        path = write_corpus(base * factor, folder)
        docs = [d for d in read_inputs([path]) if isinstance(d, Document)]
        timings: dict[str, list[tuple[float, tuple[int, int], Any, float]]] = {"bare": [], "coding": [], "full": []}
        bare_batch = even_batch(len(docs), workers)
        for round_ in range(repeat):  # interleaved rounds: a hiccup slows one round of one timing
            # The bare parse reads its texts from the same file as the full pipeline does: a parse
            # of a corpus on disk has to, and the full pipeline's time counts its reading.
            # In batches that split the corpus evenly among the processes (spaCy deals them out in
            # turn): with 32 a batch, 100 documents are 64 for one process and 36 for the other,
            # while bilateral's pool evens out its last batches (workerpool.tapering_batches).
            timings["bare"].append(measure(lambda p=path, size=bare_batch: sum(
                1 for _ in stock.pipe(file_texts(p), n_process=workers, batch_size=size))))
            timings["coding"].append(measure(lambda d=docs: sum(len(c.sentences)  # as bilateral splits them
                                                                for c in coder.code(d, n_process=workers))))
            db = folder / f"full-{factor}-{round_}.duckdb"
            timings["full"].append(measure(lambda p=path, db=db: full_pipeline(coder, p, db, workers)))
        fastest = {kind: min(runs, key=lambda r: r[0]) for kind, runs in timings.items()}
        least_cpu = {f"{kind}_cpu": min(r[3] for r in runs) for kind, runs in timings.items()}
        rows.append({"factor": factor, "documents": len(docs), "sentences": fastest["coding"][2], **fastest,
                     **least_cpu})
        _print_scale_row(rows[-1])
    return rows


def _print_scale_row(row: dict[str, Any]) -> None:
    n, bare_s = row["sentences"], row["bare"][0]
    print(f"\n{row['factor']:>2}x: {row['documents']} documents, {n} sentences")
    for label, key in (("bare spaCy parse", "bare"), ("coding (Coder)", "coding"),
                       ("full pipeline (ingest, coding, store)", "full")):
        seconds, peak, *_ = row[key]
        cpu = row[f"{key}_cpu"]
        print(f"  {label:40} {n / seconds:7.0f} sentences/s  {seconds:7.1f} s  {seconds / bare_s:5.2f}x the bare parse"
              f"  peak {peak[0] / 1e6:4.0f} MB largest process, {peak[1] / 1e6:5.0f} MB all"
              f"  | CPU {cpu:6.1f} s, {cpu / row['bare_cpu']:5.2f}x the bare parse's")


def pool_against_cluster(path: Path, workers: int, folder: Path) -> None:
    from bilateral.cluster import code_on_dask, connect
    from bilateral.ingest import read_inputs
    from bilateral.model import Document
    from bilateral.pipeline import Coder
    from bilateral.store import Store

    docs = [d for d in read_inputs([path]) if isinstance(d, Document)]
    coder = Coder()
    pool_s, pool_m, *_ = measure(lambda: full_pipeline(coder, path, folder / "pool.duckdb", workers))
    t0 = time.perf_counter()
    with connect(local_workers=workers) as client:
        started = time.perf_counter() - t0
        warm = folder / "warm.jsonl"
        warm.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        t1 = time.perf_counter()
        client.run(_load_pipeline)  # each worker loads the pipeline once
        loaded = time.perf_counter() - t1
        with Store(folder / "cluster.duckdb") as store:
            dask_s, dask_m, result, _ = measure(lambda: code_on_dask([path], store, client, folder / "cluster.parquet",
                                                          partition_size=max(8, len(docs) // (8 * workers))))
    n = result.progress.sentences
    print(f"\nlocal pool against a {workers}-worker LocalCluster, same input ({len(docs)} documents, {n} sentences):")
    print(f"  local process pool (bilateral code --workers {workers}) {n / pool_s:7.0f} sentences/s  {pool_s:6.1f} s"
          f"  peak {pool_m[0] / 1e6:4.0f} MB largest process, {pool_m[1] / 1e6:5.0f} MB all")
    print(f"  LocalCluster (bilateral code --cluster local)   {n / dask_s:7.0f} sentences/s  {dask_s:6.1f} s"
          f"  peak {dask_m[0] / 1e6:4.0f} MB largest process, {dask_m[1] / 1e6:5.0f} MB all  "
          f"({dask_s / pool_s:.2f}x the pool's time)")
    print(f"  LocalCluster start-up {started:.1f} s, pipeline loading on the workers {loaded:.1f} s (once per run)")


def _load_pipeline() -> None:
    from bilateral.cluster.worker import worker_coder

    worker_coder(())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, default=100, help="documents in the 1x corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-cluster", action="store_true", help="leave out the LocalCluster comparison")
    parser.add_argument("--repeat", type=int, default=2, help="interleaved rounds per size (fastest kept)")
    args = parser.parse_args()
    run(args.base, args.workers, args.skip_cluster, args.repeat)


def run(base: int, workers: int, skip_cluster: bool = False, repeat: int = 2) -> None:
    import logging

    logging.getLogger("distributed").setLevel(logging.CRITICAL)  # shutdown chatter of the LocalCluster
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scale_rows(base, workers, folder, repeat)
        if not skip_cluster:
            pool_against_cluster(write_corpus(base * 4, folder), workers, folder)


if __name__ == "__main__":
    main()
