"""net_liquidity: Fed assets less reverse repo, and M2, growing faster or slower than usual."""

import numpy as np
import pandas as pd

from signals.inputs import SignalInputs
from signals.net_liquidity import net_liquidity, net_liquidity_history
from tests.test_signals.builders import assert_history_matches_point, bdays, macro, releases

INDEX = bdays(1400)
FRIDAYS = pd.date_range(INDEX[0], INDEX[-1], freq="W-FRI")
MONTHS = pd.date_range(INDEX[0], INDEX[-1], freq="MS") + pd.Timedelta(days=27)


def liquidity(rrp_drain: float) -> SignalInputs:
    """Fed assets grow steadily; the reverse repo loses `rrp_drain` $bn over the last quarter."""
    rng = np.random.default_rng(21)
    assets = 7000.0 + 2.0 * np.arange(len(FRIDAYS)) + rng.normal(0, 10, len(FRIDAYS))
    rrp = 500.0 + rng.normal(0, 10, len(INDEX))
    rrp[-63:] -= np.linspace(0.0, rrp_drain, 63)
    m2 = 20000.0 * 1.004 ** np.arange(len(MONTHS)) + rng.normal(0, 10, len(MONTHS))
    frames = (
        releases("fed_assets", FRIDAYS, assets),
        releases("reverse_repo", INDEX, rrp),
        releases("m2", MONTHS, m2),
    )
    return SignalInputs(pd.DataFrame({"SPY": 1.0}, index=INDEX), macro(*frames))


def test_money_leaving_the_reverse_repo_is_positive():
    reading = net_liquidity(liquidity(400.0))
    assert reading.score > 0.4 and reading.evidence["net_liquidity_z"] > 2
    assert reading.explanation.startswith("The Fed's balance sheet less reverse repo $")
    assert "growing faster than usual" in reading.explanation


def test_money_parked_at_the_fed_is_negative():
    assert net_liquidity(liquidity(-400.0)).score < -0.4


def test_without_reverse_repo_data_m2_alone_reads_and_the_gap_is_named():
    data = liquidity(400.0)
    no_rrp = data.macro.loc[data.macro["series"] != "reverse_repo"]
    reading = net_liquidity(SignalInputs(data.prices, no_rrp))
    assert not reading.stale and "net_liquidity_z" not in reading.evidence
    assert "no reverse repo releases entered" in reading.explanation


def test_history_equals_point():
    assert_history_matches_point(net_liquidity, net_liquidity_history, liquidity(400.0), 20)
