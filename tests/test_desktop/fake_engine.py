"""A stand-in for the engine (desktop.engine.engine.Engine): instant, deterministic, recording.

IWM's suggested weight follows the small_caps view (5 % + 5 points per unit of view) so tests can
check the direction of a change; a tracking-error cap of 0 is reported infeasible.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pandas as pd

from desktop.advice.charts.chart_book import chart_book
from desktop.advice.charts.chart_data import ChartBook
from desktop.advice.journal.summary import journal_summary
from desktop.advice.knobs import Knobs
from desktop.advice.state import AllocationSummary, AssetClass, Card, Row, Theme
from desktop.engine.alerting import AlertCheck
from desktop.engine.engine import Computed, Loaded, SettingsInfeasible, Solved
from desktop.engine.journal_view import JournalView

SIGNAL_VIEWS = {"small_caps": 0.5, "gold": -0.25}


class FakeEngine:
    def __init__(self, db_path: Path = Path("unused.db")) -> None:
        self.db_path = db_path
        self.solves: list[Knobs] = []
        self.threads: set[int] = set()
        self.loads = 0
        self.closed = False
        self.calls: list[str] = []  # engine methods in the order they were called
        self.load_error: Exception | None = None
        self.as_ofs: list[str | None] = []  # the as-of date of each compute_signals call
        self.portfolio = "default"
        self.fired: tuple = ()  # FiredAlerts the next check_alerts reports, then forgets
        self.journal_view: JournalView | None = None  # what journal() returns (None: empty)

    def warm_up(self) -> None:
        self.calls.append("warm_up")

    def load(self) -> Loaded:
        self.calls.append("load")
        self.loads += 1
        if self.load_error is not None:
            raise self.load_error
        age = "Demo data (synthetic), ending 2026-01-16: not real prices, so this is not advice."
        return Loaded("Demo data (synthetic)", 0, age, False, "2006-01-03", "2026-01-16")

    def compute_signals(self, *, rebuild: bool = False, as_of: str | None = None) -> Computed:
        self.calls.append("compute_signals")
        self.as_ofs.append(as_of)
        if self.load_error is not None:
            raise RuntimeError("the engine has no data yet")
        card = Card(
            "small_cap_breakout", "Small cap breakout", "small caps", 0.5, "IWM broke out.",
            "2026-01-16", False,
        )  # fmt: skip
        themes = tuple(Theme(name, name.replace("_", " "), v) for name, v in SIGNAL_VIEWS.items())
        return Computed((card,), themes, (AssetClass("us_equity", 100.0),), as_of or "2026-01-16")

    def sparklines(self, as_of: str | None = None) -> dict[str, tuple[float, ...]]:
        self.calls.append("sparklines")
        return {"small_cap_breakout": (0.1, 0.3, 0.5)}

    def evidence_lines(self, as_of: str | None = None) -> dict[str, str]:
        self.calls.append("evidence_lines")
        return {"small_cap_breakout": "Since 2007, when high: IWM vs SPY +0.4 % the next month, "
                "40 cases, t +1.1: noise"}  # fmt: skip

    def chart_book(self) -> ChartBook:
        self.calls.append("chart_book")
        prices = pd.DataFrame(
            {"SPY": [600.0, 601.0, 603.0], "IWM": [250.0, 252.0, 251.0]},
            index=pd.bdate_range("2026-01-14", periods=3),
        )
        score = pd.Series([0.1, 0.3, 0.5], index=prices.index)
        name = "small_cap_breakout"
        return chart_book(prices, {name: score}, {name: "small caps"}, {name: "Small cap breakout"})

    def solve(self, knobs: Knobs, holdings=None, *, explain: bool = True) -> Solved:
        self.calls.append("solve" if explain else "quick solve")
        self.threads.add(threading.get_ident())
        self.solves.append(knobs)
        if knobs.te_cap_pct == 0:
            raise SettingsInfeasible("These limits admit no portfolio.")
        view = knobs.overrides.get("small_caps", SIGNAL_VIEWS["small_caps"])
        iwm = 5.0 + 5.0 * view
        rows = (
            Row("SPY", "S&P 500", 95.0, 100.0 - iwm, 5.0 - iwm, ""),
            Row("IWM", "Russell 2000", 5.0, iwm, iwm - 5.0, "small caps" if explain else ""),
        )
        return Solved(AllocationSummary(rows, "2026-01-16", 1.0, "optimal", 2.0), table=rows)

    def set_portfolio(self, name: str) -> str:
        self.calls.append(f"set_portfolio {name}")
        self.portfolio = name
        return name

    def check_alerts(self, holdings=None) -> AlertCheck:
        self.calls.append("check_alerts")
        fired, self.fired = self.fired, ()
        return AlertCheck(date(2026, 1, 16), (), fired)

    def journal(self) -> JournalView:
        self.calls.append("journal")
        if self.journal_view is not None:
            return self.journal_view
        return JournalView(self.portfolio, (), journal_summary(()))

    def export(self, solved: Solved, path: Path) -> None:
        path.write_text("ticker\nSPY\nIWM\n", encoding="utf-8")  # the real one: header first
        path.with_name(f"{path.stem}.settings.json").write_text('{"as_of": "2026-01-16"}\n')

    def read_holdings(self, path: Path) -> dict[str, float]:
        return {"SPY": 10.0}

    def close(self) -> None:
        self.closed = True
