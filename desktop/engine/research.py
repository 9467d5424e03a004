"""Backtests as independent tasks that run in any process: a recipe of the pipeline, and the task.

    recipe = PipelineRecipe.of(pipeline)         # the data and the user's tables, picklable
    outcome = sweep_task(recipe, point, base)    # in a worker: one point of a sweep
    run = backtest_task(recipe, spec)            # in a worker: one run with its charts

A worker process (local, `desktop.engine.task_pool.LocalPool`, or a Dask worker, `DaskPool`)
builds the `Pipeline` from the recipe once and keeps it for every later task of the same recipe
(its vectorised histories are computed once per worker). The recipe carries the data itself, not
paths, so a worker on another machine needs nothing but this package. The kept pipeline is per
thread: a Dask worker may run tasks on several threads, and a compiled problem is not
thread-safe.

Progress and cancel: a task reports each rebalance through `WorkerLink.progress`, which a local
pool forwards to its parent and which answers False once the parent asked to stop (the backtest
then raises `BacktestCancelled`). On a Dask worker there is no link: tasks report nothing and
are cancelled as a whole.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.advice.backtest.run import BacktestRun
    from desktop.advice.backtest.sweep import SweepOutcome, SweepPoint
    from desktop.advice.backtest.walk_forward import BacktestSpec
    from desktop.data.source import DataSource
    from desktop.engine.pipeline import Pipeline


@dataclass(frozen=True, slots=True, eq=False)
class PipelineRecipe:
    """What rebuilds a `Pipeline` anywhere: the data source, the universe as TOML text, the
    tilt table as plain values (theme -> (ic, {signal: weight})) and where it came from.
    token: one id per recipe, the key a worker keeps its pipeline under."""

    source: DataSource
    universe_toml: str
    tilt_rules: Mapping[str, tuple[float, dict[str, float]]]
    tilt_source: str
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    def of(cls, pipeline: Pipeline) -> PipelineRecipe:
        from desktop.advice.tables.universe import universe_to_toml

        table = pipeline.advisor.table
        rules = {t: (r.ic, dict(r.weights)) for t, r in table.rules.items()}
        return cls(
            pipeline.source, universe_to_toml(pipeline.advisor.universe), rules, table.source
        )

    def build(self) -> Pipeline:
        """The pipeline: the same universe, tilt table, signals and data as the original."""
        from types import MappingProxyType

        from desktop.advice.advisor import Advisor
        from desktop.advice.tables.tilts import ThemeRule, TiltTable
        from desktop.advice.tables.universe import parse_universe_text
        from desktop.engine.pipeline import Pipeline

        universe = parse_universe_text(self.universe_toml, source="the sweep's universe")
        rules = {t: ThemeRule(t, ic, weights) for t, (ic, weights) in self.tilt_rules.items()}
        table = TiltTable(MappingProxyType(rules), self.tilt_source)
        return Pipeline(Advisor(universe, table), self.source)


class WorkerLink:
    """A local worker's line to its parent: progress out, the stop request in (module doc)."""

    def __init__(self, recipe: PipelineRecipe, queue: Any, stop: Any) -> None:
        self.recipe, self.queue, self.stop = recipe, queue, stop

    def progress(self, task: int, done: int, total: int) -> bool:
        """Tell the parent; False once it asked to stop."""
        self.queue.put((task, done, total))
        return not self.stop.is_set()


_link: WorkerLink | None = None
_kept = threading.local()


def init_local_worker(recipe: PipelineRecipe, queue: Any, stop: Any) -> None:
    """A local pool's worker initialiser: keep the recipe and the link; leave Ctrl+C to the
    parent, which stops the tasks through `stop`."""
    import signal

    global _link
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _link = WorkerLink(recipe, queue, stop)


def pipeline_for(recipe: PipelineRecipe | None) -> Pipeline:
    """This thread's pipeline for `recipe` (None: the local worker's own recipe)."""
    if recipe is None:
        if _link is None:
            raise RuntimeError("no recipe: this process is not a local pool's worker")
        recipe = _link.recipe
    if getattr(_kept, "token", None) != recipe.token:
        _kept.pipeline, _kept.token = recipe.build(), recipe.token
    return _kept.pipeline


def backtest_task(recipe: PipelineRecipe | None, task: int, spec: BacktestSpec) -> BacktestRun:
    """One backtest with everything the window shows (`BacktestRun`)."""
    from desktop.advice.backtest.run import backtest_run

    pipeline = pipeline_for(recipe)
    result = pipeline.backtest(spec, _progress(task))
    return backtest_run(result, pipeline.label)


def sweep_task(
    recipe: PipelineRecipe | None, task: int, point: SweepPoint, base: BacktestSpec
) -> SweepOutcome:
    """One point of a sweep: its backtest's whole-run figures only (small to send back)."""
    from desktop.advice.backtest.report import backtest_report
    from desktop.advice.backtest.sweep import sweep_outcome

    result = pipeline_for(recipe).backtest(point.spec(base), _progress(task))
    return sweep_outcome(point, backtest_report(result).to_dict())


def _progress(task: int):
    link = _link
    if link is None:
        return None
    return lambda done, total: link.progress(task, done, total)
