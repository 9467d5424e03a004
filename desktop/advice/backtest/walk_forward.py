"""Walk-forward backtest of the app's own advice against the model portfolio and equal weight.

    result = run_backtest(advisor, inputs, BacktestSpec(rebalance="monthly", cost_bps=10))
    report = performance.report(result)             # CAGR, Sharpe, drawdown, IR with its t ...

At each rebalance date d (the last trading day of each month or week):
1. the views are the theme views the signals gave at d's close: a row of the vectorised
   histories, equal to the readings `allocate --as-of d` computes
   (`desktop.advice.evidence.histories`);
   in walk-forward calibration, the views and the tilt table's ICs are calibrated from the
   evidence known at d (`desktop.advice.backtest.calibration`);
2. the risk model is the one `Advisor.snapshot` builds at d (`Advisor.market_at`), and the
   weights come from the same `Advisor.advise` (compiled problem, re-solved, `explain=False`)
   with the same `knobs.to_settings`, the turnover penalty measured from the drifted holdings
   at d's close (`w_prev`), as for a user who holds the portfolio;
3. the trade happens EXECUTION_LAG_DAYS trading day later, at that close (the advice needs d's
   close, so it cannot be traded at it), paying the cost on the traded weight (`ledger`).
The model portfolio and equal weight are rebalanced on the same days at the same cost; all three
start at d0's close holding the model's weights (the advisor's first tilt pays its cost).

Units: weights and returns decimals; values start at 1.0. Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from desktop.advice.advisor import COVARIANCE_YEARS, Advisor, MarketSnapshot
from desktop.advice.backtest.calibration import PRIOR_MONTHS, Calibration
from desktop.advice.backtest.ledger import Ledger
from desktop.advice.backtest.setup import (
    BacktestError,
    Schedule,
    cash_returns,
    schedule,
    walk_forward,
)
from desktop.advice.backtest.sizing import cost_aware_knobs
from desktop.advice.evidence.histories import Histories, histories
from desktop.advice.evidence.trade_returns import trade_legs
from desktop.advice.knobs import Knobs, to_settings
from desktop.advice.tables.tilts import ThemeView
from signals import SignalInputs

REBALANCES = ("monthly", "weekly")
CALIBRATIONS = ("none", "walk-forward")
PORTFOLIOS = ("advisor", "model", "equal_weight")
EXECUTION_LAG_DAYS = 1
"""Trading days between the advice (at a close) and its trade (at a later close)."""

Progress = Callable[[int, int], object]
"""progress(done, total) after each rebalance; returning False cancels the run."""


class BacktestCancelled(Exception):
    """The progress callback asked to stop; nothing of the run is kept."""


@dataclass(frozen=True, slots=True)
class BacktestSpec:
    """What to backtest. Dates None: from the first day every held asset has a price / to the
    data's end. cost_bps: cost per unit of traded weight, in basis points. knobs None: the app's
    knobs with the turnover penalty from the cost
    (`desktop.advice.backtest.sizing.cost_aware_knobs`)."""

    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    rebalance: str = "monthly"
    cost_bps: float = 10.0
    calibration: str = "none"
    knobs: Knobs | None = None
    prior_months: float = PRIOR_MONTHS

    def __post_init__(self) -> None:
        if self.rebalance not in REBALANCES:
            raise BacktestError(f"rebalance must be one of {', '.join(REBALANCES)}")
        if self.calibration not in CALIBRATIONS:
            raise BacktestError(f"calibration must be one of {', '.join(CALIBRATIONS)}")
        if not (np.isfinite(self.cost_bps) and self.cost_bps >= 0):
            raise BacktestError(f"the cost must be basis points >= 0, got {self.cost_bps!r}")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise BacktestError(
                f"the start {self.start:%Y-%m-%d} is after the end {self.end:%Y-%m-%d}"
            )

    def resolved_knobs(self) -> Knobs:
        return self.knobs if self.knobs is not None else cost_aware_knobs(self.cost_bps)


@dataclass(frozen=True, slots=True, eq=False)
class BacktestResult:
    """A finished run. Frames are indexed by date; weights are decimals.

    values: (n_days, 3) value of each of PORTFOLIOS, 1.0 at the first rebalance's close.
    targets: portfolio -> (n_rebalances, n_assets) the weights chosen at each advice date.
    trades: (n_trades, 3) traded weight sum(|target - drifted|); costs: same, as a fraction of
        value; both indexed by trade date. views: (n_rebalances, n_themes) views used.
    ics: (n_rebalances, n_themes) IC per unit of view the tilt table used.
    calibrations: one per rebalance in walk-forward mode, else ().
    expected_active: (n_rebalances,) ex-ante annualised expected active return.
    contributions: (n_trades, n_themes + 1) each theme's part of the active return over the
        holding period after each trade, and "other" (what no theme trade explains).
    cash: (n_days,) daily cash return for Sharpe ratios (decimal).
    """

    spec: BacktestSpec
    knobs: Knobs
    values: pd.DataFrame
    targets: dict[str, pd.DataFrame]
    trades: pd.DataFrame
    costs: pd.DataFrame
    views: pd.DataFrame
    ics: pd.DataFrame
    calibrations: tuple[Calibration, ...]
    expected_active: pd.Series
    contributions: pd.DataFrame
    cash: pd.Series
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "targets", MappingProxyType(dict(self.targets)))

    @property
    def rebalances(self) -> pd.DatetimeIndex:
        return pd.DatetimeIndex(self.views.index)


def run_backtest(
    advisor: Advisor,
    inputs: SignalInputs,
    spec: BacktestSpec,
    *,
    history: Histories | None = None,
    progress: Progress | None = None,
) -> BacktestResult:
    """Walk forward through `spec`'s dates (module docstring); BacktestError on bad dates."""
    history = history or histories(
        inputs, advisor.registry, advisor.table, advisor.universe.theme_names
    )
    plan = schedule(
        inputs.prices, advisor.tickers, spec.rebalance, spec.start, spec.end, EXECUTION_LAG_DAYS
    )
    walk = None
    if spec.calibration == "walk-forward":
        legs = trade_legs(advisor.universe)
        walk = walk_forward(inputs.prices, history, legs, advisor.table, spec.prior_months)
    loop = _Loop(advisor, inputs, spec, plan, history, walk)
    return loop.run(progress)


