"""Synthetic, realistic market data for the signal tests (never ../shared: users don't have it).

`panel`: seeded geometric random walks for every ticker the registry reads, on business days,
with a late-starting ticker, scattered missing prints and a week-long hole. `macro`: seeded
releases for every canonical macro series, with consensus on some of them.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
import pytest

import signals
from signals.inputs import MACRO_SERIES, SignalInputs

START, YEARS = "2018-01-01", 6
LATE_TICKER = "BUZZ"
"""Starts two years after the others, as BUZZ (2021) does after ARKK (2014)."""


def registry_tickers() -> list[str]:
    """Every price series some registered signal reads."""
    names = {t for spec in signals.REGISTRY for t in spec.tickers if t not in MACRO_SERIES}
    return sorted(names)


def random_walks(tickers, dates: pd.DatetimeIndex, seed: int) -> pd.DataFrame:
    """Geometric random walks, 1.5 % daily vol (0.4 % for yields), slight upward drift."""
    rng = np.random.default_rng(seed)
    vol = np.array([0.004 if t.startswith("^") else 0.015 for t in tickers])
    steps = rng.normal(0.0003, 1.0, size=(len(dates), len(tickers))) * vol
    start = rng.uniform(20, 200, size=len(tickers))
    return pd.DataFrame(start * np.exp(np.cumsum(steps, axis=0)), index=dates, columns=tickers)


# fmt: off
FIRST_TICKERS = frozenset((
    "ACWX", "ARKK", "BUZZ", "COPX", "CPER", "DBB", "DBC", "DIA", "GLD", "IWM", "IYT", "KRE", "QQQ",
    "RSP", "SLV", "SLX", "SMH", "SPY", "UUP", "VEU", "XBI", "XHB", "XLB", "XLE", "XLF", "XLI",
    "XLP", "XLU", "XLV", "XRT", "^TNX",
))
# fmt: on
"""The tickers the panel was first drawn for. Each ticker a later signal reads is drawn from a
stream of its own (seeded by its name), so adding a signal moves no recorded reading."""


def make_panel(seed: int = 7) -> pd.DataFrame:
    dates = pd.bdate_range(START, periods=252 * YEARS, name="date")
    tickers = registry_tickers()
    first = _with_holes(random_walks([t for t in tickers if t in FIRST_TICKERS], dates, seed), seed)
    first.iloc[900:906, 0] = np.nan  # a week without one ticker's prints
    later = [
        _with_holes(random_walks([t], dates, own), own)
        for t in tickers
        if t not in FIRST_TICKERS
        for own in [seed + zlib.crc32(t.encode())]
    ]
    prices = pd.concat([first, *later], axis=1)
    if LATE_TICKER in prices:
        prices.loc[prices.index < dates[504], LATE_TICKER] = np.nan
    return prices


def _with_holes(prices: pd.DataFrame, seed: int) -> pd.DataFrame:
    holes = np.random.default_rng(seed + 1).random(prices.shape) < 0.01  # one in a hundred
    return prices.mask(holes)


def make_macro(dates: pd.DatetimeIndex, seed: int = 11) -> pd.DataFrame:
    """Releases dated by publication: monthly mid-month, weekly on Thursdays, daily on business
    days. Levels are noise around a trend (level, noise, drift per release), in each series' unit;
    the series of later signals come after the first five so the first draws never move."""
    rng = np.random.default_rng(seed)
    monthly = pd.date_range(dates[0], dates[-1], freq="MS") + pd.Timedelta(days=14)
    weekly = pd.date_range(dates[0], dates[-1], freq="W-THU")
    daily = pd.bdate_range(dates[0], dates[-1])
    specs = {
        "philly_fed": (monthly, 5.0, 10.0, 0.0),
        "empire_state": (monthly, 0.0, 10.0, 0.0),
        "consumer_sentiment": (monthly, 80.0, 4.0, -0.05),
        "jobless_claims": (weekly, 220.0, 12.0, 0.0),
        "mmf_assets": (weekly, 5000.0, 25.0, 5.0),
        "fed_funds": (monthly, 4.0, 0.2, -0.01),
        "treasury_2y": (daily, 3.6, 0.15, 0.0),
        "treasury_10y": (daily, 4.0, 0.15, 0.0),
        "breakeven_10y": (daily, 2.3, 0.08, 0.0),
        "hy_spread": (daily, 4.0, 0.4, 0.0),
        "vix": (daily, 18.0, 3.0, 0.0),
        "financial_conditions": (weekly, -0.3, 0.2, 0.0),
        "financial_stress": (weekly, 0.0, 0.5, 0.0),
        "reverse_repo": (daily, 500.0, 40.0, 0.0),
        "fed_assets": (weekly, 7000.0, 30.0, 3.0),
        "m2": (monthly, 20000.0, 40.0, 60.0),
        "core_cpi": (monthly, 260.0, 0.3, 0.6),
        "core_pce": (monthly, 115.0, 0.15, 0.25),
        "inflation_expectations": (monthly, 3.0, 0.3, 0.0),
        "industrial_production": (monthly, 100.0, 0.6, 0.1),
        "payrolls": (monthly, 150000.0, 120.0, 150.0),
    }
    frames = []
    for series, (when, level, noise, drift) in specs.items():
        actual = level + drift * np.arange(len(when)) + rng.normal(0, noise, len(when))
        consensus = np.where(rng.random(len(when)) < 0.5, actual - rng.normal(0, noise), np.nan)
        if series not in ("philly_fed", "empire_state", "jobless_claims"):
            consensus = np.full(len(when), np.nan)  # forecasts are entered for surveys only
        frames.append(
            pd.DataFrame({"series": series, "date": when, "actual": actual, "consensus": consensus})
        )
    macro = pd.concat(frames, ignore_index=True)
    return macro.astype({"series": "string", "actual": float, "consensus": float})


@pytest.fixture(scope="session")
def panel() -> pd.DataFrame:
    return make_panel()


@pytest.fixture(scope="session")
def macro(panel) -> pd.DataFrame:
    return make_macro(panel.index)


@pytest.fixture(scope="session")
def inputs(panel, macro) -> SignalInputs:
    return SignalInputs(prices=panel, macro=macro)
