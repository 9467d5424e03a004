"""Where readings, views, alpha, risk, settings and the compiled problem meet (no Qt).

Two steps with different costs; `desktop.engine.pipeline` assembles it with the user's files for
the window, every command and the backtest:

    advisor = Advisor(universe, table)                  # the problem is compiled once here
    snap = advisor.snapshot(inputs, as_of)              # readings + covariance: once per data/as-of
    advice = advisor.advise(snap, overrides, settings)  # views -> alpha -> solve -> reasons
    plan = advisor.plan(advice, portfolio_value=100_000)

`snapshot` is cached on (inputs object, as-of), so a slider move only re-solves: about 1 ms for
the weights (`explain=False`) and about 60 ms with the reasons, whose Shapley split re-solves the
same compiled problem once per subset of themes (measured on the default universe, 2 cores).
Alpha per theme follows each asset's volatility (see `desktop.advice.theme_alpha`). An `Advisor`
owns one `TiltProblem` and is not thread-safe: keep it on one worker thread.
Units: alpha and expected returns are annualised decimals; weights decimals summing to 1.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from allocator import (
    Allocation,
    AllocatorError,
    Attribution,
    MarketInputs,
    Settings,
    Source,
    TiltProblem,
    TradePlan,
    attribute,
    plan_trades,
    shrunk_covariance,
)
from desktop.advice import caveats, reasons, theme_alpha
from desktop.advice.as_of import resolve_as_of
from desktop.advice.tables import tilts
from desktop.advice.tables.tilts import ThemeView, TiltTable
from desktop.advice.tables.universe import Universe
from signals import Reading, SignalInputs
from signals.spec import SignalSpec

SHAPLEY_MAX_THEMES = 6
"""Up to this many themes with a view, each weight is split by exact Shapley values (2^k
re-solves, about 1 ms each); beyond it, by leave-one-theme-out (k + 1 re-solves)."""
COVARIANCE_YEARS = 2
"""Trailing window of daily returns behind the risk model: long enough for a stable estimate,
short enough to reflect today's correlations (shrinkage handles the estimation noise)."""
_FILL_LIMIT = 5  # a held ticker's missing print is carried for at most a week of sessions


@dataclass(frozen=True, slots=True, eq=False)
class MarketSnapshot:
    """Everything that depends on the data and the as-of date only (not on views or knobs).

    readings: one per registered signal, computed from data up to `as_of`.
    signal_views: theme -> view the signals give it, before any hand-set override.
    market: the allocator's inputs (held tickers, model weights, annualised covariance).
    exposures: (n_themes, n) alpha per unit of view and IC, from the covariance
        (`theme_alpha.trade_exposures`), so a slider move only rescales it.
    last_prices: last close at or before as-of of every ticker in the data and every held one
        (NaN when a held ticker has none), by ticker.
    """

    as_of: pd.Timestamp
    readings: tuple[Reading, ...]
    signal_views: Mapping[str, ThemeView]
    market: MarketInputs
    exposures: pd.DataFrame
    last_prices: pd.Series
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class Advice:
    """One suggestion: views used, alpha, the allocation and why each weight moved.

    views: theme -> view in [-1, 1] actually used (signals, or the hand-set value).
    alpha: (n,) annualised decimal expected active return per unit of active weight, by ticker.
    theme_alphas: (n_themes, n) the part of alpha each theme contributes.
    attribution: each theme's share of the active weights (None when unavailable or not asked).
    reasons: ticker -> one sentence, e.g. "IWM +4.1 pts: small caps +3.6 (breakout, ...)".
    """

    snapshot: MarketSnapshot
    views: Mapping[str, float]
    overridden: frozenset[str]
    settings: Settings
    alpha: pd.Series
    theme_alphas: pd.DataFrame
    allocation: Allocation
    attribution: Attribution | None
    reasons: Mapping[str, str]
    notes: tuple[str, ...] = ()
    neutral: bool = False