@dataclass(frozen=True, slots=True, eq=False)
class _Choice:
    """What one rebalance chose: target weights (n,), views and ICs used per theme, the ex-ante
    expected active return (annualised decimal) and the calibration (None as written)."""

    weights: np.ndarray
    views: dict[str, float]
    ics: dict[str, float]
    gain: float
    calibration: Calibration | None


class _Loop:
    """The rebalance loop's state: the ledger, and what each rebalance chose."""

    def __init__(self, advisor, inputs, spec, plan: Schedule, history, walk) -> None:
        self.advisor, self.spec, self.plan, self.walk = advisor, spec, plan, walk
        self.knobs = spec.resolved_knobs()
        n = len(advisor.tickers)
        self.model = advisor.universe.model_weights().to_numpy()
        self.equal = np.full(n, 1.0 / n)
        self.ledger = Ledger(plan.returns(), np.vstack([self.model] * 3))
        self.prices = inputs.prices
        self.held = inputs.prices.reindex(columns=list(advisor.tickers))
        starts = plan.rebalances - pd.DateOffset(years=COVARIANCE_YEARS, days=7)
        self.windows = np.column_stack(
            [  # rows of `held` each date's risk model reads
                self.held.index.searchsorted(starts),
                self.held.index.searchsorted(plan.rebalances, side="right"),
            ]
        )
        views = history.views.reindex(plan.rebalances)
        self.themes, self.views = list(views.columns), views.to_numpy()
        self.chosen: list[_Choice] = []

    def run(self, progress: Progress | None) -> BacktestResult:
        trades, costs = [], []
        total = len(self.plan.rebalances)
        for k, (date, day) in enumerate(zip(self.plan.rebalances, self.plan.at, strict=True)):
            self.ledger.advance(int(day))
            raw = dict(zip(self.themes, self.views[k].tolist(), strict=True))
            window = self.held.iloc[slice(*self.windows[k])]
            self.chosen.append(self._advise(date, raw, window, self.ledger.weights()[0]))
            if k < len(self.plan.executions):
                self.ledger.advance(int(self.plan.executions[k]))
                targets = np.vstack([self.chosen[-1].weights, self.model, self.equal])
                traded, cost = self.ledger.trade(targets, self.spec.cost_bps / 10_000)
                trades.append(traded)
                costs.append(cost)
            if progress is not None and progress(k + 1, total) is False:
                raise BacktestCancelled(f"cancelled after {k + 1} of {total} rebalances")
        self.ledger.advance(len(self.plan.days) - 1)
        return self._result(np.array(trades).reshape(-1, 3), np.array(costs).reshape(-1, 3))

    def _advise(
        self, date: pd.Timestamp, raw: dict[str, float], window: pd.DataFrame, w_prev: np.ndarray
    ) -> _Choice:
        """The advice at `date` from the signals' `raw` views and the drifted weights `w_prev`.

        window: the held closes the risk model at `date` reads (and a few rows more)."""
        cal = self.walk.at(date) if self.walk is not None else None
        views = cal.views(raw) if cal else raw
        table = cal.table(self.advisor.table) if cal else self.advisor.table
        market, exposures = self.advisor.market_at(window, date)
        themes = {t: ThemeView(t, v) for t, v in views.items()}
        snap = MarketSnapshot(date, (), themes, market, exposures, pd.Series(dtype=float))
        settings = to_settings(self.knobs, w_prev)
        advice = self.advisor.advise(
            snap, dict(self.knobs.overrides), settings, explain=False, table=table
        )
        return _Choice(
            np.asarray(advice.allocation.weights),
            dict(advice.views),
            {t: table.rule(t).ic for t in views},
            advice.allocation.expected_active_return,
            cal,
        )

    def _result(self, trades: np.ndarray, costs: np.ndarray) -> BacktestResult:
        plan, tickers = self.plan, list(self.advisor.tickers)
        dates = plan.rebalances
        weights = np.array([c.weights for c in self.chosen])
        executed = plan.days[plan.executions]
        cash, cash_note = cash_returns(self.prices, plan.days)
        targets = {
            "advisor": pd.DataFrame(weights, index=dates, columns=tickers),
            "model": pd.DataFrame(np.tile(self.model, (len(dates), 1)), dates, tickers),
            "equal_weight": pd.DataFrame(np.tile(self.equal, (len(dates), 1)), dates, tickers),
        }
        return BacktestResult(
            spec=self.spec,
            knobs=self.knobs,
            values=pd.DataFrame(self.ledger.values, index=plan.days, columns=list(PORTFOLIOS)),
            targets=targets,
            trades=pd.DataFrame(trades, index=executed, columns=list(PORTFOLIOS)),
            costs=pd.DataFrame(costs, index=executed, columns=list(PORTFOLIOS)),
            views=pd.DataFrame([c.views for c in self.chosen], index=dates),
            ics=pd.DataFrame([c.ics for c in self.chosen], index=dates),
            calibrations=tuple(c.calibration for c in self.chosen if c.calibration),
            expected_active=pd.Series([c.gain for c in self.chosen], index=dates),
            contributions=self._contributions(weights[: len(executed)]),
            cash=cash,
            notes=(cash_note,),
        )

    def _contributions(self, weights: np.ndarray) -> pd.DataFrame:
        """Each theme's position (least squares of the active weights on the theme trades)
        times what its trade earned over the holding period after each trade; the rest of the
        active return is "other"."""
        plan, trades = self.plan, self.advisor.trades
        bounds = [*plan.executions.tolist(), len(plan.days) - 1]
        active = weights - self.model  # (n_trades, n_assets)
        P = trades.to_numpy()  # (n_themes, n_assets)
        positions = np.linalg.lstsq(P.T, active.T, rcond=None)[0].T  # (n_trades, n_themes)
        rows = []
        for k, position in enumerate(positions):
            growth = self.ledger.asset_growth(bounds[k], bounds[k + 1])
            themes = position * (P @ growth)
            rows.append([*themes, float((active[k] - position @ P) @ growth)])
        index = plan.days[plan.executions]
        return pd.DataFrame(rows, index=index, columns=[*trades.index, "other"])
