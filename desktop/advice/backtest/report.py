"""A backtest's result as the table, the JSON and the charts show it.

    report = backtest_report(result)     # stats per portfolio, whole run and sub-periods
    charts = backtest_charts(result)     # growth of 1, drawdowns, rolling active, weights ...

Sub-periods are the evidence's fixed calendar blocks
(`desktop.advice.evidence.records.SUB_PERIODS`),
cut to the run; the research notes' own period (from IN_SAMPLE_FROM) is in-sample and marked.
Contribution per theme: each theme's position in its trade times what the trade earned, summed
over the run and annualised (percent a year); "other" is the part of the active return no theme
trade explains (drift and interactions at limits). Costs are not in the contributions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from desktop.advice.backtest.performance import Stats, monthly_active, portfolio_stats
from desktop.advice.backtest.walk_forward import PORTFOLIOS, BacktestResult
from desktop.advice.evidence.records import IN_SAMPLE_FROM, SUB_PERIODS

ROLLING_MONTHS = 36
"""The rolling window of the active-return chart: three years of months."""


@dataclass(frozen=True, slots=True)
class PeriodStats:
    """Stats of every portfolio within one sub-period; in_sample: the notes' own period."""

    label: str
    start: pd.Timestamp
    end: pd.Timestamp
    in_sample: bool
    stats: Mapping[str, Stats]


@dataclass(frozen=True, slots=True, eq=False)
class BacktestReport:
    """whole: portfolio -> Stats over the run; periods: the sub-periods the run covers;
    contributions_pct_per_year: theme (and "other") -> annualised part of the active return."""

    result: BacktestResult
    whole: Mapping[str, Stats]
    periods: tuple[PeriodStats, ...]
    contributions_pct_per_year: Mapping[str, float]

    def to_dict(self) -> dict[str, object]:
        """The backtest command's JSON (keys fixed by issue 11, then the detail)."""
        result, spec = self.result, self.result.spec
        knobs = result.knobs
        return {
            "from": f"{result.values.index[0]:%Y-%m-%d}",
            "to": f"{result.values.index[-1]:%Y-%m-%d}",
            "rebalances": len(result.rebalances),
            "calibration": spec.calibration,
            "rebalance": spec.rebalance,
            "cost_bps": spec.cost_bps,
            "knobs": {
                "risk_aversion": knobs.risk_aversion,
                "te_cap_pct": knobs.te_cap_pct,
                "turnover_penalty": knobs.turnover_penalty,
                "max_active_pct": knobs.max_active_pct,
            },
            "portfolios": {name: s.to_dict() for name, s in self.whole.items()},
            "in_sample_from": f"{IN_SAMPLE_FROM:%Y-%m-%d}",
            "periods": [_period_dict(p) for p in self.periods],
            "contributions_pct_per_year": {
                k: round(v, 4) for k, v in self.contributions_pct_per_year.items()
            },
            "calibrated_ics": _calibration_dict(result),
            "notes": list(result.notes),
        }


@dataclass(frozen=True, slots=True, eq=False)
class BacktestCharts:
    """What the Backtest tab draws, all indexed by date.

    growth: (n_days, 3) value of 1 invested (plot on a log axis). drawdowns: (n_days, 3) fall
    from the running peak, percent (<= 0). rolling_active: (n_months, 2) advisor and equal
    weight minus model, annualised percent over the last ROLLING_MONTHS months (NaN before).
    weights: (n_rebalances, n_assets) the advisor's target weights, percent.
    contributions: (n_trades, n_themes + 1) cumulative contribution per theme, percent.
    """

    growth: pd.DataFrame
    drawdowns: pd.DataFrame
    rolling_active: pd.DataFrame
    weights: pd.DataFrame
    contributions: pd.DataFrame


def backtest_report(result: BacktestResult) -> BacktestReport:
    """Stats of every portfolio over the whole run and each sub-period it covers."""
    values = result.values
    whole = _stats(result, values.index[0], values.index[-1])
    periods = []
    for label, lo, hi in SUB_PERIODS:
        start = max(values.index[0], pd.Timestamp(lo)) if lo else values.index[0]
        end = min(values.index[-1], pd.Timestamp(hi)) if hi else values.index[-1]
        inside = values.index[(values.index >= start) & (values.index <= end)]
        if len(inside) > 20:  # a month of trading days at least
            in_sample = lo is not None and pd.Timestamp(lo) >= IN_SAMPLE_FROM
            periods.append(
                PeriodStats(
                    label, inside[0], inside[-1], in_sample, _stats(result, *inside[[0, -1]])
                )
            )
    years = max((values.index[-1] - values.index[0]).days / 365.25, 1e-9)
    parts = (100 * result.contributions.sum() / years).to_dict()
    return BacktestReport(result, MappingProxyType(whole), tuple(periods), MappingProxyType(parts))


def backtest_charts(result: BacktestResult) -> BacktestCharts:
    """The chart series of `result` (see BacktestCharts)."""
    return charts_of(result.values, result.targets["advisor"], result.contributions)


def charts_of(
    values: pd.DataFrame, advisor_weights: pd.DataFrame, contributions: pd.DataFrame | None
) -> BacktestCharts:
    """The chart series from a run's parts: daily `values` of PORTFOLIOS, the advisor's target
    weights (decimal) and the contributions per trade (None, as for a saved run: empty)."""
    growth = values / values.iloc[0]
    model = values["model"]
    rolling = pd.DataFrame(
        {
            name: 100
            * 12
            * monthly_active(values[name], model)
            .rolling(ROLLING_MONTHS, min_periods=ROLLING_MONTHS)
            .mean()
            for name in ("advisor", "equal_weight")
        }
    )
    parts = pd.DataFrame() if contributions is None else 100 * contributions.cumsum()
    return BacktestCharts(
        growth=growth,
        drawdowns=100 * (values / values.cummax() - 1.0),
        rolling_active=rolling,
        weights=100 * advisor_weights,
        contributions=parts,
    )


def _stats(result: BacktestResult, start: pd.Timestamp, end: pd.Timestamp) -> dict[str, Stats]:
    values = result.values.loc[start:end]
    trades, costs = result.trades.loc[start:end], result.costs.loc[start:end]
    cash = result.cash.loc[start:end]
    return {
        name: portfolio_stats(
            values[name], values["model"], cash, trades[name], costs[name], active=name != "model"
        )
        for name in PORTFOLIOS
    }


def _period_dict(period: PeriodStats) -> dict[str, object]:
    return {
        "period": period.label,
        "from": f"{period.start:%Y-%m-%d}",
        "to": f"{period.end:%Y-%m-%d}",
        "in_sample": period.in_sample,
        "portfolios": {name: s.to_dict() for name, s in period.stats.items()},
    }


def _calibration_dict(result: BacktestResult) -> dict[str, dict[str, object]] | None:
    """The last rebalance's calibration per theme (monthly ICs), or None as written."""
    if not result.calibrations:
        return None
    last = result.calibrations[-1]
    return {
        theme: {
            "as_of": f"{last.as_of:%Y-%m-%d}",
            "prior_ic": round(c.prior_ic, 4),
            "measured_ic": round(c.measured_ic, 4) if c.measured_ic == c.measured_ic else None,
            "months": c.months,
            "effective_ic": round(c.effective_ic, 4),
            "view_spread": round(c.spread, 4),
        }
        for theme, c in last.themes.items()
    }