class Advisor:
    """Turns market snapshots and the user's views and knobs into advice for one universe."""

    def __init__(
        self,
        universe: Universe,
        table: TiltTable,
        *,
        registry: Sequence[SignalSpec] | None = None,
    ) -> None:
        self.universe = universe
        self.table = table
        self.registry = default_registry() if registry is None else tuple(registry)
        self.tickers = universe.held_tickers
        names = universe.theme_names
        self.trades = theme_alpha.theme_trades(
            self.tickers,
            buys={t: universe.theme_buys(t) for t in names},
            funded_by={t: universe.theme_funds(t) for t in names},
        )
        self.problem = TiltProblem(self.tickers, [a.asset_class for a in universe.assets])
        self._cached: tuple[SignalInputs, pd.Timestamp, MarketSnapshot] | None = None

    def snapshot(self, inputs: SignalInputs, as_of: object = None) -> MarketSnapshot:
        """Readings, signal views and risk model at `as_of` (default: the data's last date)."""
        when = resolve_as_of(inputs, as_of)
        if self._cached and self._cached[0] is inputs and self._cached[1] == when:
            return self._cached[2]
        upto = inputs.upto(when)
        readings = compute_readings(upto, self.registry)
        views = tilts.signal_views(readings, self.table, self.universe.theme_names)
        prices = _held_prices(upto.prices, self.tickers)
        market, exposures = self.market_at(prices, when)
        notes = caveats.data_notes(prices, readings, when)
        last = upto.prices.ffill().iloc[-1].reindex(upto.prices.columns.union(self.tickers))
        snap = MarketSnapshot(when, readings, views, market, exposures, last, notes)
        self._cached = (inputs, when, snap)
        return snap

    def market_at(
        self, prices: pd.DataFrame, when: pd.Timestamp
    ) -> tuple[MarketInputs, pd.DataFrame]:
        """The risk model `snapshot` builds at `when`: the allocator's inputs (covariance of the
        COVARIANCE_YEARS of daily returns up to `when`) and the theme exposures. `prices`: closes
        with any columns (the held tickers are taken) and any rows (only the window is read);
        the backtest calls it with the whole history at every rebalance date."""
        window = _held_prices(prices, self.tickers)
        covariance = shrunk_covariance(_trailing_returns(window, when))
        market = MarketInputs(
            self.tickers,
            self.problem.asset_classes,
            self.universe.model_weights().to_numpy(),
            covariance.to_numpy(),
        )
        return market, theme_alpha.trade_exposures(self.trades, market.covariance)

    def advise(
        self,
        snap: MarketSnapshot,
        overrides: Mapping[str, float] | None = None,
        settings: Settings | None = None,
        *,
        neutral: bool = False,
        explain: bool = True,
        table: TiltTable | None = None,
    ) -> Advice:
        """Solve for the views (signals, hand-set `overrides` winning) and explain the answer.

        neutral: every view 0 and turnover measured from the model, which gives back the model.
        explain: split each weight across the themes (see SHAPLEY_MAX_THEMES for the cost);
            False gives reasons with the points only, for a quick preview.
        table: the tilt table whose ICs size the views (default: the advisor's own); the
            walk-forward calibration passes the one calibrated at the snapshot's date.
        The universe's asset bounds (min_weight, max_weight) hold unless `settings` bounds
        the same ticker.
        """
        settings = Settings() if settings is None else settings
        if bounds := self.universe.asset_bounds():  # the universe's, unless settings set them
            bounds.update(settings.asset_bounds)
            settings = dataclasses.replace(settings, asset_bounds=bounds)
        names = self.universe.theme_names
        overrides = tilts.check_overrides(overrides or {}, names)
        if neutral:
            views = dict.fromkeys(names, 0.0)
            overrides = {}
            settings = dataclasses.replace(settings, w_prev=None)
        else:
            views = {t: overrides.get(t, snap.signal_views[t].view) for t in names}
        by_theme = theme_alpha.theme_alphas(views, table or self.table, snap.exposures)
        alpha = by_theme.sum(axis=0)
        allocation = self.problem.solve(snap.market, settings, alpha.to_numpy())
        attribution: Attribution | None = None
        why_not: tuple[str, ...] = ()
        if explain:
            attribution, why_not = self._attribute(allocation, by_theme, snap.market, settings)
        labels = {t.name: t.label for t in self.universe.themes}
        sentences = reasons.asset_reasons(
            allocation, attribution, labels, snap.signal_views, snap.readings, overrides,
            settings.max_active, settings.max_te,
        )  # fmt: skip
        notes = (*snap.notes, *caveats.allocation_notes(allocation), *why_not)
        return Advice(
            snap, views, frozenset(overrides), settings, alpha, by_theme, allocation,
            attribution, sentences, notes, neutral,
        )  # fmt: skip

    def plan(
        self,
        advice: Advice,
        *,
        portfolio_value: float | None = None,
        holdings: Mapping[str, float] | None = None,
    ) -> TradePlan:
        """Whole-share trades to reach the suggested weights at the snapshot's last prices."""
        prices = advice.snapshot.last_prices.to_dict()
        return plan_trades(
            self.tickers,
            advice.allocation.weights,
            prices,
            portfolio_value=portfolio_value,
            holdings=holdings,
        )

    def _attribute(
        self,
        allocation: Allocation,
        by_theme: pd.DataFrame,
        market: MarketInputs,
        settings: Settings,
    ) -> tuple[Attribution | None, tuple[str, ...]]:
        """Each theme's share of the weights over the themes with a non-zero alpha, or a note."""
        if allocation.source in (Source.LAST_GOOD, Source.MODEL):
            return None, ()
        active = {t: row.to_numpy() for t, row in by_theme.iterrows() if row.abs().sum() > 0}
        method = "shapley" if len(active) <= SHAPLEY_MAX_THEMES else "leave_one_out"
        try:
            return attribute(self.problem, active, market, settings, method=method), ()
        except AllocatorError as exc:
            return None, (f"could not explain the weights by theme: {exc}",)


