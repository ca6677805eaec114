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
