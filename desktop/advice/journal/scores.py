"""The journal keeps score: every saved suggestion against what happened next (pure).

A saved suggestion's *period* runs from its as-of date to the as-of date of the next saved
suggestion (the one that replaced it) or, for the newest, to the data's last date. Over it:

- its return: the suggested weights bought at the as-of close and held, never rebalanced
  (`desktop.advice.alerts.buy_and_hold`; an asset without a price then is held as cash);
- the model's return: the model weights saved with it, bought and held the same way;
- its active return: its return minus the model's, in percentage points over the period (not
  annualised); the suggestion is *ahead* when it is > 0;
- each theme's call: the view it used (the hand-set one if any, else the signals'), right when
  the theme's trade earned a return of that sign over the period. The trade buys the theme's
  assets and sells those that fund it, equal weights per leg, as the current universe defines
  it (`desktop.advice.theme_alpha.theme_trades`); a leg's return is the mean of its assets'
  (those with prices at both ends). A view of 0 or a trade without prices makes no call.

Suggestions saved for the same as-of date replace one another: only the last saved is scored.
Units: returns in percent (decimal x 100), active returns in percentage points, days calendar.
`journal_summary` chains the periods into one record and says it in a sentence;
`followed_path` is that record day by day, for the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.advice.alerts.buy_and_hold import closes_at, value_path
from desktop.advice.journal.suggestion import Suggestion

SCORED, RUNNING, NEW, REPLACED, UNSCORED = "scored", "running", "new", "replaced", "unscored"
"""A score's status: its period ended at the next suggestion; it runs to the data's last date
(still counting); it is as of the data's last date (nothing to score yet); another suggestion
for the same as-of date replaced it; it cannot be scored (`note` says why)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A saved suggestion to score: its id, the suggestion, and why it must not be scored
    against these prices ("" when it can be, e.g. "saved on the demo data")."""

    id: int
    suggestion: Suggestion
    excluded: str = ""


@dataclass(frozen=True, slots=True)
class ThemeCall:
    """A theme's view in [-1, 1] and its trade's return over the period (percent, NaN when
    unknown); right: the signs agree (None: no call, the view or the return is 0 or unknown)."""

    theme: str
    view: float
    trade_return_pct: float
    right: bool | None


@dataclass(frozen=True, slots=True)
class Score:
    """One saved suggestion's record over its period (see the module docstring).

    end: the period's last date ("" unless scored or running); days: calendar days in it.
    return_pct, model_return_pct: percent; active_pts: percentage points (NaN when not scored).
    """

    id: int
    as_of: str
    status: str
    end: str = ""
    days: int = 0
    return_pct: float = float("nan")
    model_return_pct: float = float("nan")
    active_pts: float = float("nan")
    calls: tuple[ThemeCall, ...] = ()
    note: str = ""

    @property
    def counts(self) -> bool:
        """Whether it has a period to score (scored or running)."""
        return self.status in (SCORED, RUNNING)

    @property
    def ahead(self) -> bool:
        return self.counts and bool(self.active_pts > 0)


def score_suggestions(
    entries: Sequence[Entry], prices: pd.DataFrame, trades: pd.DataFrame
) -> tuple[Score, ...]:
    """Every entry's score, oldest as-of first (ties: in saved order).

    prices: (n_days, n_tickers) adjusted closes, ascending dates; the data's last date ends the
    newest period. trades: (n_themes, n_assets) `theme_trades` of the current universe.
    """
    if prices.empty:
        raise ValueError("there are no prices to score the saved suggestions against")
    first, last = prices.index[0], prices.index[-1]
    dated, scores = [], {}
    for entry in entries:
        when, why = _as_of(entry, first, last)
        if why:
            scores[entry.id] = Score(entry.id, entry.suggestion.as_of, UNSCORED, note=why)
        else:
            dated.append((when, entry))
    dated.sort(key=lambda pair: (pair[0], pair[1].id))
    for i, (when, entry) in enumerate(dated):
        later = [d for d, _ in dated[i + 1 :]]
        if later and later[0] == when:
            note = f"replaced by #{dated[i + 1][1].id}, saved for the same date"
            scores[entry.id] = Score(entry.id, entry.suggestion.as_of, REPLACED, note=note)
            continue
        end = later[0] if later else last
        scores[entry.id] = _score(entry, when, end, prices, trades, bool(later))
    return tuple(sorted(scores.values(), key=lambda s: (s.as_of, s.id)))


def followed_path(
    entries: Sequence[Entry], scores: Sequence[Score], prices: pd.DataFrame
) -> pd.DataFrame:
    """Daily record of following each counted suggestion until the next, chained, against the
    model: columns followed_pct, model_pct (cumulative returns in percent since the first
    counted as-of date) and active_pct (followed against the model, percent)."""
    by_id = {e.id: e.suggestion for e in entries}
    pieces: list[pd.DataFrame] = []
    level = np.array([1.0, 1.0])
    for score in (s for s in scores if s.counts):
        s = by_id[score.id]
        start, end = pd.Timestamp(score.as_of), pd.Timestamp(score.end)
        mine = value_path(_weights(s, "suggested_pct"), prices, start, end)
        model = value_path(_weights(s, "model_pct"), prices, start, end)
        paths = pd.concat([mine, model], axis=1) * level
        pieces.append(paths if not pieces else paths.iloc[1:])
        level = paths.iloc[-1].to_numpy()
    if not pieces:
        return pd.DataFrame(columns=["followed_pct", "model_pct", "active_pct"], dtype=float)
    growth = pd.concat(pieces)
    growth.columns = ["followed", "model"]
    return pd.DataFrame(
        {
            "followed_pct": 100.0 * (growth["followed"] - 1.0),
            "model_pct": 100.0 * (growth["model"] - 1.0),
            "active_pct": 100.0 * (growth["followed"] / growth["model"] - 1.0),
        }
    )


def _as_of(entry: Entry, first: pd.Timestamp, last: pd.Timestamp) -> tuple[pd.Timestamp, str]:
    """The entry's as-of date, or why it cannot be scored."""
    if entry.excluded:
        return pd.NaT, entry.excluded
    when = pd.to_datetime(entry.suggestion.as_of, format="%Y-%m-%d", errors="coerce")
    if pd.isna(when):
        return pd.NaT, f"its as-of date {entry.suggestion.as_of!r} is not a date"
    if not first <= when <= last:
        span = f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"
        return pd.NaT, f"its as-of date is outside the prices ({span})"
    return when, ""


