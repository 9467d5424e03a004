"""What the window shows, as one frozen value, and the pure transitions between values.

`AppState` holds plain numbers and strings only (no pandas, no Qt), so the window can be painted
from the last session's state before pandas, the signals or cvxpy are even imported. The engine
(`desktop.engine.engine`) turns readings and allocations into the `Card` and `AllocationSummary`
values below; widgets render a state and never mutate it; the controller replaces it with the
functions at the bottom of this module.

Units: views are in [-1, 1]; weights and active weights are in percent and percentage points;
the tracking-error cap is annualised percent; money is in the portfolio's currency (USD).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from desktop.advice.knobs import Knobs


class Phase(StrEnum):
    """Where start-up or the latest request is; READY once an answer for the inputs is shown."""

    LOADING_DATA = "Loading market data…"
    COMPUTING_SIGNALS = "Computing signals…"
    SOLVING = "Solving…"
    READY = "Ready"


@dataclass(frozen=True, slots=True)
class Theme:
    """A tilt theme as the tilt panel shows it: id, label, and the view the signals give it."""

    name: str
    label: str
    signal_view: float = 0.0


@dataclass(frozen=True, slots=True)
class AssetClass:
    """An asset class of the model portfolio and its total model weight in percent."""

    name: str
    model_pct: float


@dataclass(frozen=True, slots=True)
class Card:
    """One signal reading on the dashboard.

    score: in [-1, 1], > 0 favours the subject. history: recent scores, oldest first, for the
    sparkline. age_days: business days the stale input's last value lags the reading's as-of date
    (None when the reading is fresh or the signal does not say); never an age against today.
    record: the signal's record in one line, from the data up to the as-of date (the evidence's
    `EvidenceBook.card_line`, e.g. "Since 2007, when high: ... t -2.8: has pointed the wrong
    way"); "" until the engine has computed it.
    """

    name: str
    title: str
    subject: str
    score: float
    sentence: str
    as_of: str | None
    stale: bool
    age_days: int | None = None
    history: tuple[float, ...] = ()
    record: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    """One held asset in the allocation table; weights in percent, active in points.

    value (USD), shares and trade_shares are set only when a portfolio value or holdings are
    given; trade_shares > 0 buys, < 0 sells (fractional only when the holdings were).
    """

    ticker: str
    name: str
    model_pct: float
    suggested_pct: float
    active_pts: float
    reason: str
    value: float | None = None
    shares: int | None = None
    trade_shares: float | None = None


@dataclass(frozen=True, slots=True)
class AllocationSummary:
    """An answer from the optimiser as the allocation view shows it.

    tracking_error_pct: ex-ante, annualised, percent. notice: words for the banner when the answer
    is a fallback (e.g. "the first solver failed; SCS solved it instead"), else "". notes: what
    the user should know about the data behind it (stale signals, missing prices), in words.
    cash_left: USD the whole-share trades leave unspent, when a value or holdings were given.
    as_of: YYYY-MM-DD, the date of the data the answer was made from.
    headline: one sentence on what the answer does, e.g. "Overweight small caps; underweight
    gold" (`desktop.advice.headline`). expected_active_pct: expected active return, annualised
    percent. turnover_pct: one-way turnover in percent of the portfolio, measured from
    `turnover_against` ("holdings" or "model").
    """

    rows: tuple[Row, ...]
    as_of: str
    tracking_error_pct: float
    status: str
    solve_ms: float
    notice: str = ""
    notes: tuple[str, ...] = ()
    cash_left: float | None = None
    headline: str = ""
    expected_active_pct: float = 0.0
    turnover_pct: float = 0.0
    turnover_against: str = "model"


@dataclass(frozen=True, slots=True)
class Dates:
    """Which day the window shows, and how old the data is (all dates YYYY-MM-DD).

    chosen: the day the user picked with the time machine; "" follows the data's last date.
    shown: the trading day the readings and the answer are for. first, last: the prices' range.
    age: the data's age against today in one sentence; old: more than a week old (show it
    prominently). notes: what moving to the chosen day meant (a holiday moved to the day before).
    """

    chosen: str = ""
    shown: str = ""
    first: str = ""
    last: str = ""
    age: str = ""
    old: bool = False
    notes: tuple[str, ...] = ()

    @property
    def is_latest(self) -> bool:
        return not self.chosen or (bool(self.last) and self.chosen >= self.last)


@dataclass(frozen=True, slots=True)
class AppState:
    """Everything the window shows. `fresh` is False while showing the previous session's answer."""

    data_label: str = "Loading market data…"
    stale_count: int = 0
    phase: Phase = Phase.LOADING_DATA
    themes: tuple[Theme, ...] = ()
    asset_classes: tuple[AssetClass, ...] = ()
    knobs: Knobs = field(default_factory=Knobs)
    cards: tuple[Card, ...] = ()
    allocation: AllocationSummary | None = None
    fresh: bool = False
    banner: str = ""
    holdings_file: str = ""
    dates: Dates = field(default_factory=Dates)

    def view(self, theme: str) -> float:
        """The view the optimiser uses for `theme`: the user's override, else the signals'."""
        if theme in self.knobs.overrides:
            return self.knobs.overrides[theme]
        return next((t.signal_view for t in self.themes if t.name == theme), 0.0)

    def views(self) -> dict[str, float]:
        return {t.name: self.view(t.name) for t in self.themes}

    def is_override(self, theme: str) -> bool:
        return theme in self.knobs.overrides