def current_weights(holdings: Mapping[str, float], snap: MarketSnapshot) -> list[float]:
    """(n,) decimal weights of `holdings` (ticker -> shares) by value at the snapshot's prices,
    in `snap.market.tickers` order; unpriced ones count for nothing. ValueError if none has value.
    """
    prices = snap.last_prices
    values = {t: shares * float(prices.get(t, float("nan"))) for t, shares in holdings.items()}
    priced = {t: v for t, v in values.items() if math.isfinite(v)}
    total = sum(priced.values())
    if total <= 0:
        raise ValueError("the holdings have no market value at the as-of prices: check them")
    return [priced.get(t, 0.0) / total for t in snap.market.tickers]


def compute_readings(
    inputs: SignalInputs, registry: Sequence[SignalSpec] | None = None
) -> tuple[Reading, ...]:
    """Every registered signal's reading at `inputs.as_of`, in registry (display) order."""
    specs = default_registry() if registry is None else registry
    return tuple(spec.reading(inputs) for spec in specs)


def default_registry() -> tuple[SignalSpec, ...]:
    from signals import REGISTRY

    return tuple(REGISTRY)


def _held_prices(prices: pd.DataFrame, tickers: Sequence[str]) -> pd.DataFrame:
    """(n_days, n) closes of the held tickers; a ticker without data is an all-NaN column."""
    if tuple(prices.columns) == tuple(tickers):
        return prices  # already the held closes (the backtest's windows): nothing to copy
    return prices.reindex(columns=list(tickers))


def _trailing_returns(prices: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Daily simple returns over the COVARIANCE_YEARS before `as_of` (decimal), each close
    carried forward at most _FILL_LIMIT rows within the window; NaN where none is left.

    NumPy rather than pandas' ffill and pct_change (the same arithmetic, bit for bit): the
    backtest builds a risk model at every rebalance date."""
    index = prices.index
    first = index.searchsorted(as_of - pd.DateOffset(years=COVARIANCE_YEARS))
    last = index.searchsorted(as_of, side="right")
    closes = prices.to_numpy(dtype=float)[first:last]
    rows = np.arange(len(closes))[:, None]
    seen = np.maximum.accumulate(np.where(np.isnan(closes), -1, rows), axis=0)
    carried = closes[seen.clip(min=0), np.arange(closes.shape[1])]
    filled = np.where((seen >= 0) & (rows - seen <= _FILL_LIMIT), carried, np.nan)
    returns = filled[1:] / filled[:-1] - 1.0
    return pd.DataFrame(returns, index=index[first + 1 : last], columns=prices.columns)
