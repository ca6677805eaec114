"""A supervised pool of forked worker processes: results in order, and a run that always ends.

A worker can die without a word (the kernel's out-of-memory killer, a signal, a crash in native
code). A plain `multiprocessing.Pool` replaces the worker but loses its task, and whoever waits
for that result waits forever. Here a death breaks the pool (concurrent.futures notices it and
fails every pending result); the pool is started again and the batches that were in flight are
redone one at a time, so the one that kills its worker is found: redone once, it is given back
as `WorkerDied` instead of a result, and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

Batch = TypeVar("Batch")
Item = TypeVar("Item")


@dataclass(frozen=True)
class WorkerDied:
    """A batch whose worker died twice: once among others, once coded alone."""

    reason: str


class SupervisedPool(Generic[Batch]):
    def __init__(self, n_process: int, work: Callable[[Batch], Any],
                 initializer: Callable[[], None] | None = None) -> None:
        self.n_process, self.work, self.initializer = n_process, work, initializer
        self.restarts = 0

    def run(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, Any]]:
        """(batch, result or WorkerDied) for each batch, in order; at most two batches per worker
        are in flight, so a long input is never read into memory at once."""
        executor = self._start()
        in_flight: deque[tuple[Batch, Future[Any]]] = deque()
        try:
            for batch in batches:
                try:
                    future = executor.submit(self.work, batch)
                except BrokenProcessPool:
                    # A worker died since the last result came in: settle what was in flight first.
                    executor = yield from self._recover(executor, in_flight)
                    future = executor.submit(self.work, batch)
                in_flight.append((batch, future))
                while len(in_flight) >= 2 * self.n_process:
                    executor = yield from self._next_result(executor, in_flight)
            while in_flight:
                executor = yield from self._next_result(executor, in_flight)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.n_process, mp_context=multiprocessing.get_context("fork"),
                                   initializer=self.initializer)

    def _next_result(self, executor: ProcessPoolExecutor, in_flight: deque[tuple[Batch, Future[Any]]],
                     ) -> Generator[tuple[Batch, Any], None, ProcessPoolExecutor]:
        batch, future = in_flight[0]
        try:
            result = future.result()
        except BrokenProcessPool:
            return (yield from self._recover(executor, in_flight))
        in_flight.popleft()
        yield batch, result
        return executor

    def _recover(self, executor: ProcessPoolExecutor, in_flight: deque[tuple[Batch, Future[Any]]],
                 ) -> Generator[tuple[Batch, Any], None, ProcessPoolExecutor]:
        """After a worker died: the results that came in before are kept, every other batch that
        was in flight is coded again, one at a time in a new pool, in order."""
        cause = _death_cause(executor)
        executor = self._restart(executor)
        while in_flight:
            batch, future = in_flight.popleft()
            if future.done() and not future.cancelled() and future.exception() is None:
                yield batch, future.result()
                continue
            try:
                result = executor.submit(self.work, batch).result()
            except BrokenProcessPool:
                again = _death_cause(executor)
                executor = self._restart(executor)
                result = WorkerDied(f"the worker process coding it died ({again or cause}); "
                                    "coded again alone, it died again")
            yield batch, result
        return executor

    def _restart(self, executor: ProcessPoolExecutor) -> ProcessPoolExecutor:
        executor.shutdown(wait=True, cancel_futures=True)
        self.restarts += 1
        return self._start()


def tapering_batches(items: Iterable[Item], size: int, workers: int, smallest: int = 2) -> Iterator[list[Item]]:
    """Batches of `size` items in order, except the last ones, which shrink so that the workers
    of a pool (each taking the next batch when it is free) finish at about the same time. With
    equal batches, the last round leaves workers idle while others finish: 100 documents in
    batches of 32 on two workers are 64 documents coded by one and 36 by the other, the run as
    long as the 64 take. Here, once the input's end is within reach (items are read at most
    2 * workers * size ahead: the batches the pool keeps in flight), each batch is a
    1 / (2 * workers) share of the items left, at least `smallest` and never more than `size`
    (guided self-scheduling); the first 100 documents on two workers go as 25, 19, 14, 11, 8...
    """
    source = iter(items)
    ahead: deque[Item] = deque()
    reach = 2 * workers * size + size
    ended = False
    while True:
        while not ended and len(ahead) < reach:
            try:
                ahead.append(next(source))
            except StopIteration:
                ended = True
        if not ahead:
            return
        share = min(size, max(smallest, -(-len(ahead) // (2 * workers)))) if ended else size
        yield [ahead.popleft() for _ in range(min(len(ahead), share))]


def _death_cause(executor: ProcessPoolExecutor) -> str:
    """How a worker of a broken pool ended, e.g. "killed by SIGKILL, as the out-of-memory killer
    does", from its exit code (read from the executor's process table, where it is kept). The
    pool stops the other workers with SIGTERM when one dies: the one that died first is the one
    with another ending."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    codes: list[int] = []
    for _ in range(40):  # the pool reports the break before its processes are all reaped
        codes = [p.exitcode for p in processes if p.exitcode]
        if any(code != -signal.SIGTERM for code in codes):
            break
        time.sleep(0.05)
    codes.sort(key=lambda code: code == -signal.SIGTERM)
    if not codes:
        return "it ended unexpectedly"
    code = codes[0]
    if code > 0:
        return f"exit status {code}"
    name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else f"signal {-code}"
    hint = ", as the out-of-memory killer does" if name == "SIGKILL" else ""
    return f"killed by {name}{hint}"
