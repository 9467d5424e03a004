"""Properties of whole suggestions: the default universe and tilt table on a synthetic market.

Every view is set by hand, so the readings do not matter (the registry is empty). Solves use
`explain=False`: the properties are about weights, and attribution would multiply the solves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allocator import Settings
from desktop.advice.advisor import Advisor
from desktop.data import user_files
from desktop.data.user_files import bundled_universe_path, load_universe
from signals import REGISTRY, SignalInputs

FACTOR_VOL = {"mkt": 0.010, "size": 0.005, "cyc": 0.005, "tech": 0.005, "intl": 0.005,
              "metals": 0.010, "gold": 0.009, "rates": 0.004}  # fmt: skip
LOADINGS = {
    "SPY": {"mkt": 1.0}, "QQQ": {"mkt": 1.1, "tech": 1.0}, "IWM": {"mkt": 1.1, "size": 1.0},
    "XLI": {"mkt": 1.0, "cyc": 1.0}, "XLB": {"mkt": 1.0, "cyc": 1.0, "metals": 0.2},
    "XLE": {"mkt": 0.9, "cyc": 1.2}, "XLF": {"mkt": 1.1, "cyc": 0.8},
    "XLP": {"mkt": 0.6, "cyc": -0.5}, "XLU": {"mkt": 0.5, "cyc": -0.5, "rates": 0.5},
    "XLV": {"mkt": 0.7, "cyc": -0.4}, "VEU": {"mkt": 0.8, "intl": 1.0},
    "DBB": {"mkt": 0.3, "metals": 1.0}, "GLD": {"gold": 1.0, "rates": 0.3},
    "IEF": {"rates": 1.0}, "AGG": {"rates": 0.8}, "BIL": {"rates": 0.02},
}  # fmt: skip
SINGLE_ASSET_THEMES = {
    "small_caps": "IWM",
    "gold": "GLD",
    "industrial_metals": "DBB",
    "mega_cap_tech": "QQQ",
    "international": "VEU",
}
TOL = 1e-6


def factor_prices(days: int = 600, seed: int = 3) -> pd.DataFrame:
    """Daily closes of the default universe's held assets from a seeded factor model."""
    rng = np.random.default_rng(seed)
    factors = rng.standard_normal((days, len(FACTOR_VOL))) * np.array(list(FACTOR_VOL.values()))
    loadings = np.array([[row.get(f, 0.0) for f in FACTOR_VOL] for row in LOADINGS.values()])
    idio = np.array([0.0002 if t == "BIL" else 0.004 for t in LOADINGS])
    returns = factors @ loadings.T + rng.standard_normal((days, len(LOADINGS))) * idio
    index = pd.bdate_range("2023-01-02", periods=days)
    return pd.DataFrame(100 * np.exp(np.cumsum(returns, axis=0)), index=index, columns=[*LOADINGS])


UNIVERSE = load_universe(bundled_universe_path())
TABLE = user_files.load_tilt_table(
    user_files.default_tilts_path(),
    known_signals=[spec.name for spec in REGISTRY],
    known_themes=UNIVERSE.theme_names,
)
ADVISOR = Advisor(UNIVERSE, TABLE, registry=())
SNAP = ADVISOR.snapshot(SignalInputs(prices=factor_prices()))
THEMES = UNIVERSE.theme_names

views = st.lists(st.floats(-1.0, 1.0), min_size=len(THEMES), max_size=len(THEMES)).map(
    lambda values: dict(zip(THEMES, values, strict=True))
)


@st.composite
def knobs(draw) -> Settings:
    """The window's knobs over their useful range, with or without current holdings."""
    held = draw(st.booleans())
    n = len(UNIVERSE.held_tickers)
    w_prev = np.array(draw(st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n))) + 1e-3
    return Settings(
        gamma_risk=draw(st.floats(0.5, 10.0)),
        kappa=draw(st.floats(0.0, 0.005)),
        max_te=draw(st.floats(0.005, 0.06)),
        max_active=draw(st.floats(0.02, 0.2)),
        w_prev=w_prev / w_prev.sum() if held else None,
    )


def weights(overrides, settings_):
    return ADVISOR.advise(SNAP, overrides, settings_, explain=False).allocation


@pytest.mark.parametrize(("theme", "ticker"), SINGLE_ASSET_THEMES.items())
@settings(max_examples=25, deadline=None, derandomize=True)
@given(base=views, view=st.floats(-1.0, 1.0), bump=st.floats(0.01, 1.0), knob=knobs())
def test_raising_a_view_never_lowers_the_weight_of_the_asset_it_buys(
    theme, ticker, base, view, bump, knob
):
    i = ADVISOR.tickers.index(ticker)
    low = weights({**base, theme: view}, knob).weights[i]
    high = weights({**base, theme: min(1.0, view + bump)}, knob).weights[i]
    assert high >= low - TOL


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    base=views, theme=st.sampled_from(THEMES), view=st.floats(-1.0, 0.9), bump=st.floats(0.01, 1.0)
)
def test_raising_a_view_never_lowers_the_portfolios_covariance_with_the_themes_trade(
    base, theme, view, bump
):
    """What holds for every theme, cyclicals' four sectors included: alpha moves along Σ p,
    and a strictly concave objective's answer moves with its alpha, (Σ p)·Δd >= 0."""
    low = weights({**base, theme: view}, Settings()).active
    high = weights({**base, theme: min(1.0, view + bump)}, Settings()).active
    trade = ADVISOR.trades.loc[theme].to_numpy()
    assert (high - low) @ SNAP.market.covariance @ trade >= -1e-9


def test_zero_views_give_the_model_exactly_with_every_reason_saying_so():
    result = ADVISOR.advise(SNAP, dict.fromkeys(THEMES, 0.0))
    assert np.array_equal(result.allocation.weights, SNAP.market.w_bench)
    assert set(result.reasons.values()) == {"at model weight"}
    assert (result.alpha == 0.0).all()