def signed(value: float, decimals: int = 2) -> str:
    """A score, view or change with its sign, "+0.41", "-0.20", and "+0.00" for anything that
    rounds to zero: never "-0.00" (as `signals.reading.signed`, without importing the signals)."""
    return f"{round(value, decimals) + 0.0:+.{decimals}f}"


def class_label(name: str) -> str:
    """An asset-class id as words: "us_equity" -> "US equity", "intl_equity" -> "Intl equity"."""
    words = name.split("_")
    head = "US" if words[0] == "us" else words[0].capitalize()
    return " ".join([head, *words[1:]])


# Transitions: each returns a new state and leaves its argument untouched.


def set_view(state: AppState, theme: str, view: float) -> AppState:
    """The user drags `theme`'s slider to `view` in [-1, 1]: it becomes an override."""
    overrides = dict(state.knobs.overrides, **{theme: view})
    return replace(state, knobs=replace(state.knobs, overrides=overrides))


def reset_views(state: AppState, themes: tuple[str, ...] | None = None) -> AppState:
    """Back to the signals' views for `themes` (all themes when None)."""
    keep = (
        {}
        if themes is None
        else {k: v for k, v in state.knobs.overrides.items() if k not in themes}
    )
    return replace(state, knobs=replace(state.knobs, overrides=keep))


def set_knobs(state: AppState, **changes: Any) -> AppState:
    """Change risk_aversion, te_cap_pct, turnover_penalty or portfolio_value."""
    return replace(state, knobs=replace(state.knobs, **changes))


def with_knobs(state: AppState, knobs: Knobs) -> AppState:
    return replace(state, knobs=knobs)


def data_loaded(
    state: AppState, label: str, stale_count: int, dates: Dates | None = None
) -> AppState:
    """The data is open: its label, stale count, date range and age (`dates` keeps `chosen`)."""
    dates = state.dates if dates is None else replace(dates, chosen=state.dates.chosen)
    return replace(
        state,
        data_label=label,
        stale_count=stale_count,
        dates=dates,
        phase=Phase.COMPUTING_SIGNALS,
    )


def choose_date(state: AppState, chosen: str) -> AppState:
    """The user picks the day to replay (YYYY-MM-DD; "" for the data's last date)."""
    return replace(state, dates=replace(state.dates, chosen=chosen), phase=Phase.COMPUTING_SIGNALS)


def signals_computed(
    state: AppState,
    cards: tuple[Card, ...],
    themes: tuple[Theme, ...],
    asset_classes: tuple[AssetClass, ...] = (),
    dates: Dates | None = None,
) -> AppState:
    """New readings; sparklines and records from the previous cards are kept until new ones
    arrive.

    dates: the shown day, its age sentence and notes (`chosen` and the range are kept).
    """
    old = {c.name: c for c in state.cards}
    cards = tuple(_carried(c, old.get(c.name)) for c in cards)
    if dates is not None:
        dates = replace(
            state.dates,
            shown=dates.shown,
            age=dates.age or state.dates.age,
            notes=dates.notes,
        )
    return replace(
        state,
        cards=cards,
        themes=themes,
        asset_classes=asset_classes,
        dates=state.dates if dates is None else dates,
        phase=Phase.SOLVING,
    )


def _carried(card: Card, before: Card | None) -> Card:
    """`card` with the sparkline and record of the card it replaces while its own are due."""
    if before is None or (card.history and card.record):
        return card
    return replace(
        card, history=card.history or before.history, record=card.record or before.record
    )


def records_computed(state: AppState, lines: Mapping[str, str]) -> AppState:
    """Attach each card's one-line record (signal name -> line; a card not named keeps its)."""
    cards = tuple(replace(c, record=lines.get(c.name, c.record)) for c in state.cards)
    return replace(state, cards=cards)


def sparklines_computed(state: AppState, lines: Mapping[str, tuple[float, ...]]) -> AppState:
    """Attach each card's score history (oldest first) for its sparkline."""
    cards = tuple(replace(c, history=tuple(lines.get(c.name, c.history))) for c in state.cards)
    return replace(state, cards=cards)


def solving(state: AppState) -> AppState:
    return state if state.phase is not Phase.READY else replace(state, phase=Phase.SOLVING)


def allocation_solved(state: AppState, allocation: AllocationSummary) -> AppState:
    """A new answer; its notice (if any) goes to the banner, otherwise the banner clears."""
    return replace(
        state, allocation=allocation, fresh=True, banner=allocation.notice, phase=Phase.READY
    )


def allocation_failed(state: AppState, reason: str) -> AppState:
    """No answer for these inputs: keep the last good allocation and say why in the banner."""
    return replace(state, banner=reason, phase=Phase.READY)


def holdings_loaded(state: AppState, path: str) -> AppState:
    return replace(state, holdings_file=path)


def for_next_session(state: AppState) -> AppState:
    """What is worth restoring at the next start: everything but the transient phase and banner."""
    return replace(state, phase=Phase.LOADING_DATA, banner="", fresh=False)
