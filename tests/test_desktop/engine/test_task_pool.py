"""The sweep's tasks on local worker processes and on a Dask cluster: same answers, progress,
cancel. On the demo data (an engine over a missing database falls back to it)."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from desktop.advice.backtest.sweep import SweepGrid
from desktop.advice.backtest.walk_forward import BacktestCancelled, BacktestSpec
from desktop.engine.pipeline import Pipeline
from desktop.engine.research import PipelineRecipe, backtest_task, pipeline_for, sweep_task
from desktop.engine.task_pool import LocalPool, PoolError, open_pool

BASE = BacktestSpec(start=pd.Timestamp("2019-01-01"), end=pd.Timestamp("2021-12-31"))


@pytest.fixture(scope="module")
def recipe(tmp_path_factory):
    """The demo data with the bundled tables, in a data folder of the module's own."""
    folder = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROTATION_ADVISOR_HOME", str(folder))
        return PipelineRecipe.of(Pipeline.open(folder / "missing.db"))


def _items():
    points = SweepGrid(risk_aversion=(1, 4), calibration=("none",)).points(BASE)
    return [(p, BASE) for p in points]


def test_a_recipe_rebuilds_the_same_advice_in_this_thread(recipe):
    pipeline = pipeline_for(recipe)
    assert pipeline is pipeline_for(recipe)  # kept, histories computed once
    direct = Pipeline(pipeline.advisor, recipe.source)  # a fresh pipeline on the same parts
    expected = direct.backtest(BASE).targets["advisor"]
    run = backtest_task(recipe, 0, BASE)
    pd.testing.assert_frame_equal(run.targets["advisor"], expected)
    assert run.source == direct.label and run.label == "as written"


def test_local_processes_run_every_point_and_report_progress(recipe):
    seen: list[float] = []
    pool = LocalPool(recipe, 2)
    try:
        outcomes = pool.run(sweep_task, _items(), lambda f, _w: seen.append(f), lambda: False)
    finally:
        pool.close()
    assert [o.point.risk_aversion for o in outcomes] == [1, 4]
    inline = sweep_task(recipe, 0, *_items()[1])
    assert outcomes[1].figures == inline.figures  # a worker's figures are this process's
    assert any(0 < f < 1 for f in seen) and seen[-1] == 1.0 and seen == sorted(seen)


def test_cancel_stops_the_local_tasks(recipe):
    asked = threading.Event()

    def report(fraction, _words):
        if fraction > 0:
            asked.set()

    pool = LocalPool(recipe, 1)
    try:
        with pytest.raises(BacktestCancelled, match="cancelled after 0 of 2"):
            pool.run(sweep_task, _items(), report, asked.is_set)
    finally:
        pool.close()


def test_a_scheduler_that_is_not_there_is_named(recipe):
    pytest.importorskip("distributed")
    with pytest.raises(PoolError, match=r"No Dask scheduler answers at tcp://127.0.0.1:9"):
        open_pool(recipe, 2, "tcp://127.0.0.1:9")


def test_a_dask_cluster_runs_the_same_sweep(recipe):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        pool = open_pool(recipe, 2, cluster.scheduler_address)
        try:
            seen: list[float] = []
            outcomes = pool.run(sweep_task, _items(), lambda f, _w: seen.append(f), lambda: False)
        finally:
            pool.close()
    assert [o.point.risk_aversion for o in outcomes] == [1, 4]
    assert outcomes[0].figures == sweep_task(recipe, 0, *_items()[0]).figures
    assert seen[-1] == 1.0
