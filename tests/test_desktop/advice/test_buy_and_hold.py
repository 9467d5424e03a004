"""Buy-and-hold values and drifted weights, and the drift from a saved suggestion."""

import numpy as np
import pandas as pd
import pytest

from desktop.advice.alerts.buy_and_hold import (
    drifted_weights,
    period_return,
    price_relatives,
    value_path,
)
from desktop.advice.alerts.drift import DRIFTED, HOLDINGS, drift_at

DAYS = pd.bdate_range("2025-01-01", periods=6)


@pytest.fixture
def prices():
    return pd.DataFrame(
        {
            "AAA": [100.0, 110.0, np.nan, 120.0, 150.0, 200.0],
            "BBB": [50.0, 50.0, 50.0, 45.0, 40.0, 25.0],
            "NEW": [np.nan, np.nan, np.nan, 10.0, 11.0, 12.0],
        },
        index=DAYS,
    )


def test_a_held_portfolio_grows_by_its_weighted_price_relatives(prices):
    weights = {"AAA": 60.0, "BBB": 40.0}
    relatives = price_relatives(prices, DAYS[0], DAYS[4], list(weights))
    assert relatives.to_dict() == {"AAA": 1.5, "BBB": 0.8}
    assert period_return(weights, relatives) == pytest.approx(0.6 * 0.5 + 0.4 * -0.2)
    path = value_path(weights, prices, DAYS[0], DAYS[4])
    assert path.iloc[0] == 1.0
    assert path.iloc[2] == pytest.approx(0.6 * 1.1 + 0.4)  # AAA's gap carries 110
    assert path.iloc[-1] == pytest.approx(1 + period_return(weights, relatives))


def test_an_asset_without_a_price_at_the_start_is_held_as_cash(prices):
    weights = {"AAA": 50.0, "NEW": 50.0}
    relatives = price_relatives(prices, DAYS[0], DAYS[5], list(weights))
    assert relatives["NEW"] == 1.0
    assert value_path(weights, prices, DAYS[0], DAYS[5]).iloc[-1] == pytest.approx(1.5)


def test_drifted_weights_follow_the_prices_and_sum_to_100(prices):
    relatives = price_relatives(prices, DAYS[0], DAYS[5], ["AAA", "BBB"])
    drifted = drifted_weights({"AAA": 50.0, "BBB": 50.0}, relatives)
    assert drifted == pytest.approx({"AAA": 80.0, "BBB": 20.0})


def test_drift_from_a_saved_suggestion_held_since_names_the_furthest_asset(prices):
    drift = drift_at({"AAA": 50.0, "BBB": 50.0}, DAYS[0], prices, DAYS[5])
    assert (drift.ticker, drift.basis, drift.target_as_of) == ("AAA", DRIFTED, "2025-01-01")
    assert drift.pts == pytest.approx(30.0)
    assert "AAA is 80.0 % of the suggestion held since then against 50.0 %" in drift.sentence


def test_drift_from_holdings_values_the_shares_at_the_as_of_closes(prices):
    holdings = {"AAA": 1.0, "BBB": 4.0, "ZZZ": 3.0}  # 120 + 180 at DAYS[3]; ZZZ has no price
    drift = drift_at({"AAA": 50.0, "BBB": 50.0}, DAYS[0], prices, DAYS[3], holdings)
    assert drift.basis == HOLDINGS and drift.current_pct == pytest.approx(40.0)
    assert abs(drift.pts) == pytest.approx(10.0)


def test_holdings_with_no_value_say_so(prices):
    with pytest.raises(ValueError, match="no market value"):
        drift_at({"AAA": 100.0}, DAYS[0], prices, DAYS[3], {"ZZZ": 3.0})
