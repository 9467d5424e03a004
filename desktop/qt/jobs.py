"""Background work off the GUI thread, with superseded results dropped.

Three lanes, each a single worker thread:
- `Lane.SOLVER` makes every engine call that touches its state (`desktop.engine.engine`: the open
  data and the compiled optimisation problem are not thread-safe, so exactly one thread may use
  them); in the app each call is a round trip to the engine's own process
  (`desktop.engine.process`);
- `Lane.IO` does the slow, blocking work in this process: files, SQLite, online refreshes;
- `Lane.RESEARCH` waits on backtests and sweeps, which run in worker processes
  (`desktop.engine.backtest_service`), so a long run holds up neither the solves nor the files.

Every `submit` carries a key ("solve", "refresh", ...) and bumps that key's generation number.
A job whose generation is no longer the latest when its turn comes is skipped without running,
and a result that arrives after a newer request for the same key is dropped, so a burst of
slider moves costs one solve and the screen never shows an answer older than the one before it.

Callbacks always run on the thread that owns the `Jobs` object (the GUI thread). With
`synchronous=True` every job runs inline inside `submit`, which makes tests deterministic.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal


class Lane(StrEnum):
    SOLVER = "solver"
    IO = "io"
    RESEARCH = "research"


class JobCancelled(Exception):
    """Raised inside a job by `JobContext.check()` after the user pressed Cancel."""


@dataclass(frozen=True, slots=True)
class JobContext:
    """Handed to jobs submitted with `with_context=True`: progress reporting and cancellation."""

    key: str
    report: Callable[[float, str], None]
    cancel_event: threading.Event = field(default_factory=threading.Event)

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check(self) -> None:
        """Raise JobCancelled if the user cancelled this job; call it between steps."""
        if self.cancel_event.is_set():
            raise JobCancelled(self.key)


@dataclass(frozen=True, slots=True)
class _Outcome:
    key: str
    generation: int
    result: Any
    error: BaseException | None
    on_result: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None


class Jobs(QObject):
    """Runs callables on its lanes and hands their results back on the GUI thread."""

    progressed = Signal(str, float, str)  # key, fraction done in [0, 1], what is happening
    busy_changed = Signal(bool)  # True while any job is queued or running
    failed = Signal(str, object)  # key, exception: for jobs submitted without on_error
    _delivered = Signal(object)  # an _Outcome crossing from a worker to the GUI thread

    def __init__(self, *, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._lock = threading.Lock()
        self._generations: dict[str, int] = {}
        self._contexts: dict[str, JobContext] = {}
        self._pending = 0
        self._executors: dict[Lane, ThreadPoolExecutor] = {}
        self._delivered.connect(self._on_delivered, Qt.ConnectionType.QueuedConnection)

    def submit(
        self,
        key: str,
        lane: Lane,
        fn: Callable[..., Any],
        *,
        on_result: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        with_context: bool = False,
    ) -> int:
        """Queue `fn()` (or `fn(context)`) on `lane`; returns the request's generation number."""
        with self._lock:
            generation = self._generations.get(key, 0) + 1
            self._generations[key] = generation
            context = JobContext(key, lambda f, text: self.progressed.emit(key, f, text))
            self._contexts[key] = context
            self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        call = (lambda: fn(context)) if with_context else fn
        job = (key, generation, call, on_result, on_error)
        if self.synchronous:
            self._on_delivered(self._run(*job))
        else:
            self._executor(lane).submit(self._run_and_deliver, *job)
        return generation

    def cancel(self, key: str) -> None:
        """Ask the running `key` job to stop and drop whatever it returns."""
        with self._lock:
            context = self._contexts.get(key)
            self._generations[key] = self._generations.get(key, 0) + 1
        if context is not None:
            context.cancel_event.set()

    def is_current(self, key: str, generation: int) -> bool:
        with self._lock:
            return self._generations.get(key, 0) == generation

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def shutdown(self) -> None:
        """Stop accepting work, cancel queued jobs and signal running ones to stop."""
        with self._lock:
            for context in self._contexts.values():
                context.cancel_event.set()
        for executor in self._executors.values():
            executor.shutdown(wait=False, cancel_futures=True)
        self._executors.clear()

    def _executor(self, lane: Lane) -> ThreadPoolExecutor:
        if lane not in self._executors:
            self._executors[lane] = ThreadPoolExecutor(1, thread_name_prefix=f"jobs-{lane}")
        return self._executors[lane]

    def _run(self, key, generation, call, on_result, on_error) -> _Outcome:
        result, error = None, None
        if self.is_current(key, generation):  # skip work nobody is waiting for any more
            try:
                result = call()
            except Exception as exc:  # reported to the user by the controller, never swallowed
                error = exc
        return _Outcome(key, generation, result, error, on_result, on_error)

    def _run_and_deliver(self, *job) -> None:
        self._delivered.emit(self._run(*job))

    def _on_delivered(self, outcome: _Outcome) -> None:
        self._pending -= 1
        try:
            if not self.is_current(outcome.key, outcome.generation):
                return
            if outcome.error is None:
                outcome.on_result(outcome.result)
            elif isinstance(outcome.error, JobCancelled):
                return
            elif outcome.on_error is not None:
                outcome.on_error(outcome.error)
            else:
                self.failed.emit(outcome.key, outcome.error)
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)
