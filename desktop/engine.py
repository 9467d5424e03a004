"""The worker side of the window: data, readings and the compiled optimiser, off the GUI thread.

Which lane runs what (see `desktop.jobs`):
- I/O lane: `load` (opens the database or the demo data), `sparklines`, `export`, `read_holdings`;
- solver lane: `prepare` (imports cvxpy, compiles the problem), `compute_signals`, `solve`.
`load` and `prepare` run at the same time at start-up; the solver lane owns the `Advisor` and
its snapshot, and nothing else touches them. Everything returned is a frozen value, so nothing
mutable crosses between threads. Heavy modules (pandas, cvxpy, the signals) are imported here,
inside the methods, so the window can paint before they load.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.model import AllocationView, AssetClass, Card, Knobs, Row, Theme

SPARK_POINTS = 64  # points per sparkline: about one a week over the last year
SPARK_DAYS = 260  # trading days a sparkline covers


class SettingsInfeasible(Exception):
    """The user's limits admit no portfolio; the message says which clash and by how much."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """The data the app runs on, and what the status bar says about it."""

    label: str
    stale_count: int
    source: Any  # desktop.data_source.DataSource


@dataclass(frozen=True, slots=True)
class Computed:
    """What the signals say: dashboard cards, themes with their signal views, asset classes."""

    cards: tuple[Card, ...]
    themes: tuple[Theme, ...]
    asset_classes: tuple[AssetClass, ...]


@dataclass(frozen=True, slots=True)
class Solved:
    """An answer: `view` for the window, `table` (desktop.export.AllocationTable) for Export."""

    view: AllocationView
    table: Any


