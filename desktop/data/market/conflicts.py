"""A re-import never replaces a good stored value with a worse one; the user chooses instead.

An incoming row is *worse* when the stored close of that date is good (positive, not suspect)
and the incoming close would be suspect: non-positive (outside the Treasury yield indices,
where zero and below are real) or a bad print within the incoming series itself. Such a row is
set aside before the merge, so the stored row stays and the signals see no gap; it waits in
the `conflicts` table with a CONFLICT flag on that date until the user keeps the stored value
or takes the offered one (`resolve`; the Data tab lists the flag).

Offered values are kept as the source gave them: taking one writes it as is, without the
rescaling a merge applies to a whole series on another adjustment base (dividends shift a
close by a few percent at most, and the offered value was judged suspect anyway).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from desktop.data.market.quality import (
    BIG_MOVE,
    NON_POSITIVE,
    PARTIAL,
    SPIKE,
    YIELD_INDICES,
    Flag,
    iso,
    value_checks,
)

CONFLICT = "conflict"
_ROW = ["close", "open", "high", "low", "volume"]


_WHY = {
    NON_POSITIVE: "a close of zero or less",
    SPIKE: "a one-day jump that the next day takes back (a bad print)",
    BIG_MOVE: "a move far larger than the series makes",
    PARTIAL: "an intraday snapshot, not the day's close",
}


@dataclass(frozen=True, slots=True)
class Conflict:
    """A date where an import offered a worse close than the one kept: `stored` and `offered`
    closes (adjusted, the source's currency), where the offer came from and why it is worse."""

    ticker: str
    date: str
    stored: float
    offered: float
    source: str
    reason: str

    @property
    def why(self) -> str:
        """The reason in words, for a person choosing which close to keep."""
        return _WHY.get(self.reason, self.reason.replace("_", " "))


def set_aside_worse(
    ticker: str, stored: pd.DataFrame, incoming: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split `incoming` (FRAME_COLUMNS) into the rows to merge and the worse rows set aside;
    the set-aside frame has a `reason` column (the suspect kind the offered close would get)."""
    if stored.empty or ticker in YIELD_INDICES:
        return incoming, incoming.iloc[:0].assign(reason=pd.Series(dtype="object"))
    _, suspect = value_checks(ticker, incoming["close"])
    shared = incoming.index.isin(stored.index)
    good_stored = stored.reindex(incoming.index)
    good = good_stored["suspect"].isna().to_numpy() & (good_stored["close"] > 0).to_numpy()
    worse = shared & good & suspect.notna().to_numpy()
    worse &= (incoming["suspect"] != PARTIAL).to_numpy()
    return incoming.loc[~worse], incoming.loc[worse].assign(reason=suspect[worse])


def record(db: Any, ticker: str, offered: pd.DataFrame, stored: pd.DataFrame, label: str):
    """Store the set-aside rows (replacing an older offer for the same date) and return one
    CONFLICT flag per date."""
    days = offered.index.to_numpy(dtype="datetime64[D]").astype(str).tolist()
    values = offered[_ROW].astype(object).where(offered[_ROW].notna(), None)
    db.conn.executemany(
        "INSERT OR REPLACE INTO conflicts (ticker, date, close, open, high, low, volume, "
        "source_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (ticker, day, *row, int(source), reason)
            for day, row, source, reason in zip(
                days, values.itertuples(index=False), offered["source"], offered["reason"],
                strict=True,
            )
        ],
    )  # fmt: skip
    return [
        Flag(
            ticker,
            iso(day),
            CONFLICT,
            f"kept the stored close {stored.loc[day, 'close']:g}; {label} offered "
            f"{row.close:g} ({row.reason}): keep it or take the offer on the Data tab",
        )
        for day, row in offered.iterrows()
    ]


def read_conflicts(db: Any) -> list[Conflict]:
    rows = db.execute(
        "SELECT c.ticker, c.date, p.close, c.close, s.label, c.reason FROM conflicts AS c "
        "JOIN sources AS s ON s.id = c.source_id "
        "LEFT JOIN prices AS p ON p.ticker = c.ticker AND p.date = c.date "
        "ORDER BY c.ticker, c.date"
    ).fetchall()
    return [
        Conflict(t, d, _float(kept), _float(offer), src, why)
        for t, d, kept, offer, src, why in rows
    ]


def take_offer(db: Any, ticker: str, day: str) -> bool:
    """Write the offered row over the stored one (the caller re-checks the series); False when
    there is no conflict on that date."""
    row = db.execute(
        "SELECT close, open, high, low, volume, source_id FROM conflicts "
        "WHERE ticker = ? AND date = ?",
        [ticker, day],
    ).fetchone()
    if row is None:
        return False
    db.execute(
        "UPDATE prices SET close = ?, open = ?, high = ?, low = ?, volume = ?, source_id = ? "
        "WHERE ticker = ? AND date = ?",
        [*row, ticker, day],
    )
    return True


def forget(db: Any, ticker: str, day: str) -> None:
    """Drop the offer and its flag (the user chose)."""
    db.execute("DELETE FROM conflicts WHERE ticker = ? AND date = ?", [ticker, day])
    db.execute(
        "DELETE FROM quality_flags WHERE ticker = ? AND date = ? AND kind = ?",
        [ticker, day, CONFLICT],
    )


def _float(value: object) -> float:
    return float(value) if isinstance(value, int | float) else float(np.nan)
