"""Synthetic daily prices for the demo: a factor model pinned to the scenario's knots.

Log price of a ticker = sum over factors of loading * factor path + carry + its own path. Each
factor path and each own path is a Brownian bridge through knots (see `scenario`): daily
increments are fat-tailed (Student t, 4 degrees of freedom, unit variance) with volatility scaled
by a crisis multiplier, cumulated, then shifted by a piecewise-linear correction so the path
passes exactly through its knots. Every component draws from its own seeded stream, so adding a
ticker does not change the others. Deterministic: same seed, same prices.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

import numpy as np
import pandas as pd
from pandas.tseries.holiday import (
    AbstractHolidayCalendar,
    GoodFriday,
    Holiday,
    USLaborDay,
    USMartinLutherKingJr,
    USMemorialDay,
    USPresidentsDay,
    USThanksgivingDay,
    nearest_workday,
)

from scripts.demo_data.scenario import (
    ASSETS,
    BILL_KNOTS,
    END,
    FACTORS,
    SEED,
    SHOCKS,
    START,
    STREAK_BENCHMARK,
    STREAK_FACTOR,
    STREAK_MARGIN,
    STREAK_SESSIONS,
    STREAK_TICKER,
    VOL_REGIMES,
    YIELD_ANNUAL_VOL,
    YIELD_CRISIS_EXPONENT,
    YIELD_KNOTS,
    AssetSpec,
    FactorSpec,
)

TRADING_DAYS = 252
T_DOF = 4
MAX_SIGMAS = 6.0
YIELD_TICKER = "^TNX"
_SMOOTHING_DAYS = 15


class _ExchangeHolidays(AbstractHolidayCalendar):
    """US exchange holidays, close enough for a demo (observed on the nearest weekday)."""

    rules = [  # noqa: RUF012 -- pandas reads this class attribute
        Holiday("New Year's Day", month=1, day=1, observance=nearest_workday),
        USMartinLutherKingJr,
        USPresidentsDay,
        GoodFriday,
        USMemorialDay,
        Holiday("Juneteenth", month=6, day=19, start_date="2022-01-01", observance=nearest_workday),
        Holiday("Independence Day", month=7, day=4, observance=nearest_workday),
        USLaborDay,
        USThanksgivingDay,
        Holiday("Christmas Day", month=12, day=25, observance=nearest_workday),
    ]


def trading_days() -> pd.DatetimeIndex:
    """The demo's sessions: weekdays from START to END except exchange holidays."""
    holidays = _ExchangeHolidays().holidays(START, END)
    return pd.bdate_range(START, END, freq="C", holidays=holidays)


