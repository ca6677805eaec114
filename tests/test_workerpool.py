"""The supervised worker pool: a worker that dies never hangs the run; its batch is redone alone,
and reported if it dies again. No spaCy here: the work is a small function."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from bilateral.workerpool import SupervisedPool, WorkerDied


def _square_or_die(batch: tuple[int, str]) -> int:
    """Squares the number; number 3 kills its worker: always, or once if a marker path is given."""
    number, marker = batch
    if number == 3 and (not marker or not Path(marker).exists()):
        if marker:
            Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.05)
    return number * number


def _run(batches, pause: float = 0.0):
    pool: SupervisedPool[tuple[int, str]] = SupervisedPool(2, _square_or_die)
    out = []
    for batch, result in pool.run(batches):
        out.append((batch[0], result))
        time.sleep(pause)  # a slow consumer: the pool breaks while no result is awaited
    return out, pool.restarts


def test_a_worker_that_dies_once_has_its_batch_redone(tmp_path):
    for pause in (0.0, 0.5):
        marker = tmp_path / f"died-{pause}"
        out, restarts = _run([(n, str(marker)) for n in range(8)], pause)
        assert out == [(n, n * n) for n in range(8)] and restarts >= 1 and marker.exists()


def test_a_batch_that_kills_its_worker_twice_is_reported_and_the_run_ends():
    for pause in (0.0, 0.5):
        out, _ = _run([(n, "") for n in range(8)], pause)
        assert [n for n, _ in out] == list(range(8))
        [(n, died)] = [(n, r) for n, r in out if isinstance(r, WorkerDied)]
        assert n == 3 and "SIGKILL" in died.reason and "died again" in died.reason
        assert all(r == n * n for n, r in out if n != 3)


def test_tapering_batches_keep_order_and_shrink_at_the_end():
    from bilateral.workerpool import tapering_batches

    for n in (0, 1, 5, 100, 1000):
        batches = [len(b) for b in tapering_batches(range(n), 32, 2)]
        assert sum(batches) == n
        assert [x for b in tapering_batches(range(n), 32, 2) for x in b] == list(range(n))
        assert all(1 <= size <= 32 for size in batches)
        assert all(size == 1 for b in tapering_batches(range(n), 1, 2) for size in [len(b)])
    # The 100 documents of two workers: no longer 32, 32, 32, 4 (one worker coding 64 of them).
    assert [len(b) for b in tapering_batches(range(100), 32, 2)] == [25, 19, 14, 11, 8, 6, 5, 3, 3, 2, 2, 2]
    long_run = [len(b) for b in tapering_batches(range(1000), 32, 2)]
    assert long_run[:25] == [32] * 25 and long_run[-1] <= 2


def test_tapering_batches_read_a_bounded_way_ahead():
    from bilateral.workerpool import tapering_batches

    read = []

    def items():
        for i in range(10_000):
            read.append(i)
            yield i

    batches = tapering_batches(items(), 32, 2)
    next(batches)
    assert len(read) <= 2 * 2 * 32 + 32 + 1
