"""Score and view histories: a row is what the readings at that date give, computed at once."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop.advice.advisor import compute_readings
from desktop.advice.evidence.histories import histories, score_histories, view_histories
from desktop.advice.tables import tilts
from desktop.advice.tables.tilts import ThemeRule, TiltTable
from desktop.data.demo import load_demo
from desktop.engine.pipeline import build_advisor
from signals import SignalInputs
from signals.spec import SignalSpec
from tests.test_desktop.advice import synthetic_market as market


def test_a_row_of_the_view_history_is_the_views_of_that_dates_readings():
    advisor = build_advisor()
    demo = load_demo()
    inputs = SignalInputs(prices=demo.prices, macro=demo.macro)
    themes = advisor.universe.theme_names
    history = histories(inputs, advisor.registry, advisor.table, themes)
    for date in pd.DatetimeIndex(["2012-03-30", "2025-06-30"]):
        readings = compute_readings(inputs.upto(date), advisor.registry)
        views = tilts.signal_views(readings, advisor.table, themes)
        row = history.views.loc[date]
        assert row.to_dict() == pytest.approx({t: v.view for t, v in views.items()}, abs=1e-12)
        scores = {r.name: 0.0 if r.stale else r.score for r in readings}
        assert history.scores.loc[date].to_dict() == pytest.approx(scores, abs=1e-12)


def test_histories_judge_staleness_against_each_date_not_the_data_layers_flags():
    seen = []

    def history(inputs: SignalInputs) -> pd.Series:
        seen.append(inputs.stale)
        return pd.Series(0.5, index=inputs.prices.index)

    spec = SignalSpec("calendar", "x", ("A",), market.REGISTRY[0].reading, history)
    flagged = SignalInputs(prices=market.prices(), stale=frozenset({"A"}))
    scores = score_histories(flagged, [spec])
    assert seen == [frozenset()]
    assert (scores["calendar"] == 0.5).all()


def test_a_listed_signal_without_a_history_counts_as_zero():
    scores = pd.DataFrame({"a": [1.0, -1.0, 0.5]})
    table = TiltTable({"t": ThemeRule("t", 0.05, {"a": 0.5, "missing": 0.5})})
    views = view_histories(scores, table, ["t", "unlisted"])
    assert views["t"].tolist() == [0.5, -0.5, 0.25]
    assert views["unlisted"].tolist() == [0.0, 0.0, 0.0]
