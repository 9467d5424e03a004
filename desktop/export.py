"""The allocation as a CSV file (the `allocate` command and File > Export) or clipboard text.

CSV layout:
- line 1: `# Rotation Advisor allocation; as_of=...; source=...; views=...; <settings>; ...`:
  key=value pairs separated by "; " (the settings, then tracking_error_pct,
  expected_active_return_pct and answer: "optimal", "relaxed", ... as in allocator.Source);
- line 2, only when a portfolio value or holdings were given: `# portfolio_value_usd=...;
  invested_usd=...; cash_left_over_usd=...` (cash the whole-share targets leave unspent);
- the header row, then one row per held asset in universe order, then one row per current
  holding outside the universe (0 weights, reason "not in the model portfolio: sell").

Columns: ticker, name, model_weight, suggested_weight, active_weight (all weights in percent,
2 decimals; model and suggested each sum to exactly 100.00 by largest-remainder rounding, active is
suggested - model of the rounded values), reason; then, with a value or holdings: price (last
close, USD), value (target shares x price, USD), shares (target, whole), trade_shares (buy > 0,
sell < 0; fractional only when the current holding is).
Text cells starting with = + - @ tab or CR get a leading ' so a spreadsheet shows them as text
instead of running them as formulas; numeric cells are written as plain numbers.
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from desktop.atomic_file import write_atomically

if TYPE_CHECKING:
    from allocator import TradePlan
    from desktop.advice import Advice
    from desktop.universe import Universe

WEIGHT_COLUMNS = ("ticker", "name", "model_weight", "suggested_weight", "active_weight", "reason")
TRADE_COLUMNS = ("price", "value", "shares", "trade_shares")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """The file could not be written; the message says why and what to do. Nothing was changed."""


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
    """Rows plus the comment lines that record how they were made.

    header: ordered (key, value) pairs for line 1 (as-of, source, settings, views).
    cash: ordered (key, value) pairs for line 2, or () when no trades were planned.
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


def percent_hundredths(weights: Sequence[float]) -> np.ndarray:
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
    model: Sequence[float],
    suggested: Sequence[float],
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
    advice: Advice, universe: Universe, source_label: str, plan: TradePlan | None = None
) -> AllocationTable:
    """The table for one suggestion: what `allocate` writes and the window exports or copies.

    Holdings outside the universe appear after the held assets with 0 weights and a sell order.
    """
    positions, cash, extra = None, (), ()
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
        header=_advice_header(advice, source_label),
        positions=positions,
        cash=cash,
    )
    return dataclasses.replace(table, rows=table.rows + extra)


def csv_text(table: AllocationTable) -> str:
    """The whole CSV file as text (comment lines, header row, one row per asset)."""
    out = io.StringIO()
    out.write(_comment(table.header, "Rotation Advisor allocation"))
    if table.cash:
        out.write(_comment(table.cash))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(_cells(row, table.has_positions) for row in table.rows)
    return out.getvalue()


def write_csv(path: Path | str, table: AllocationTable) -> None:
    """Write the CSV atomically: temp file in the same folder, fsync, then os.replace.

    On any failure the temp file is removed, the existing file at `path` is untouched, and
    ExportError explains what happened (disk full, permission denied, missing folder).
    """
    path = Path(path)
    try:
        write_atomically(path, csv_text(table))
    except OSError as exc:
        raise ExportError(_explain(exc, path)) from exc


def escape_text(text: str) -> str:
    """Prefix a ' to text a spreadsheet would read as a formula (= + - @ tab CR first)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _cells(row: AllocationRow, with_positions: bool) -> list[str]:
    cells = [
        escape_text(row.ticker),
        escape_text(row.name),
        f"{row.model_weight:.2f}",
        f"{row.suggested_weight:.2f}",
        f"{row.active_weight:.2f}",
        escape_text(row.reason),
    ]
    if with_positions:
        p = row.position
        cells += ["", "", "", ""] if p is None else _position_cells(p)
    return cells


def _position_cells(p: Position) -> list[str]:
    return [f"{p.price:.2f}", f"{p.value:.2f}", str(int(p.shares)), _shares(p.trade_shares)]


def _shares(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.6f}".rstrip("0")


def _comment(pairs: Sequence[tuple[str, str]], title: str = "") -> str:
    parts = ([title] if title else []) + [f"{key}={_flat(value)}" for key, value in pairs]
    return "# " + "; ".join(parts) + "\n"


def _flat(text: str) -> str:
    """One line, no tabs: for comment lines and tab-separated cells."""
    return " ".join(str(text).split())


def _explain(exc: OSError, path: Path) -> str:
    kept = "the existing file was left unchanged" if path.exists() else "nothing was written"
    if exc.errno == errno.ENOSPC:
        return (
            f"The disk is full: could not write {path}. "
            f"Free some space or choose another folder; {kept}."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Permission denied: cannot write {path}. Choose a folder you can write to; {kept}."
    if exc.errno == errno.ENOENT and not path.parent.exists():
        return f"The folder {path.parent} does not exist. Create it or choose another; {kept}."
    return f"Could not write {path}: {exc.strerror or exc}; {kept}."


def _advice_header(advice: Advice, source_label: str) -> tuple[tuple[str, str], ...]:
    s, a = advice.settings, advice.allocation
    views = ", ".join(
        f"{theme} {view:+.2f}" + (" (set by hand)" if theme in advice.overridden else "")
        for theme, view in advice.views.items()
    )
    pairs = [
        ("as_of", f"{advice.snapshot.as_of:%Y-%m-%d}"),
        ("source", source_label),
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
