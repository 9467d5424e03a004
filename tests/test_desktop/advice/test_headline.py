"""The headline: one sentence on what the advice does, and its three figures."""

from __future__ import annotations

import numpy as np
import pytest

from allocator import Settings
from desktop.advice.advisor import Advisor
from desktop.advice.headline import headline, one_way_turnover
from signals import SignalInputs
from tests.test_desktop.advice.test_advisor import REGISTRY, TABLE, UNIVERSE, make_prices


@pytest.fixture(scope="module")
def advisor():
    return Advisor(UNIVERSE, TABLE, registry=REGISTRY)


@pytest.fixture(scope="module")
def snap(advisor):
    return advisor.snapshot(SignalInputs(prices=make_prices()))


def test_names_what_is_overweighted_and_underweighted(advisor, snap):
    advice = advisor.advise(snap, {"small_caps": 0.8, "gold": -0.6})
    top = headline(advice, UNIVERSE)
    assert top.text == "Overweight small caps; underweight gold"
    assert top.expected_active_pct == pytest.approx(100 * advice.allocation.expected_active_return)
    assert top.tracking_error_pct == pytest.approx(100 * advice.allocation.tracking_error)
    assert top.against == "model"
    active = advice.allocation.active
    assert top.turnover_pct == pytest.approx(100 * active[active > 0].sum())


def test_the_largest_move_comes_first_and_small_ones_are_not_named(advisor, snap):
    both = headline(advisor.advise(snap, {"small_caps": 0.2, "gold": 1.0}), UNIVERSE).text
    assert both == "Overweight gold and small caps"
    alone = headline(advisor.advise(snap, {"small_caps": 1.0, "gold": 0.001}), UNIVERSE).text
    assert alone == "Overweight small caps"


def test_a_quick_preview_without_attribution_reads_the_same(advisor, snap):
    views = {"small_caps": -0.5, "gold": 0.05}
    quick = headline(advisor.advise(snap, views, explain=False), UNIVERSE).text
    assert quick == headline(advisor.advise(snap, views), UNIVERSE).text == "Underweight small caps"


def test_a_theme_whose_assets_stay_at_model_weight_is_not_named(advisor, snap):
    capped = Settings(asset_bounds={"GLD": (0.10, 0.10)})  # gold held at its model weight
    advice = advisor.advise(snap, {"small_caps": 0.8, "gold": -1.0}, capped)
    assert headline(advice, UNIVERSE).text == "Overweight small caps"


def test_the_model_portfolio_says_so(advisor, snap):
    advice = advisor.advise(snap, neutral=True)
    top = headline(advice, UNIVERSE)
    assert top.text == "Hold the model portfolio: no view moves a weight (every view is 0)"
    assert (top.turnover_pct, top.tracking_error_pct) == (0.0, pytest.approx(0.0, abs=1e-6))


def test_turnover_is_measured_from_the_holdings_when_given(advisor, snap):
    held = np.array([0.7, 0.0, 0.0, 0.3])
    advice = advisor.advise(snap, {"small_caps": 0.5}, Settings(w_prev=held))
    top = headline(advice, UNIVERSE)
    assert top.against == "holdings"
    assert top.turnover_pct == pytest.approx(
        100 * one_way_turnover(advice.allocation.weights, held)
    )


def test_one_way_turnover_counts_buys_and_what_leaves_the_universe_as_sold():
    assert one_way_turnover([0.5, 0.5], [0.6, 0.4]) == pytest.approx(0.1)
    assert one_way_turnover([0.5, 0.5], [0.4, 0.3]) == pytest.approx(0.3)  # 0.3 held elsewhere
