"""The backtest runs the same advice as `allocate --as-of`, through the one composition root."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.advice.backtest.walk_forward import BacktestSpec
from desktop.engine.pipeline import Pipeline


def test_the_first_rebalance_is_what_allocate_as_of_gives_that_day(tmp_path):
    pipeline = Pipeline.open(tmp_path / "none.db")  # the demo data
    spec = BacktestSpec(start=pd.Timestamp("2019-01-01"), end=pd.Timestamp("2019-06-30"))
    result = pipeline.backtest(spec)
    first = result.rebalances[0]
    # allocate --as-of: the snapshot's readings, the same knobs, turnover from the model
    answer = pipeline.advise(pipeline.snapshot(first), result.knobs, explain=False)
    chosen = result.targets["advisor"].loc[first].to_numpy()
    assert np.abs(chosen - answer.advice.allocation.weights).max() < 1e-9
    assert result.views.loc[first].to_dict() == dict(answer.advice.views)


def test_evidence_through_the_pipeline_is_cut_at_its_date(tmp_path):
    pipeline = Pipeline.open(tmp_path / "none.db")
    book = pipeline.evidence("2020-03-31")
    assert book.as_of == pd.Timestamp("2020-03-31")
    assert all(r.ic.n <= 12 * 15 for r in book.themes.values())  # demo prices start in 2006
    charts = pipeline.evidence_charts("2020-03-31")
    assert set(charts) == set(book.themes)
    assert all(
        c.view.index.max() <= pd.Timestamp("2020-03-31") for c in charts.values() if len(c.view)
    )
