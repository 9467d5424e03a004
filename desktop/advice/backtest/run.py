"""A finished backtest as the window shows, saves, compares and exports it, and its verdict.

    run = backtest_run(result, source_label)   # the report's JSON and the run's series
    run.stats("advisor")["information_ratio"]  # figures by the `backtest --json` keys
    run.charts()                               # growth, drawdowns, rolling active, weights ...
    verdict(run)                               # one plain sentence: signal or noise?

`BacktestRun` holds plain values only (the report as `BacktestReport.to_dict` gives it, the
daily values, the target weights, the contributions), so it pickles across processes, and a
run read back from the database (`desktop.data.backtest_store`, which keeps the values and the
advisor's weights) is the same kind of value as a fresh one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from desktop.advice.backtest.report import BacktestCharts, backtest_report, charts_of
from desktop.advice.backtest.walk_forward import BacktestResult
from desktop.advice.evidence.words import NOISE_T

CALIBRATION_LABELS = {"none": "as written", "walk-forward": "calibrated"}


@dataclass(frozen=True, slots=True, eq=False)
class BacktestRun:
    """report: `BacktestReport.to_dict()` (read it, do not change it). values: (n_days, 3)
    daily values of advisor, model and equal weight. targets: "advisor" (and, for a fresh run,
    "model") -> (n_rebalances, n_assets) decimal weights. contributions: (n_trades, n_themes +
    1) per-trade contributions (decimal), None for a saved run. source: the data's label.
    run_id, saved_at, note: set once saved."""

    report: Mapping[str, object]
    values: pd.DataFrame
    targets: Mapping[str, pd.DataFrame]
    contributions: pd.DataFrame | None
    source: str
    run_id: int | None = None
    saved_at: str = ""
    note: str = ""

    @property
    def calibration(self) -> str:
        return str(self.report["calibration"])

    @property
    def label(self) -> str:
        """The calibration in words: "as written" or "calibrated"."""
        return CALIBRATION_LABELS.get(self.calibration, self.calibration)

    def stats(self, portfolio: str) -> Mapping[str, object]:
        """`portfolio`'s whole-run figures (keys of `performance.Stats.to_dict`)."""
        return self.report["portfolios"][portfolio]  # type: ignore[index]

    def charts(self) -> BacktestCharts:
        """What the Backtest tab draws (`desktop.advice.backtest.report.charts_of`)."""
        return charts_of(self.values, self.targets["advisor"], self.contributions)

    def settings_text(self) -> str:
        """The run's settings in one line, e.g. "2007-05-31 to 2026-08-03, monthly, 10 bp,
        as written; risk aversion 2, TE cap 4 %, turnover penalty 0.012"."""
        r, k = self.report, self.report["knobs"]
        return (
            f"{r['from']} to {r['to']}, {r['rebalance']}, {r['cost_bps']:g} bp, {self.label}; "
            f"risk aversion {k['risk_aversion']:g}, TE cap {k['te_cap_pct']:g} %, "  # type: ignore[index]
            f"turnover penalty {k['turnover_penalty']:.3g}"  # type: ignore[index]
        )


def backtest_run(result: BacktestResult, source: str) -> BacktestRun:
    """The run of `result` over data labelled `source`."""
    targets = {name: result.targets[name] for name in ("advisor", "model")}
    report = backtest_report(result).to_dict()
    return BacktestRun(report, result.values, targets, result.contributions, source)


def verdict(run: BacktestRun) -> str:
    """Is the advisor's edge over the model distinguishable from luck? One plain sentence."""
    s = run.stats("advisor")
    ir, t, years = s["information_ratio"], s["t_stat"], s["years"]
    if not isinstance(ir, float) or not isinstance(t, float):
        return f"{_cap(run.label)}: too short a run for an information ratio."
    head = f"{_cap(run.label)}: information ratio {ir:+.2f} (t {t:+.1f}) over {years:.0f} years"
    if abs(t) < NOISE_T:
        tell = s.get("years_to_tell")
        need = (
            f"; a true IR of that size needs about {tell:.0f} years to tell from luck"
            if isinstance(tell, float) and math.isfinite(tell)
            else ""
        )
        return f"{head}: noise, not distinguishable from luck (|t| < {NOISE_T:g}){need}."
    if t > 0:
        return f"{head}: ahead of the model by more than luck would explain (t >= {NOISE_T:g})."
    return f"{head}: behind the model by more than luck would explain (t <= -{NOISE_T:g})."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
