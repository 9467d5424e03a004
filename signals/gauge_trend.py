"""One gauge's trend, read as a signal: the body the dollar and rates signals share.

Each of those modules states only its gauge (one ticker), how the gauge's trend is measured
(its `table`: log changes for a price, differences for a yield) and its words (`describe`).
The reading is stale when the gauge is missing, has fewer than `window` + 1 closes, is stale,
or has not moved over the window (its trend z is then 0 / 0).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from signals.freshness import fresh_history, missing_or_stale, stale_reading
from signals.indicators import valid_closes
from signals.inputs import SignalInputs
from signals.reading import Reading


@dataclass(frozen=True, slots=True)
class GaugeTrend:
    """A signal that scores one ticker's trend.

    table(closes, window, vol_window, z_scale): a frame indexed like `closes` (the gauge's
        NaN-free closes) with at least the columns change, z and score (in [-1, 1], NaN while
        undefined).
    describe(row, window): the sentence and the evidence for the table's last row.
    """

    name: str
    ticker: str
    table: Callable[[pd.Series, int, int, float], pd.DataFrame]
    describe: Callable[[pd.Series, int], tuple[str, dict[str, object]]]

    def reading(
        self, inputs: SignalInputs, window: int, vol_window: int, z_scale: float
    ) -> Reading:
        """The gauge's trend at `inputs.as_of` as a Reading (stale ones score 0)."""
        stale = missing_or_stale(inputs, self.name, (self.ticker,), min_rows=window + 1)
        if stale is not None:
            return stale
        row = self._table(inputs, window, vol_window, z_scale).iloc[-1]
        if not math.isfinite(row["score"]):
            why = f"{self.ticker} has not moved in {window} sessions"
            return stale_reading(self.name, why, inputs.as_of)
        sentence, evidence = self.describe(row, window)
        return Reading(self.name, float(row["score"]), sentence, evidence, inputs.as_of)

    def history(
        self, inputs: SignalInputs, window: int, vol_window: int, z_scale: float
    ) -> pd.Series:
        """`reading`'s score at every date of `inputs.prices` (0 where it would be stale)."""
        return fresh_history(
            inputs,
            (self.ticker,),
            lambda: self._table(inputs, window, vol_window, z_scale)["score"],
            min_rows=window + 1,
        )

    def _table(
        self, inputs: SignalInputs, window: int, vol_window: int, z_scale: float
    ) -> pd.DataFrame:
        closes = valid_closes(inputs.prices, self.ticker)
        return self.table(closes, window, vol_window, z_scale)