def bridge(increments: np.ndarray, at: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Cumulate `increments` (n,) into a path equal to `values` at indices `at` (ascending).

    Between knots the path is the walk minus the straight line through its own knot values
    plus the straight line through `values`: a Brownian bridge. Before the first and after the
    last knot it is the free walk, shifted to meet the knot.
    """
    walk = np.cumsum(increments)
    correction = np.interp(np.arange(len(walk)), at, values - walk[at])
    return walk + correction


def generate_prices(seed: int = SEED) -> pd.DataFrame:
    """Adjusted closes, (n_business_days, n_tickers), START..END, NaN before each inception.

    Columns follow `scenario.ASSETS` then `^TNX`, the 10-year yield in percent.
    """
    dates = trading_days()
    model = _Model(dates, seed)
    columns = {spec.ticker: model.prices(spec) for spec in ASSETS}
    columns[YIELD_TICKER] = model.yields
    frame = pd.DataFrame(columns, index=dates)
    for spec in ASSETS:
        frame.loc[frame.index < pd.Timestamp(spec.inception), spec.ticker] = np.nan
    frame.index.name = "date"
    return frame


class _Model:
    """Factor paths built once in scenario order; `prices(spec)` assembles one ticker."""

    def __init__(self, dates: pd.DatetimeIndex, seed: int) -> None:
        self.dates = dates
        self.seed = seed
        self.crisis = _crisis_multiplier(dates)
        self.assets = {spec.ticker: spec for spec in ASSETS}
        self.proxies = {spec.proxy for spec in FACTORS if spec.proxy}
        self.yields = self._yield_path()
        bill = np.interp(np.arange(len(dates)), *self._knots(BILL_KNOTS))
        self.carry = {"tnx": _cumulative_carry(self.yields), "bill": _cumulative_carry(bill)}
        # Rates factor: minus the cumulative change in the 10-year yield, in decimal, so that a
        # loading equal to a bond's duration gives its price return.
        self.factors: dict[str, np.ndarray] = {"rates": -(self.yields - self.yields[0]) / 100}
        for spec in FACTORS:
            self.factors[spec.name] = self._factor_path(spec)
        self._script_streak()

    def prices(self, spec: AssetSpec) -> np.ndarray:
        base = self._exposure(spec)
        if spec.ticker in self.proxies:
            return np.exp(base)
        increments = self._increments(spec.ticker, spec.idio_vol, 0.5)
        at, values = self._knots(spec.knots)
        return np.exp(base + bridge(increments, at, np.log(values) - base[at]))

    def _factor_path(self, spec: FactorSpec) -> np.ndarray:
        increments = self._increments(spec.name, spec.annual_vol, spec.crisis_exponent)
        at, values = self._knots(spec.knots)
        if spec.proxy is None:
            return bridge(increments, at, values)
        proxy = self.assets[spec.proxy]
        if proxy.loadings.get(spec.name) != 1.0 or proxy.idio_vol or proxy.carry:
            raise ValueError(f"{spec.proxy} must load 1.0 on {spec.name} and nothing of its own")
        others = {k: v for k, v in proxy.loadings.items() if k != spec.name}
        return bridge(increments, at, np.log(values) - self._combine(others)[at])

    def _exposure(self, spec: AssetSpec) -> np.ndarray:
        carry = self.carry[spec.carry] if spec.carry else 0.0
        return self._combine(spec.loadings) + carry

    def _combine(self, loadings: Mapping[str, float]) -> np.ndarray:
        total = np.zeros(len(self.dates))
        for name, loading in loadings.items():
            total += loading * self.factors[name]
        return total

    def _yield_path(self) -> np.ndarray:
        increments = self._increments(YIELD_TICKER, YIELD_ANNUAL_VOL, YIELD_CRISIS_EXPONENT)
        at, values = self._knots(YIELD_KNOTS)
        return np.exp(bridge(increments, at, np.log(values)))

    def _script_streak(self) -> None:
        """Shift the size factor so IWM beats SPY on exactly the last STREAK_SESSIONS sessions.

        Each streak day IWM's log return exceeds SPY's by at least a random margin; the session
        before the streak it trails SPY by at least one, so the streak has a definite start.
        """
        lead, bench = self.assets[STREAK_TICKER], self.assets[STREAK_BENCHMARK]
        names = set(lead.loadings) | set(bench.loadings)
        net = {k: lead.loadings.get(k, 0.0) - bench.loadings.get(k, 0.0) for k in names}
        margins = self._rng("streak").uniform(*STREAK_MARGIN, STREAK_SESSIONS + 1)
        path = self.factors[STREAK_FACTOR]

        def relative(day: int) -> float:
            return sum(
                w * (self.factors[k][day] - self.factors[k][day - 1]) for k, w in net.items()
            )

        before = -STREAK_SESSIONS - 1
        path[before:] -= max(0.0, relative(before) + margins[0])
        for day, margin in zip(range(-STREAK_SESSIONS, 0), margins[1:], strict=True):
            path[day:] += max(0.0, margin - relative(day))

    def _increments(self, name: str, annual_vol: float, crisis_exponent: float) -> np.ndarray:
        """Daily log increments: scaled Student-t noise plus the scenario's shocks for `name`."""
        draws = self._rng(name).standard_t(T_DOF, len(self.dates)) / np.sqrt(T_DOF / (T_DOF - 2))
        # Fat tails, but no absurd prints: a quiet market never moves more than MAX_SIGMAS.
        draws = np.clip(draws, -MAX_SIGMAS, MAX_SIGMAS)
        daily_vol = annual_vol / np.sqrt(TRADING_DAYS) * self.crisis**crisis_exponent
        increments = daily_vol * draws
        for shock in SHOCKS:
            if shock.target == name:
                increments[self._index(shock.date)] += shock.log_return
        return increments

    def _rng(self, name: str) -> np.random.Generator:
        return np.random.default_rng([self.seed, zlib.crc32(name.encode())])

    def _index(self, day: str) -> int:
        at = int(self.dates.searchsorted(pd.Timestamp(day)))
        if at >= len(self.dates):
            raise ValueError(f"scenario date {day} is after the demo's last day {END}")
        return at

    def _knots(self, points: tuple[tuple[str, float], ...]) -> tuple[np.ndarray, np.ndarray]:
        at = np.array([self._index(day) for day, _ in points])
        if np.any(np.diff(at) <= 0):
            raise ValueError(f"scenario knots are not in date order: {points}")
        return at, np.array([value for _, value in points])


def _crisis_multiplier(dates: pd.DatetimeIndex) -> np.ndarray:
    """Volatility multiplier per day (1 = calm), with ramps of about two weeks at each edge."""
    raw = np.ones(len(dates))
    for first, last, multiplier in VOL_REGIMES:
        raw[(dates >= pd.Timestamp(first)) & (dates <= pd.Timestamp(last))] = multiplier
    half = _SMOOTHING_DAYS // 2
    padded = np.pad(raw, half, mode="edge")
    return np.convolve(padded, np.ones(_SMOOTHING_DAYS) / _SMOOTHING_DAYS, mode="valid")


def _cumulative_carry(rate_percent: np.ndarray) -> np.ndarray:
    """Cumulative log return from earning yesterday's annual rate (percent) each business day."""
    daily = np.concatenate([[0.0], rate_percent[:-1]]) / 100 / TRADING_DAYS
    return np.cumsum(daily)