class Engine:
    """Loads data, computes readings and solves; each method documents its lane."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        self._advisor = None  # solver lane only
        self._snapshot = None  # solver lane only
        self._label = ""  # solver lane only: the data source label for exports

    def load(self) -> Loaded:
        """I/O lane: the database if it holds prices, else the demo data."""
        from desktop.data_source import open_data_source

        source = open_data_source(self.db_path)
        return Loaded(source.label, len(source.stale), source)

    def prepare(self, *, rebuild: bool = False) -> None:
        """Solver lane: read the universe and tilt table and compile the problem (once)."""
        if self._advisor is None or rebuild:
            from desktop.advice import Advisor

            self._advisor = Advisor.from_files()
            self._snapshot = None

    def compute_signals(self, source: Any, *, rebuild: bool = False) -> Computed:
        """Solver lane: readings and signal views at the data's last date (no sparklines yet).

        rebuild: re-read the universe and tilt table first (after the user edited them).
        """
        self.prepare(rebuild=rebuild)
        advisor = self._advisor
        snap = advisor.snapshot(source.signal_inputs())
        self._snapshot, self._label = snap, source.label
        subjects = {spec.name: spec.subject for spec in advisor.registry}
        cards = tuple(_card(r, subjects.get(r.name, "")) for r in snap.readings)
        themes = tuple(
            Theme(t.name, t.label, snap.signal_views[t.name].view) for t in advisor.universe.themes
        )
        return Computed(cards, themes, _asset_classes(advisor.universe))

    def sparklines(self, source: Any) -> dict[str, tuple[float, ...]]:
        """I/O lane: each signal's recent score history, thinned to SPARK_POINTS, oldest first."""
        from signals import REGISTRY

        inputs = source.signal_inputs()
        lines = {}
        for spec in REGISTRY:
            history = spec.history(inputs).dropna().iloc[-SPARK_DAYS:]
            step = max(1, len(history) // SPARK_POINTS)
            lines[spec.name] = tuple(float(x) for x in history.iloc[::-1][::step][::-1])
        return lines

    def solve(
        self, knobs: Knobs, holdings: dict[str, float] | None = None, *, explain: bool = True
    ) -> Solved:
        """Solver lane: the allocation for `knobs` (views, limits, value) and `holdings`.

        explain=False skips splitting each weight across the themes (one solve instead of one
        per subset of themes): reasons then give the points only.

        Raises SettingsInfeasible when the limits admit no portfolio (the window then keeps
        its last good answer) and ValueError when trades cannot be sized.
        """
        from allocator import Source
        from desktop import export

        advisor, snap = self._advisor, self._snapshot
        settings = _settings(knobs, snap, holdings)
        advice = advisor.advise(snap, dict(knobs.overrides), settings, explain=explain)
        if advice.allocation.source == Source.RELAXED:
            raise SettingsInfeasible(_infeasible_text(advice))
        plan = None
        if knobs.portfolio_value > 0 or holdings:
            plan = advisor.plan(
                advice, portfolio_value=knobs.portfolio_value or None, holdings=holdings
            )
        table = export.table_from_advice(advice, advisor.universe, self._label, plan)
        return Solved(_view(advice, table, plan), table)

    def export(self, solved: Solved, path: Path) -> None:
        """I/O lane: write the answer on screen as the `allocate` command's CSV, atomically."""
        from desktop import export

        export.write_csv(path, solved.table)

    def read_holdings(self, path: Path) -> dict[str, float]:
        """I/O lane: ticker -> shares from a CSV file; HoldingsError names bad lines."""
        from desktop.holdings import read_holdings

        return read_holdings(path)


def _settings(knobs: Knobs, snap: Any, holdings: dict[str, float] | None):
    """The allocator's Settings (decimals) from the knobs (percent where the name says so)."""
    from allocator import Settings

    return Settings(
        gamma_risk=knobs.risk_aversion,
        kappa=knobs.turnover_penalty,
        max_te=knobs.te_cap_pct / 100,
        max_active=knobs.max_active_pct / 100,
        class_bounds={k: (lo / 100, hi / 100) for k, (lo, hi) in knobs.class_bounds.items()},
        w_prev=_current_weights(holdings, snap) if holdings else None,
    )


def _current_weights(holdings: dict[str, float], snap: Any) -> list[float] | None:
    """(n,) weights of the holdings in the held tickers by value at the snapshot's prices."""
    prices = snap.last_prices
    values = {t: s * float(prices.get(t, float("nan"))) for t, s in holdings.items()}
    priced = {t: v for t, v in values.items() if math.isfinite(v)}
    total = sum(priced.values())
    if total <= 0:
        raise ValueError("the holdings have no market value at the latest prices: check them")
    return [priced.get(t, 0.0) / total for t in snap.market.tickers]


def _card(reading: Any, subject: str) -> Card:
    evidence = reading.evidence
    age = evidence.get("age_business_days")
    return Card(
        name=reading.name,
        title=signal_title(reading.name),
        subject=subject,
        score=reading.score,
        sentence=reading.explanation,
        as_of=None if reading.as_of is None else reading.as_of.strftime("%Y-%m-%d"),
        stale=reading.stale,
        age_days=int(age) if isinstance(age, int | float) else None,
    )


_ACRONYMS = {"rsi": "RSI", "us": "US", "spy": "SPY", "iwm": "IWM"}


def signal_title(name: str) -> str:
    """A signal id as a card title: "small_cap_rsi" -> "Small cap RSI"."""
    words = [_ACRONYMS.get(w, w) for w in name.split("_")]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def _asset_classes(universe: Any) -> tuple[AssetClass, ...]:
    totals: dict[str, float] = {}
    for asset in universe.assets:
        totals[asset.asset_class] = totals.get(asset.asset_class, 0.0) + asset.weight
    return tuple(AssetClass(name, pct) for name, pct in totals.items())


def _view(advice: Any, table: Any, plan: Any) -> AllocationView:
    allocation, snap = advice.allocation, advice.snapshot
    rows = tuple(
        Row(
            r.ticker, r.name, r.model_weight, r.suggested_weight, r.active_weight, r.reason,
            None if r.position is None else r.position.value,
            None if r.position is None else int(r.position.shares),
            None if r.position is None else float(r.position.trade_shares),
        )
        for r in table.rows
    )  # fmt: skip
    answer_notes = advice.notes[len(snap.notes) :]
    return AllocationView(
        rows=rows,
        as_of=f"{snap.as_of:%Y-%m-%d}",
        tracking_error_pct=100 * allocation.tracking_error,
        status=str(allocation.source),
        solve_ms=1000 * allocation.solve_time,
        notice=_sentences(answer_notes),
        notes=tuple(snap.notes),
        cash_left=None if plan is None else plan.cash_left,
    )


def _infeasible_text(advice: Any) -> str:
    allocation = advice.allocation
    parts = ["These limits admit no portfolio"]
    parts += [f"conflict: {c}" for c in allocation.conflicts]
    parts += [f"the nearest feasible answer needs: {s}" for s in allocation.slack_report]
    return _sentences(parts) + " Loosen a limit to get a new allocation."


def _sentences(notes: Any) -> str:
    return " ".join(f"{n[0].upper()}{n[1:]}." for n in notes if n)
