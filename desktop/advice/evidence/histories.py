"""Score and view histories: every signal's score and every theme's view at every date, at once.

The backtest and the evidence read these instead of calling the point functions once per date.
Each registered `SignalSpec.history(inputs)` is vectorised and equals
`spec.reading(inputs.upto(t)).score` at every date t (the contract in `signals.spec`), so a row
of `scores` is what the signals read on that day with only the data up to it. A theme's view is
the tilt table's weighted mean of its signals' scores with the arithmetic of
`desktop.advice.tables.tilts.signal_views`, element by element, so the two agree to the last bit.

Histories are "as if each date were today": the inputs' stale flags (judged by the data layer
against the real today) are dropped, and each signal judges staleness against the date itself,
as `allocate --as-of` does.

Shapes: `scores` (n_days, n_signals), `views` (n_days, n_themes), both indexed by the price
data's dates; scores and views in [-1, 1], 0 where a signal is stale or has no data yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.advice.tables.tilts import TiltTable
from signals import SignalInputs
from signals.spec import SignalSpec


@dataclass(frozen=True, slots=True, eq=False)
class Histories:
    """Every signal's score and every theme's view on every date of the price data.

    scores: (n_days, n_signals) in registry order; views: (n_days, n_themes) in universe order.
    """

    scores: pd.DataFrame
    views: pd.DataFrame

    def upto(self, date: pd.Timestamp) -> Histories:
        """The rows on or before `date` (what was known then)."""
        return Histories(self.scores.loc[:date], self.views.loc[:date])


def histories(
    inputs: SignalInputs, registry: Sequence[SignalSpec], table: TiltTable, themes: Iterable[str]
) -> Histories:
    """Score histories of `registry` on `inputs`, and the theme views they give through `table`."""
    scores = score_histories(inputs, registry)
    return Histories(scores, view_histories(scores, table, themes))


def histories_from_series(
    series: Mapping[str, pd.Series],
    index: pd.DatetimeIndex,
    registry: Sequence[SignalSpec],
    table: TiltTable,
    themes: Iterable[str],
) -> Histories:
    """`histories` from score series already computed (signal name -> daily score, as
    `spec.history` gives it); a signal missing from `series` reads 0, like a stale reading."""
    scores = score_frame(series, index, [spec.name for spec in registry])
    return Histories(scores, view_histories(scores, table, themes))


def score_frame(
    series: Mapping[str, pd.Series], index: pd.DatetimeIndex, names: Sequence[str]
) -> pd.DataFrame:
    """(n_days, n_signals) the series on `index`, in `names`' order; 0 where none."""
    columns = {name: series[name].reindex(index) for name in names if name in series}
    frame = pd.DataFrame(columns, index=index, columns=list(names))
    return frame.astype(float).fillna(0.0)


def score_histories(inputs: SignalInputs, registry: Sequence[SignalSpec]) -> pd.DataFrame:
    """(n_days, n_signals) each signal's vectorised score on `inputs.prices`' dates.

    Stale flags of `inputs` are dropped (each date judges staleness against itself); a date a
    history does not cover reads 0, like a stale reading.
    """
    fresh = SignalInputs(prices=inputs.prices, macro=inputs.macro)
    series = {spec.name: spec.history(fresh) for spec in registry}
    return score_frame(series, inputs.prices.index, [spec.name for spec in registry])


def view_histories(scores: pd.DataFrame, table: TiltTable, themes: Iterable[str]) -> pd.DataFrame:
    """(n_days, n_themes) view = clip(sum(w * score) / sum(|w|), -1, 1) per theme and date.

    A signal the table lists but `scores` lacks counts as 0 (as an absent reading does).
    """
    views = {}
    for theme in themes:
        weights = table.rule(theme).weights
        total = sum(abs(w) for w in weights.values())
        view = np.zeros(len(scores))
        for signal, weight in weights.items():
            if signal in scores.columns and total:
                view = view + weight * scores[signal].to_numpy() / total
        views[theme] = np.clip(view, -1.0, 1.0)
    return pd.DataFrame(views, index=scores.index, columns=list(views))


def signal_themes(table: TiltTable, themes: Iterable[str]) -> tuple[tuple[str, str, float], ...]:
    """(signal, theme, weight) for every signal the table lists under a theme, in table order.

    The weight's sign says which side of the theme's trade the signal's subject is on.
    """
    return tuple(
        (signal, theme, weight)
        for theme in themes
        for signal, weight in table.rule(theme).weights.items()
    )
