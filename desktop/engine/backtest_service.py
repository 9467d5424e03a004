"""The Backtest tab's work, without Qt: runs and sweeps in worker processes, saved runs in SQLite.

`BacktestService` runs on the window's research lane (one thread): a run is both calibration
modes of one spec as two tasks, a sweep one task per setting, on local worker processes kept
between requests (their pipeline and its histories are built once per recipe) or, for a sweep
given a scheduler address, on an existing Dask cluster (`desktop.engine.task_pool`). The window's
process never computes a backtest: it waits on the workers from the lane's thread and reports.

`SavedRuns` opens the saved-runs store (`desktop.data.backtest_store`) on the thread of its first
call (the I/O lane) and must be used from that thread only (sqlite3's rule). It also writes a
run's target weights as CSV (`desktop.data.exports.backtest_csv`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.advice.backtest.run import BacktestRun
    from desktop.advice.backtest.sweep import SweepGrid, SweepOutcome
    from desktop.advice.backtest.walk_forward import BacktestSpec
    from desktop.data.backtest_store import BacktestStore
    from desktop.engine.research import PipelineRecipe
    from desktop.engine.task_pool import Cancelled, DaskPool, LocalPool, Report

PoolFactory = Callable[["PipelineRecipe", str], "LocalPool | DaskPool"]
"""(recipe, scheduler address or "") -> a pool; the default opens worker processes or Dask."""


class BacktestService:
    """Backtests and sweeps for the window, on one thread (module docstring)."""

    def __init__(self, pool_factory: PoolFactory | None = None) -> None:
        self._factory = pool_factory or _open_pool
        self._pool: LocalPool | DaskPool | None = None
        self._token = ""

    def run_pair(
        self, recipe: PipelineRecipe, spec: BacktestSpec, report: Report, cancelled: Cancelled
    ) -> tuple[BacktestRun, ...]:
        """`spec` as written and calibrated walk-forward: two runs, in that order."""
        from desktop.advice.backtest.walk_forward import CALIBRATIONS
        from desktop.engine.research import backtest_task

        items = [(dataclasses.replace(spec, calibration=c),) for c in CALIBRATIONS]
        pool = self._local(recipe)
        return tuple(pool.run(backtest_task, items, report, cancelled, what="backtests"))

    def sweep(
        self,
        recipe: PipelineRecipe,
        base: BacktestSpec,
        grid: SweepGrid,
        report: Report,
        cancelled: Cancelled,
        scheduler: str = "",
    ) -> tuple[SweepOutcome, ...]:
        """One backtest per setting of `grid` over `base`, on `scheduler` ("" : this machine)."""
        from desktop.engine.research import sweep_task

        items = [(point, base) for point in grid.points(base)]
        if not scheduler:
            pool = self._local(recipe)
            return tuple(pool.run(sweep_task, items, report, cancelled, what="backtests"))
        remote = self._factory(recipe, scheduler)
        try:
            return tuple(remote.run(sweep_task, items, report, cancelled, what="backtests"))
        finally:
            remote.close()

    def close(self) -> None:
        """Stop the worker processes (the window is closing)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def _local(self, recipe: PipelineRecipe) -> LocalPool | DaskPool:
        """The kept local pool, started afresh for a new recipe (the data or tables changed)."""
        if self._pool is None or self._token != recipe.token:
            self.close()
            self._pool, self._token = self._factory(recipe, ""), recipe.token
        return self._pool


def _open_pool(recipe: PipelineRecipe, scheduler: str) -> LocalPool | DaskPool:
    import os

    from desktop.engine.task_pool import LocalPool, open_pool

    if scheduler:
        return open_pool(recipe, 0, scheduler)
    # one worker per core; workers start as tasks need them (a run of two starts two)
    return LocalPool(recipe, os.cpu_count() or 1)


class SavedRuns:
    """The saved runs of the database at `db_path` (module docstring)."""

    def __init__(self, db_path: str | Path, portfolio: str = "default") -> None:
        self.db_path, self.portfolio = Path(db_path), portfolio
        self._store: BacktestStore | None = None

    def save(self, runs: tuple[BacktestRun, ...], note: str = "") -> list[BacktestRun]:
        """Keep each of `runs`; returns the listing."""
        store = self._open()
        for run in runs:
            store.save_parts(dict(run.report), run.values, run.targets["advisor"], run.source, note)
        return self.runs()

    def runs(self) -> list[BacktestRun]:
        """Every saved run, newest first, without its series (`get` loads them)."""
        import pandas as pd

        from desktop.advice.backtest.run import BacktestRun

        return [
            BacktestRun(r.report, pd.DataFrame(), {}, None, r.source, r.id, r.saved_at, r.note)
            for r in self._open().runs()
        ]

    def get(self, run_ids: tuple[int, ...]) -> tuple[BacktestRun, ...]:
        """The saved runs with their daily values and the advisor's weights."""
        from desktop.advice.backtest.run import BacktestRun

        store, out = self._open(), []
        for run_id in run_ids:
            r = store.run(run_id)
            targets = {"advisor": store.weights(run_id)}
            values = store.values(run_id)
            out.append(
                BacktestRun(r.report, values, targets, None, r.source, r.id, r.saved_at, r.note)
            )
        return tuple(out)

    def delete(self, run_ids: tuple[int, ...]) -> list[BacktestRun]:
        store = self._open()
        for run_id in run_ids:
            store.delete(run_id)
        return self.runs()

    def export_csv(self, run: BacktestRun, path: Path) -> None:
        """The run's target weights (advisor and model) as the `backtest --out` CSV."""
        from desktop.data.exports.backtest_csv import write_weights_csv

        write_weights_csv(path, run.targets)

    def _open(self) -> BacktestStore:
        if self._store is None:
            from desktop.data.backtest_store import open_backtests

            self._store = open_backtests(self.db_path, self.portfolio)
        return self._store
