"""The allocation table: one row per held asset with its model, suggested and active weight.

Pure: built from a suggestion (`table_from_advice`) and shown on screen after every solve; the
data wing writes it as CSV (`desktop.data.exports.allocation_csv`) for the `allocate` command, File
>
Export and the clipboard. Weights are in percent, 2 decimals; model and suggested each sum to
exactly 100.00 by largest-remainder rounding, active is suggested - model of the rounded values.
With a portfolio value or holdings each row also carries a `Position` (price and value in USD,
whole target shares, shares to trade: buy > 0, sell < 0).

`header` and `cash` are the (key, value) pairs that record how the table was made (as-of,
source, the data's age, views, settings; money invested and left over); the CSV writer puts
them in a settings file beside the CSV, so the CSV itself starts with its header row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from allocator import TradePlan
    from desktop.advice.advisor import Advice
    from desktop.advice.tables.universe import Universe

WEIGHT_COLUMNS = ("ticker", "name", "model_weight", "suggested_weight", "active_weight", "reason")
TRADE_COLUMNS = ("price", "value", "shares", "trade_shares")


@dataclass(frozen=True, slots=True)
class Position:
    """A held asset's target position: price and value in USD, shares whole."""

    price: float
    value: float
    shares: int
    trade_shares: float  # whole unless the current holding is fractional


@dataclass(frozen=True, slots=True)
class AllocationRow:
    """One held asset. Weights in percent, rounded to 0.01 (see module docstring)."""

    ticker: str
    name: str
    model_weight: float
    suggested_weight: float
    active_weight: float
    reason: str
    position: Position | None = None


@dataclass(frozen=True, slots=True)
class AllocationTable:
    """Rows plus the (key, value) pairs that record how they were made.

    header: ordered pairs: as-of, source, the data's age, views, settings, results.
    cash: ordered pairs on the money invested and left over, or () when no trades were planned.
    """

    rows: tuple[AllocationRow, ...]
    header: tuple[tuple[str, str], ...]
    cash: tuple[tuple[str, str], ...] = ()

    @property
    def has_positions(self) -> bool:
        return any(row.position is not None for row in self.rows)

    @property
    def columns(self) -> tuple[str, ...]:
        return WEIGHT_COLUMNS + (TRADE_COLUMNS if self.has_positions else ())


def percent_hundredths(weights: Sequence[float] | np.ndarray) -> np.ndarray:
    """Weights (decimals summing to about 1) as integer hundredths of a percent summing to 10000.

    Largest remainder: floor every weight, then give the missing hundredths to the largest
    fractional parts. Negative dust from the solver is clipped to 0 first.
    """
    w = np.clip(np.asarray(weights, dtype=float), 0.0, None)
    total = w.sum()
    if not np.isfinite(total) or total <= 0:
        raise ValueError("weights must be finite with a positive sum")
    units = np.round(w / total * 10_000, 6)  # drop float noise before flooring
    floors = np.floor(units).astype(np.int64)
    short = int(10_000 - floors.sum())
    order = np.argsort(-(units - floors), kind="stable")
    floors[order[:short]] += 1
    return floors


def allocation_table(
    assets: Sequence[tuple[str, str]],
    model: Sequence[float] | np.ndarray,
    suggested: Sequence[float] | np.ndarray,
    reasons: Mapping[str, str],
    *,
    header: Sequence[tuple[str, str]],
    positions: Mapping[str, Position] | None = None,
    cash: Sequence[tuple[str, str]] = (),
) -> AllocationTable:
    """Build the table from (ticker, name) pairs and decimal weights in the same order."""
    model_units = percent_hundredths(model)
    suggested_units = percent_hundredths(suggested)
    rows = []
    for (ticker, name), m, s in zip(assets, model_units, suggested_units, strict=True):
        rows.append(
            AllocationRow(
                ticker=ticker,
                name=name,
                model_weight=m / 100,
                suggested_weight=s / 100,
                active_weight=(s - m) / 100,
                reason=reasons.get(ticker, ""),
                position=None if positions is None else positions.get(ticker),
            )
        )
    return AllocationTable(tuple(rows), tuple(header), tuple(cash))