def _score(
    entry: Entry,
    start: pd.Timestamp,
    end: pd.Timestamp,
    prices: pd.DataFrame,
    trades: pd.DataFrame,
    replaced: bool,
) -> Score:
    s = entry.suggestion
    if start == end:
        return Score(entry.id, s.as_of, NEW, note="as of the data's last date: nothing to score")
    mine = float(value_path(_weights(s, "suggested_pct"), prices, start, end).iloc[-1]) - 1.0
    model = float(value_path(_weights(s, "model_pct"), prices, start, end).iloc[-1]) - 1.0
    calls = _calls(s, _trade_returns(prices, trades, start, end))
    return Score(
        entry.id, s.as_of, SCORED if replaced else RUNNING, f"{end:%Y-%m-%d}",
        (end - start).days, 100 * mine, 100 * model, 100 * (mine - model), calls,
    )  # fmt: skip


def _weights(suggestion: Suggestion, attribute: str) -> dict[str, float]:
    return {w.ticker: getattr(w, attribute) for w in suggestion.weights}


def _trade_returns(
    prices: pd.DataFrame, trades: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp
) -> pd.Series:
    """(n_themes,) each trade's return over the period, decimal: bought leg's mean minus the
    funding leg's (0 when nothing funds it); NaN when a leg has no asset with prices."""
    tickers = list(trades.columns)
    asset = closes_at(prices, end, tickers) / closes_at(prices, start, tickers) - 1.0
    out = {}
    for theme, p in trades.iterrows():
        bought = asset[p[p > 0].index].mean()
        funders = p[p < 0].index
        out[theme] = bought - (asset[funders].mean() if len(funders) else 0.0)
    return pd.Series(out, dtype=float)


def _calls(suggestion: Suggestion, returns: pd.Series) -> tuple[ThemeCall, ...]:
    themes = dict.fromkeys([*suggestion.signal_views, *suggestion.overrides])
    calls = []
    for theme in themes:
        view, earned = suggestion.view(theme), float(returns.get(theme, np.nan))
        known = view != 0 and np.isfinite(earned) and earned != 0
        right = (view > 0) == (earned > 0) if known else None
        calls.append(ThemeCall(theme, view, 100 * earned, right))
    return tuple(calls)
