"""Alpha from theme views: Grinold's IC x volatility x view, carried to assets by covariance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from allocator import MarketInputs, Settings, TiltProblem
from desktop.advice import theme_alpha
from desktop.advice.tables.tilts import ThemeRule, TiltTable

# A bond-heavy corner of the default universe, where a flat alpha per view swapped AGG for BIL.
TICKERS = ["SPY", "DBB", "GLD", "IEF", "AGG", "BIL"]
VOL = np.array([0.16, 0.17, 0.17, 0.06, 0.05, 0.003])
CORR = np.array(
    [
        [1.00, 0.45, 0.10, -0.20, -0.10, 0.00],
        [0.45, 1.00, 0.35, -0.05, 0.00, 0.00],
        [0.10, 0.35, 1.00, 0.30, 0.35, 0.02],
        [-0.20, -0.05, 0.30, 1.00, 0.95, 0.10],
        [-0.10, 0.00, 0.35, 0.95, 1.00, 0.12],
        [0.00, 0.00, 0.02, 0.10, 0.12, 1.00],
    ]
)
COV = CORR * np.outer(VOL, VOL)
TABLE = TiltTable(
    rules={
        "industrial_metals": ThemeRule("industrial_metals", 0.08),
        "gold": ThemeRule("gold", 0.06),
    }
)
TRADES = theme_alpha.theme_trades(
    TICKERS,
    buys={"industrial_metals": ["DBB"], "gold": ["GLD"]},
    funded_by={"industrial_metals": ["AGG", "IEF"], "gold": ["IEF", "AGG", "BIL"]},
)
EXPOSURES = theme_alpha.trade_exposures(TRADES, COV)
VIEWS = {"industrial_metals": 0.45, "gold": -0.29}  # as on 2026-01-16


def solve(alpha: np.ndarray, settings: Settings):
    inputs = MarketInputs(TICKERS, ["x"] * 6, [0.3, 0.05, 0.05, 0.2, 0.3, 0.1], COV)
    return TiltProblem(TICKERS, ["x"] * 6).solve(inputs, settings, alpha)


def test_trades_split_each_side_equally_and_net_to_zero():
    frame = theme_alpha.theme_trades(
        ["SPY", "QQQ", "IWM", "GLD", "IEF"],
        buys={"small_caps": ["IWM"], "gold": ["GLD"]},
        funded_by={"small_caps": ["SPY", "QQQ"], "gold": ["IEF", "BIL"]},
    )
    assert frame.loc["small_caps"].tolist() == [-0.5, -0.5, 1.0, 0.0, 0.0]
    # BIL is not held here, so IEF alone funds gold.
    assert frame.loc["gold"].tolist() == [0.0, 0.0, 0.0, 1.0, -1.0]
    assert np.allclose(frame.sum(axis=1), 0.0)


def test_alpha_is_view_times_ic_times_own_volatility_times_correlation_with_the_trade():
    alphas = theme_alpha.theme_alphas(VIEWS, TABLE, EXPOSURES)
    p = TRADES.loc["industrial_metals"].to_numpy()
    sigma_p = np.sqrt(p @ COV @ p)
    corr_with_trade = COV @ p / (VOL * sigma_p)
    expected = 0.45 * 0.08 * VOL * corr_with_trade
    np.testing.assert_allclose(alphas.loc["industrial_metals"], expected, rtol=1e-12)
    # The trade itself is expected to earn view x IC x its volatility.
    assert alphas.loc["industrial_metals"] @ p == pytest.approx(0.45 * 0.08 * sigma_p)
    vols = theme_alpha.trade_volatilities(TRADES, COV)
    assert vols["industrial_metals"] == pytest.approx(sigma_p)


def test_a_theme_alone_buys_exactly_its_trade_at_the_tracking_error_its_ic_sets():
    """Budget constraint only: d = view IC / (2 gamma sigma_p) p, TE = |view| IC / (2 gamma)."""
    knobs = Settings(gamma_risk=2.0, kappa=0.0, max_te=None, max_active=None)
    alpha = theme_alpha.theme_alphas({"gold": -0.29}, TABLE, EXPOSURES).sum()
    allocation = solve(alpha.to_numpy(), knobs)
    p = TRADES.loc["gold"].to_numpy()
    expected = -0.29 * 0.06 / (2 * 2.0 * np.sqrt(p @ COV @ p)) * p
    np.testing.assert_allclose(allocation.active, expected, atol=1e-6)
    assert allocation.tracking_error == pytest.approx(0.29 * 0.06 / 4, rel=1e-4)


def test_themes_sharing_funders_do_not_turn_into_a_swap_between_quiet_assets():
    """Metals sell AGG/IEF, a bearish gold view buys IEF/AGG/BIL: the answer combines the two
    trades, so BIL moves only by gold's third, never to the cap as an AGG-for-BIL swap."""
    alphas = theme_alpha.theme_alphas(VIEWS, TABLE, EXPOSURES)
    free = solve(alphas.sum().to_numpy(), Settings(kappa=0.0, max_te=None, max_active=None))
    coefficients, *_ = np.linalg.lstsq(TRADES.to_numpy().T, free.active, rcond=None)
    np.testing.assert_allclose(TRADES.to_numpy().T @ coefficients, free.active, atol=1e-6)
    default = solve(alphas.sum().to_numpy(), Settings())
    bil = TICKERS.index("BIL")
    assert abs(default.active[bil]) < 0.02 < Settings().max_active
    assert default.active[TICKERS.index("DBB")] > 0 > default.active[TICKERS.index("GLD")]


def test_no_view_or_an_empty_trade_gives_no_alpha():
    trades = pd.concat([TRADES, pd.DataFrame(0.0, index=["empty"], columns=TICKERS)])
    alphas = theme_alpha.theme_alphas(
        {"empty": 1.0}, TABLE, theme_alpha.trade_exposures(trades, COV)
    )
    assert (alphas.to_numpy() == 0.0).all()


def test_a_theme_that_buys_no_held_asset_has_no_trade():
    """The optional high-growth theme with ARKK and IBIT not held must not just sell SPY."""
    trades = theme_alpha.theme_trades(
        ["SPY", "IWM"],
        {"small_caps": ["IWM"], "high_growth": ["ARKK"]},
        {"small_caps": ["SPY"], "high_growth": ["SPY"]},
    )
    assert (trades.loc["high_growth"] == 0.0).all()
    assert trades.loc["small_caps"].to_dict() == {"SPY": -1.0, "IWM": 1.0}