def table_from_advice(
    advice: Advice,
    universe: Universe,
    source_label: str,
    plan: TradePlan | None = None,
    *,
    data_age: str = "",
) -> AllocationTable:
    """The table for one suggestion: what `allocate` writes and the window exports or copies.

    data_age: how old the data is against today, in words (`desktop.advice.data_age`).
    Holdings outside the universe appear after the held assets with 0 weights and a sell order.
    """
    positions: dict[str, Position] | None = None
    cash: tuple[tuple[str, str], ...] = ()
    extra: tuple[AllocationRow, ...] = ()
    if plan is not None:
        positions = {
            line.ticker: Position(
                line.price, line.target_shares * line.price, line.target_shares, line.trade_shares
            )
            for line in plan.lines
        }
        cash = _cash_pairs(plan)
        extra = tuple(
            AllocationRow(line.ticker, "", 0.0, 0.0, 0.0, "not in the model portfolio: sell",
                          positions[line.ticker])
            for line in plan.lines
            if not line.in_universe
        )  # fmt: skip
    table = allocation_table(
        [(a.ticker, a.name) for a in universe.assets],
        advice.snapshot.market.w_bench,
        advice.allocation.weights,
        advice.reasons,
        header=_advice_header(advice, source_label, data_age, universe),
        positions=positions,
        cash=cash,
    )
    return dataclasses.replace(table, rows=table.rows + extra)


def _advice_header(
    advice: Advice, source_label: str, data_age: str, universe: Universe
) -> tuple[tuple[str, str], ...]:
    from desktop.advice.headline import headline
    from signals.reading import signed

    s, a, top = advice.settings, advice.allocation, headline(advice, universe)
    views = ", ".join(
        f"{theme} {signed(view)}" + (" (set by hand)" if theme in advice.overridden else "")
        for theme, view in advice.views.items()
    )
    pairs = [
        ("as_of", f"{advice.snapshot.as_of:%Y-%m-%d}"),
        ("source", source_label),
        *([("data_age", data_age)] if data_age else []),
        ("views", ("neutral: " if advice.neutral else "") + views),
        ("risk_aversion", f"{s.gamma_risk:g}"),
        ("turnover_penalty", f"{s.kappa:g}"),
        ("max_te_pct", "none" if s.max_te is None else f"{100 * s.max_te:g}"),
        ("max_active_pct", "none" if s.max_active is None else f"{100 * s.max_active:g}"),
    ]
    pairs += [(f"bounds_{k}_pct", _pct_range(v)) for k, v in s.asset_bounds.items()]
    pairs += [(f"class_bounds_{k}_pct", _pct_range(v)) for k, v in s.class_bounds.items()]
    pairs += [
        ("tracking_error_pct", f"{100 * a.tracking_error:.2f}"),
        ("expected_active_return_pct", f"{100 * a.expected_active_return:.2f}"),
        ("answer", str(a.source)),
        ("headline", top.text),
        ("one_way_turnover_pct", f"{top.turnover_pct:.2f}"),
        ("turnover_against", top.against),
    ]
    return tuple(pairs)


def _pct_range(bounds: tuple[float, float]) -> str:
    return f"{100 * bounds[0]:g}-{100 * bounds[1]:g}"


def _cash_pairs(plan: TradePlan) -> tuple[tuple[str, str], ...]:
    invested = plan.portfolio_value - plan.cash_left
    pairs = [
        ("portfolio_value_usd", f"{plan.portfolio_value:.2f}"),
        ("invested_usd", f"{invested:.2f}"),
        ("cash_left_over_usd", f"{plan.cash_left:.2f}"),
    ]
    if plan.unpriced:
        pairs.append(("not_valued_no_price", " ".join(plan.unpriced)))
    return tuple(pairs)
