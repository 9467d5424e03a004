"""The engine (`desktop.engine.engine.Engine`) in a process of its own, so both cores are used.

The window's process never imports pandas or cvxpy for the home view: `EngineProcess` starts a
child process (multiprocessing, "spawn", so it works the same on every platform and in the frozen
build, whose entry point calls `multiprocessing.freeze_support()`), and forwards each engine call
over a pipe as a pickled (method, args, kwargs) message; the child answers ("ok", value) or
("error", exception). The child imports its heavy modules as soon as it starts (`Engine.warm_up`,
about 1 s), while the window's process imports Qt and paints; calls sent meanwhile wait in the
pipe.

Calls block until answered, so make them from a worker thread (the jobs' solver lane), one at a
time. The child exits when asked (`close`), when the pipe closes because the window's process
died, or at once on `terminate`; it holds nothing that must be saved.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
import threading
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported by the child only: the window's process spawns it before them
    from desktop.advice.charts.chart_data import ChartBook
    from desktop.advice.knobs import Knobs
    from desktop.engine.alerting import AlertCheck
    from desktop.engine.engine import Computed, Loaded, Solved
    from desktop.engine.evidence_view import EvidenceView
    from desktop.engine.journal_view import JournalView
    from desktop.engine.research import PipelineRecipe

CLOSE_WAIT_S = 1.0  # how long an idle child may take to exit before it is terminated


class EngineStopped(RuntimeError):
    """The engine's process is gone (it crashed or was closed); the window needs a restart."""


class EngineProcess:
    """The same methods as `Engine`; the compute ones run in the child process."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        context = multiprocessing.get_context("spawn")
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child_conn, self.db_path), name="rotation-advisor-engine"
        )
        self._process.daemon = True  # multiprocessing's exit handler terminates it as a backstop
        self._process.start()
        child_conn.close()  # only the child holds its end: its exit is our EOF, and ours its
        self._lock = threading.Lock()
        self._closed = False

    @property
    def pid(self) -> int | None:
        return self._process.pid

    @property
    def exitcode(self) -> int | None:
        """None while the child runs; 0 after a clean exit, -N after signal N."""
        return self._process.exitcode

    def warm_up(self) -> None:
        """Import here what reading the engine's answers needs (the allocation table and its
        CSV writer, with numpy: about 60 ms), while the engine's process is still busy with its
        own imports."""
        import desktop.data.exports.allocation_csv  # noqa: F401

    def load(self) -> Loaded:
        return self._call("load")

    def compute_signals(self, *, rebuild: bool = False, as_of: str | None = None) -> Computed:
        return self._call("compute_signals", rebuild=rebuild, as_of=as_of)

    def sparklines(self, as_of: str | None = None) -> dict[str, tuple[float, ...]]:
        return self._call("sparklines", as_of)

    def chart_book(self) -> ChartBook:
        return self._call("chart_book")

    def solve(
        self, knobs: Knobs, holdings: dict[str, float] | None = None, *, explain: bool = True
    ) -> Solved:
        return self._call("solve", knobs, holdings, explain=explain)

    def set_portfolio(self, name: str) -> str:
        return self._call("set_portfolio", name)

    def check_alerts(self, holdings: dict[str, float] | None = None) -> AlertCheck:
        return self._call("check_alerts", holdings)

    def journal(self) -> JournalView:
        return self._call("journal")

    def evidence(self, as_of: str | None = None) -> EvidenceView:
        return self._call("evidence", as_of)

    def evidence_lines(self, as_of: str | None = None) -> dict[str, str]:
        return self._call("evidence_lines", as_of)

    def research_recipe(self) -> PipelineRecipe:
        return self._call("research_recipe")

    def export(self, solved: Solved, path: Path) -> None:
        """Runs here, on the caller's thread: it needs only the answer on screen."""
        from desktop.data.exports import allocation_csv

        allocation_csv.write_csv(path, solved.table)

    def read_holdings(self, path: Path) -> dict[str, float]:
        """Runs here, on the caller's thread: ticker -> shares from a CSV file."""
        from desktop.data.holdings import read_holdings

        return read_holdings(path)

    def close(self) -> None:
        """Stop the child and reap it: asked to exit when idle, terminated when busy (a solve or
        the warm-up would otherwise hold up closing the window). Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        if self._lock.acquire(blocking=False):  # idle: no call waits for an answer
            try:
                with suppress(OSError):
                    self._conn.send(None)
            finally:
                self._lock.release()
            self._process.join(CLOSE_WAIT_S)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        with self._lock:  # a call still waiting has seen the child's end close by now
            self._conn.close()

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            if self._closed:
                raise EngineStopped("the engine was closed")
            try:
                self._conn.send((method, args, kwargs))
                status, value = self._conn.recv()
            except (EOFError, OSError) as exc:
                text = "the engine was closed" if self._closed else self._stopped_text()
                raise EngineStopped(text) from exc
        if status == "error":
            raise value
        return value

    def _stopped_text(self) -> str:
        self._process.join(CLOSE_WAIT_S)  # reap it, so it does not linger as a zombie
        return (
            f"the optimiser's process stopped unexpectedly (exit code {self._process.exitcode}); "
            "restart Rotation Advisor"
        )


def _serve(conn: Any, db_path: Path) -> None:
    """The child's main loop: answer calls until told to stop or the pipe closes."""
    # Ctrl+C in a terminal reaches the whole process group; the window decides when we stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from desktop.engine.engine import Engine

    engine = Engine(db_path)
    # A failed import fails again in the first call that needs it, which reports it in words.
    with suppress(Exception):
        engine.warm_up()
    while True:
        try:
            request = conn.recv()
        except EOFError:  # the window's process is gone
            return
        if request is None:
            return
        method, args, kwargs = request
        try:
            reply = ("ok", getattr(engine, method)(*args, **kwargs))
        except Exception as exc:  # sent back and raised in the window's process
            reply = ("error", _portable(exc))
        try:
            conn.send(reply)
        except (BrokenPipeError, ConnectionResetError):
            return


def _portable(exc: Exception) -> Exception:
    """`exc` if it survives pickling, else a RuntimeError with the same text."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
