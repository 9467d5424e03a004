"""What every signal reads: prices, macro releases and the data layer's staleness flags."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

STALE_BUSINESS_DAYS = 5
"""A series whose last observation is more than this many business days before as-of is stale."""


@dataclass(frozen=True, slots=True)
class SignalInputs:
    """Market data as of one date.

    prices: (n_days, n_tickers) adjusted closes, ascending DatetimeIndex (tz-naive, daily),
        columns are tickers; NaN where a ticker has no print that day.
    macro: long table of releases with columns series, date, actual, consensus (consensus may be
        NaN); series ids are the canonical names in `signals.macro_series`.
    stale: tickers or macro series the caller declares unusable at every date (their readings
        and histories are stale throughout). The app passes none: each signal judges a series'
        age against its own as-of date, so old data never reads stale because the clock moved.
    """

    prices: pd.DataFrame
    macro: pd.DataFrame = field(default_factory=lambda: empty_macro())
    stale: frozenset[str] = frozenset()

    @property
    def as_of(self) -> pd.Timestamp | None:
        return None if self.prices.empty else pd.Timestamp(self.prices.index[-1])

    def upto(self, date: pd.Timestamp | str) -> SignalInputs:
        """The same inputs with nothing after `date` (no look-ahead)."""
        cut = pd.Timestamp(date)
        prices = self.prices.loc[self.prices.index <= cut]
        macro = self.macro.loc[self.macro["date"] <= cut] if not self.macro.empty else self.macro
        return SignalInputs(prices=prices, macro=macro, stale=self.stale)


def empty_macro() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "series": pd.Series(dtype="string"),
            "date": pd.Series(dtype="datetime64[ns]"),
            "actual": pd.Series(dtype="float64"),
            "consensus": pd.Series(dtype="float64"),
        }
    )


MACRO_SERIES: dict[str, str] = {
    "philly_fed": "Philadelphia Fed manufacturing index (diffusion, general activity)",
    "empire_state": "NY Empire State manufacturing index (diffusion, general business conditions)",
    "jobless_claims": "Initial jobless claims (thousands, weekly)",
    "mmf_assets": "Money-market fund total assets (USD billions)",
    "consumer_sentiment": "University of Michigan consumer sentiment (index)",
    "fed_funds": "Effective fed funds rate, monthly average (percent)",
    "treasury_2y": "2-year Treasury yield (percent, daily)",
    "treasury_10y": "10-year Treasury yield (percent, daily)",
    "breakeven_10y": "10-year breakeven inflation, Treasuries less TIPS (percent, daily)",
    "hy_spread": "ICE BofA US high-yield option-adjusted spread (percent, daily)",
    "vix": "CBOE VIX (index points, daily)",
    "financial_conditions": "Chicago Fed adjusted national financial conditions, ANFCI (weekly)",
    "financial_stress": "St. Louis Fed financial stress index (weekly)",
    "reverse_repo": "Fed overnight reverse repo facility (USD billions, daily)",
    "fed_assets": "Fed total assets (USD billions, weekly)",
    "m2": "M2 money stock (USD billions, monthly)",
    "core_cpi": "CPI less food and energy (index, monthly)",
    "core_pce": "PCE price index less food and energy (index, monthly)",
    "inflation_expectations": "University of Michigan 1-year inflation expectations (percent)",
    "industrial_production": "Industrial production (index, monthly)",
    "payrolls": "Nonfarm payrolls (thousands of persons, monthly)",
}
"""Canonical macro series ids the signals read, with what each measures and its unit."""
