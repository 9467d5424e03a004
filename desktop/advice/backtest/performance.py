"""How a backtest did: returns, risk and drawdown per portfolio, and the advisor against the model.

Every figure travels with its uncertainty (STYLE.md, section 9): the information ratio with its
t-stat, and how many years a true IR of that size needs before it can be told from luck.

Definitions (percent figures are x 100; "annual" means annualised):
    cagr_pct                (V_end / V_start) ^ (365.25 / calendar days) - 1
    vol_pct                 standard deviation of daily returns x sqrt(252)
    sharpe                  mean / standard deviation of daily (return - cash) x sqrt(252)
    max_drawdown_pct        the deepest fall from a running peak, with peak, trough and recovery
    active_return_pct       mean monthly (portfolio - model) return x 12, calendar months
    tracking_error_pct      standard deviation of that monthly difference x sqrt(12)
    information_ratio       active return / tracking error
    t_stat                  mean / (sd / sqrt(months)) = IR x sqrt(years): can it be luck?
    hit_rate_pct            % of months the portfolio beat the model
    years_to_tell           (2 / IR)^2: years a true IR this size needs to reach t = 2
    turnover_pct_per_year   traded weight sum(|target - drifted|) (buys plus sells) per year
    cost_pct_per_year       trading costs as a fraction of value, per year
The model's active figures against itself are undefined (None). A partial first or last month
counts as a month (its return is what was earned in it); a run starting on a month's last day
starts counting with the next month.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

TRADING_DAYS = 252
MONTHS = 12
T_TO_TELL = 2.0
"""The t-stat at which a result is usually called distinguishable from luck (5 %, two-sided)."""


@dataclass(frozen=True, slots=True)
class Drawdown:
    """The deepest fall from a peak: depth (percent, <= 0), its peak and trough dates, and the
    date the value first regained the peak (None if it has not)."""

    depth_pct: float
    peak: pd.Timestamp | None
    trough: pd.Timestamp | None
    recovery: pd.Timestamp | None


@dataclass(frozen=True, slots=True)
class Stats:
    """One portfolio over one period (module docstring for each figure and unit)."""

    cagr_pct: float
    vol_pct: float
    sharpe: float
    drawdown: Drawdown
    active_return_pct: float | None
    tracking_error_pct: float | None
    information_ratio: float | None
    t_stat: float | None
    hit_rate_pct: float | None
    years_to_tell: float | None
    turnover_pct_per_year: float
    cost_pct_per_year: float
    years: float
    months: int

    @property
    def max_drawdown_pct(self) -> float:
        return self.drawdown.depth_pct

    def to_dict(self) -> dict[str, object]:
        """The backtest command's STATS keys, then the drawdown's dates and the counts."""
        d = self.drawdown
        return {
            "cagr_pct": _r(self.cagr_pct), "vol_pct": _r(self.vol_pct), "sharpe": _r(self.sharpe),
            "max_drawdown_pct": _r(d.depth_pct),
            "active_return_pct": _r(self.active_return_pct),
            "tracking_error_pct": _r(self.tracking_error_pct),
            "information_ratio": _r(self.information_ratio), "t_stat": _r(self.t_stat),
            "turnover_pct_per_year": _r(self.turnover_pct_per_year),
            "cost_pct_per_year": _r(self.cost_pct_per_year),
            "hit_rate_pct": _r(self.hit_rate_pct), "years_to_tell": _r(self.years_to_tell),
            "max_drawdown_peak": _day(d.peak), "max_drawdown_trough": _day(d.trough),
            "max_drawdown_recovery": _day(d.recovery),
            "years": _r(self.years), "months": self.months,
        }  # fmt: skip


def portfolio_stats(
    values: pd.Series,
    model: pd.Series,
    cash: pd.Series,
    traded: pd.Series,
    costs: pd.Series,
    *,
    active: bool = True,
) -> Stats:
    """Stats of daily `values` (any start level) against the `model`'s daily values.

    cash: daily cash return (decimal) on the same days; traded and costs: per trade (decimal).
    active False: the active figures are None (the model against itself).
    """
    years = max((values.index[-1] - values.index[0]).days / 365.25, 1e-9)
    daily = values.pct_change().iloc[1:]
    excess = daily - cash.reindex(daily.index).fillna(0.0)
    monthly = _monthly(values)
    figures = _active(monthly - _monthly(model)) if active else (None,) * 6
    return Stats(
        cagr_pct=100 * ((values.iloc[-1] / values.iloc[0]) ** (1 / years) - 1),
        vol_pct=100 * _std(daily) * math.sqrt(TRADING_DAYS),
        sharpe=_ratio(excess.mean(), _std(excess)) * math.sqrt(TRADING_DAYS),
        drawdown=max_drawdown(values),
        active_return_pct=figures[0], tracking_error_pct=figures[1],
        information_ratio=figures[2], t_stat=figures[3], hit_rate_pct=figures[4],
        years_to_tell=figures[5],
        turnover_pct_per_year=100 * float(traded.sum()) / years,
        cost_pct_per_year=100 * float(costs.sum()) / years,
        years=years, months=len(monthly),
    )  # fmt: skip


def max_drawdown(values: pd.Series) -> Drawdown:
    """The deepest peak-to-trough fall of `values` (percent), with its dates."""
    if len(values) < 2:
        return Drawdown(0.0, None, None, None)
    fall = values / values.cummax() - 1.0
    trough = fall.idxmin()
    if fall.loc[trough] >= 0:
        return Drawdown(0.0, None, None, None)
    peak = values.loc[:trough].idxmax()
    after = values.loc[trough:]
    regained = after[after >= values.loc[peak]]
    recovery = regained.index[0] if len(regained) else None
    return Drawdown(100 * float(fall.loc[trough]), peak, trough, recovery)


def years_to_tell(information_ratio: float) -> float | None:
    """Years a true IR of this size needs for t = IR x sqrt(years) to reach T_TO_TELL."""
    if not math.isfinite(information_ratio) or information_ratio == 0:
        return None
    return (T_TO_TELL / information_ratio) ** 2


def monthly_active(values: pd.Series, model: pd.Series) -> pd.Series:
    """(n_months,) portfolio minus model return per calendar month (decimal)."""
    return _monthly(values) - _monthly(model)


def _monthly(values: pd.Series) -> pd.Series:
    """Returns per calendar month: the first month from the first value (left out when that
    value is the month's only one: nothing was earned in it), then month-end to month-end, the
    last month to the last value."""
    months = values.index.to_period("M")
    ends = values.groupby(months).last()
    if (months == months[0]).sum() == 1:
        return ends.pct_change().iloc[1:]
    start = pd.Series([values.iloc[0]], index=[ends.index[0] - 1])
    return pd.concat([start, ends]).pct_change().iloc[1:]


def _active(active: pd.Series) -> tuple[float | None, ...]:
    n = len(active)
    if n < 2:
        return (None,) * 6
    mean, sd = float(active.mean()), _std(active)
    ir = _ratio(mean * MONTHS, sd * math.sqrt(MONTHS))
    t = _ratio(mean, sd / math.sqrt(n))
    hits = 100.0 * float((active > 0).mean())
    return 100 * mean * MONTHS, 100 * sd * math.sqrt(MONTHS), ir, t, hits, years_to_tell(ir)


def _std(series: pd.Series) -> float:
    return float(np.std(series.to_numpy(), ddof=1)) if len(series) > 1 else math.nan


def _ratio(top: float, bottom: float) -> float:
    return top / bottom if bottom and math.isfinite(bottom) and bottom > 0 else math.nan


def _r(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), 4)


def _day(value: pd.Timestamp | None) -> str | None:
    return None if value is None else f"{value:%Y-%m-%d}"
