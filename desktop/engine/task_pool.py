"""Where independent backtests run: local worker processes, or an existing Dask cluster.

    with open_pool(recipe, scheduler="") as pool:              # "" : the local cores
        results = pool.run(sweep_task, [(point, base), ...], report, cancelled)

`LocalPool` is a `concurrent.futures.ProcessPoolExecutor` ("spawn", the same on every platform
and in the frozen app) whose workers get the recipe once, at start, with a queue for progress
and an event to stop. `DaskPool` connects to a running scheduler (`dask.distributed`, the
optional extra `[sweep]`), scatters the recipe to every worker once and submits one task per
item. No scheduling of our own: each pool hands its tasks to the executor and waits.

`run` calls report(fraction_done, words) from the calling thread as tasks progress (a local task
reports each rebalance; a Dask task only its end), polls cancelled() and, once it answers True,
stops the tasks (local: at their next rebalance; Dask: cancelled as a whole) and raises
`BacktestCancelled`. A failed task's exception is raised as it is, after the others are stopped.
"""

from __future__ import annotations

import os
import queue
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from typing import Any

from desktop.advice.backtest.walk_forward import BacktestCancelled
from desktop.engine.research import PipelineRecipe, init_local_worker

Report = Callable[[float, str], object]
Cancelled = Callable[[], bool]
POLL_S = 0.1
DASK_CONNECT_S = 10


class PoolError(RuntimeError):
    """The pool cannot start (no dask installed, no scheduler at the address); says why."""


def local_workers(tasks: int) -> int:
    """Worker processes for `tasks` tasks: one per core, never more than there are tasks."""
    return max(1, min(tasks, os.cpu_count() or 1))


class LocalPool:
    """Worker processes on this machine, each holding `recipe`'s pipeline once built."""

    def __init__(self, recipe: PipelineRecipe, workers: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.recipe, self.workers = recipe, workers
        self._queue, self._stop = context.Queue(), context.Event()
        self._executor = ProcessPoolExecutor(
            workers, mp_context=context, initializer=init_local_worker,
            initargs=(recipe, self._queue, self._stop),
        )  # fmt: skip

    def run(
        self,
        task: Callable[..., Any],
        items: Sequence[tuple],
        report: Report,
        cancelled: Cancelled,
        what: str = "backtests",
    ) -> list[Any]:
        """`task(None, index, *item)` for every item, in item order (module docstring)."""
        self._stop.clear()
        futures = [self._executor.submit(task, None, i, *item) for i, item in enumerate(items)]
        steps = [0.0] * len(items)
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=POLL_S, return_when=FIRST_EXCEPTION)
            self._drain(steps)
            for f in futures:
                if f.done() and f.exception() is None:
                    steps[futures.index(f)] = 1.0
            finished = sum(f.done() for f in futures)
            report(sum(steps) / len(items), f"{finished} of {len(items)} {what} done")
            failed = [f for f in done if f.exception() is not None]
            if cancelled() or failed:
                self._halt(futures)
                if failed and not isinstance(failed[0].exception(), BacktestCancelled):
                    raise failed[0].exception()  # type: ignore[misc]
                raise BacktestCancelled(f"cancelled after {finished} of {len(items)} {what}")
        return [f.result() for f in futures]

    def close(self) -> None:
        """Stop the running tasks and the worker processes."""
        self._stop.set()
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _drain(self, steps: list[float]) -> None:
        while True:
            try:
                index, done, total = self._queue.get_nowait()
            except queue.Empty:
                return
            steps[index] = max(steps[index], 0.99 * done / max(total, 1))

    def _halt(self, futures) -> None:
        self._stop.set()
        for f in futures:
            f.cancel()
        wait(futures)
        self._drain([0.0] * len(futures))


class DaskPool:
    """The workers of an existing Dask cluster, given its scheduler's address."""

    def __init__(self, recipe: PipelineRecipe, address: str) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise PoolError(
                "A Dask scheduler was given but dask.distributed is not installed: "
                "pip install 'rotation-advisor[sweep]', or leave the scheduler out to use "
                "this machine's cores."
            ) from exc
        try:
            self._client = Client(address, timeout=DASK_CONNECT_S, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise PoolError(f"No Dask scheduler answers at {address}: {exc}") from exc
        self.address = address
        self.workers = len(self._client.scheduler_info().get("workers", {})) or 1
        self._recipe = self._client.scatter(recipe, broadcast=True, hash=False)

    def run(
        self,
        task: Callable[..., Any],
        items: Sequence[tuple],
        report: Report,
        cancelled: Cancelled,
        what: str = "backtests",
    ) -> list[Any]:
        """`task(recipe, index, *item)` on the cluster for every item, in item order."""
        submit = self._client.submit
        futures = [submit(task, self._recipe, i, *item, pure=False) for i, item in enumerate(items)]
        while True:
            finished = sum(f.done() for f in futures)
            report(finished / len(items), f"{finished} of {len(items)} {what} done")
            failed = [f for f in futures if f.status == "error"]
            if cancelled() or failed:
                self._client.cancel(futures)
                if failed:
                    raise failed[0].exception()
                raise BacktestCancelled(f"cancelled after {finished} of {len(items)} {what}")
            if finished == len(items):
                return self._client.gather(futures)
            time.sleep(POLL_S)

    def close(self) -> None:
        self._client.close()


class InlinePool:
    """This process, one task after the other: for tests, and to check a task without workers.
    Tasks report only their end."""

    workers = 1

    def __init__(self, recipe: PipelineRecipe) -> None:
        self.recipe = recipe

    def run(
        self,
        task: Callable[..., Any],
        items: Sequence[tuple],
        report: Report,
        cancelled: Cancelled,
        what: str = "backtests",
    ) -> list[Any]:
        out = []
        for i, item in enumerate(items):
            if cancelled():
                raise BacktestCancelled(f"cancelled after {i} of {len(items)} {what}")
            out.append(task(self.recipe, i, *item))
            report((i + 1) / len(items), f"{i + 1} of {len(items)} {what} done")
        return out

    def close(self) -> None:
        """Nothing to stop."""


def open_pool(recipe: PipelineRecipe, tasks: int, scheduler: str = "") -> LocalPool | DaskPool:
    """A Dask pool on `scheduler` when given, else local processes for `tasks` tasks."""
    if scheduler:
        return DaskPool(recipe, scheduler)
    return LocalPool(recipe, local_workers(tasks))
