"""THE look-ahead test: poison every price and macro release after a date d, and nothing the
backtest decided at or before d may change, in either calibration mode.

Runs the real registry, universe and tilt table on the bundled demo data, so every signal's
vectorised history, the views, the risk model, the calibration and the solve are all covered.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop.advice.backtest.walk_forward import BacktestSpec, run_backtest
from desktop.data.demo import load_demo
from desktop.engine.pipeline import build_advisor
from signals import SignalInputs

CUT = pd.Timestamp("2016-06-30")
SPEC = {"start": pd.Timestamp("2015-01-01"), "end": pd.Timestamp("2017-06-30")}


def poisoned(inputs: SignalInputs, seed: int = 11) -> SignalInputs:
    """Every close after CUT multiplied by its own random path (a jump of up to x3 either way at
    the cut, then 5 % daily noise, so every later return changes), every macro release after it
    multiplied by a random factor from 0.2 to 5."""
    rng = np.random.default_rng(seed)
    prices = inputs.prices.copy()
    later = prices.index > CUT
    shape = (later.sum(), prices.shape[1])
    jump = rng.uniform(-1.1, 1.1, shape[1])
    paths = np.exp(jump + np.cumsum(rng.normal(0.0, 0.05, shape), axis=0))
    prices.loc[later] = prices.loc[later] * paths
    macro = inputs.macro.copy()
    after = macro["date"] > CUT
    for column in ("actual", "consensus"):
        macro.loc[after, column] = macro.loc[after, column] * rng.uniform(0.2, 5.0, after.sum())
    return SignalInputs(prices=prices, macro=macro)


@pytest.mark.parametrize("calibration", ["none", "walk-forward"])
def test_nothing_decided_by_a_date_depends_on_data_after_it(calibration):
    advisor = build_advisor()
    demo = load_demo()
    clean_inputs = SignalInputs(prices=demo.prices, macro=demo.macro)
    spec = BacktestSpec(**SPEC, calibration=calibration)
    clean = run_backtest(advisor, clean_inputs, spec)
    dirty = run_backtest(advisor, poisoned(clean_inputs), spec)

    known = clean.rebalances <= CUT
    assert known.sum() == 18 and (~known).sum() == 12
    for frame in ("views", "ics"):
        pd.testing.assert_frame_equal(getattr(dirty, frame)[known], getattr(clean, frame)[known])
    pd.testing.assert_frame_equal(
        dirty.targets["advisor"][known], clean.targets["advisor"][known], atol=1e-9, rtol=0
    )
    if calibration == "walk-forward":
        for before, after in zip(clean.calibrations, dirty.calibrations, strict=True):
            if before.as_of <= CUT:
                assert after.themes == before.themes
    # the poison is real: after the cut the runs part ways
    assert not np.allclose(dirty.targets["advisor"][~known], clean.targets["advisor"][~known])
