"""Quality checks and merging of one price series: flag problems, never drop rows silently.

A price frame here has a tz-naive ascending DatetimeIndex and the columns of `FRAME_COLUMNS`:
adjusted close, open, high, low (same adjustment as close), volume (shares), source (id of the
import or refresh the row came from) and suspect (None, or the flag kind that makes the close
untrustworthy; suspect rows stay stored but are left out of the prices the signals read).

Moves are measured as price ratios so a fall and a rise of the same size count alike: a one-day
move is "big" when p1 / p0 > 1.4 or p1 / p0 < 1 / 1.4.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.data.market.plausible import bad_days, bad_prices, bad_volumes

FRAME_COLUMNS = ("close", "open", "high", "low", "volume", "source", "suspect")

MISSING = "missing"
DUPLICATE = "duplicate_date"
NON_POSITIVE = "non_positive"
BIG_MOVE = "big_move"
SPIKE = "spike"
PARTIAL = "partial_last_row"
REVISION = "revision"
REBASED = "rebased"
NO_OVERLAP = "unchecked_join"
IMPLAUSIBLE = "implausible"

VALUE_KINDS = frozenset({NON_POSITIVE, BIG_MOVE, SPIKE})
"""Flags derived from the stored closes alone; recomputed whenever a series is written."""

MOVE_RATIO = 1.4
SPIKE_REVERSION = 1.1
"""A big move then the opposite big move, ending within 10 % of the start, is a bad print."""
REVISION_TOLERANCE = 0.005
BASE_TOLERANCE = 1e-4
"""Two sources whose closes differ by a constant ratio beyond this are on different adjustment
bases (dividends since the older one was saved); yfinance exports agree to better than 1e-4."""
DAILY_SPACING = pd.Timedelta(days=4)
"""Macro series whose values are at most this far apart (median) are daily: a long weekend is
three days, a holiday week four."""
PARTIAL_VOLUME_RATIO = 0.5
PARTIAL_LOOKBACK = 20

YIELD_INDICES = frozenset({"^IRX", "^FVX", "^TNX", "^TYX"})
"""CBOE Treasury yield indices (percent, x10 for ^TNX): values at or below zero are real
(negative T-bill yields) and ratio moves near zero mean nothing, so for these the non-positive
check only flags and the move checks are skipped."""


@dataclass(frozen=True, slots=True)
class Flag:
    """A quality finding: `date` is ISO YYYY-MM-DD, `kind` one of the constants above."""

    ticker: str
    date: str
    kind: str
    detail: str


def iso(stamp: pd.Timestamp) -> str:
    return stamp.strftime("%Y-%m-%d")


def source_flags(
    ticker: str, missing: tuple[str, ...], duplicates: tuple[str, ...], source: str
) -> list[Flag]:
    """Flags for rows a file could not supply: blank closes and repeated dates."""
    flags = [Flag(ticker, day, MISSING, f"no close in {source}; not stored") for day in missing]
    flags += [
        Flag(ticker, day, DUPLICATE, f"date repeated in {source}; the last row was kept")
        for day in duplicates
    ]
    return flags


def notable_blanks(blank: pd.DatetimeIndex, valued: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """The blank rows of a macro file worth a "missing" flag: those between its first and last
    value, unless the series is daily (values a median DAILY_SPACING_DAYS days apart or less),
    where a blank is a day without an observation (FRED's "." on a holiday), not a gap.

    blank, valued: ascending dates of the rows without and with a value.
    """
    if len(valued) < 2 or valued.to_series().diff().median() <= DAILY_SPACING:
        return blank[:0]
    return blank[(blank > valued[0]) & (blank < valued[-1])]


def implausible_rows(
    ticker: str, frame: pd.DataFrame, source: str
) -> tuple[pd.DataFrame, list[Flag]]:
    """Keep garbage from a source that cannot be asked to fix it (a download) out of the store:
    rows with an implausible date or close (`desktop.data.market.plausible`) are dropped and
    flagged,
    implausible open/high/low/volume cells are blanked. Files are refused earlier, with lines."""
    dropped = bad_days(frame.index.to_numpy()) | bad_prices(frame["close"].to_numpy())
    flags = [
        Flag(ticker, iso(day), IMPLAUSIBLE, f"close {close:g} from {source}; not stored")
        for day, close in frame.loc[dropped & ~bad_days(frame.index.to_numpy()), "close"].items()
    ]
    kept = frame.loc[~dropped].copy()
    for column, bad in (("open", bad_prices), ("high", bad_prices), ("low", bad_prices)):
        kept.loc[bad(kept[column].to_numpy()), column] = np.nan
    kept.loc[bad_volumes(kept["volume"].to_numpy()), "volume"] = np.nan
    return kept, flags


def partial_last_row(ticker: str, frame: pd.DataFrame, source: str) -> Flag | None:
    """Flag a last row whose volume is under half the trailing median: an intraday snapshot."""
    volume = frame["volume"].dropna()
    if len(volume) <= PARTIAL_LOOKBACK or volume.index[-1] != frame.index[-1]:
        return None
    median = float(volume.iloc[-PARTIAL_LOOKBACK - 1 : -1].median())
    last = float(volume.iloc[-1])
    if median <= 0 or last >= PARTIAL_VOLUME_RATIO * median:
        return None
    detail = (
        f"last row of {source} traded {last:,.0f} shares against a {PARTIAL_LOOKBACK}-day "
        f"median of {median:,.0f}: an intraday snapshot, not a closing price"
    )
    return Flag(ticker, iso(frame.index[-1]), PARTIAL, detail)


def value_checks(ticker: str, close: pd.Series) -> tuple[list[Flag], pd.Series]:
    """Non-positive closes, bad prints and big moves.

    Returns the flags and a Series (same index as `close`) holding the suspect kind or None.
    """
    suspect = pd.Series(None, index=close.index, dtype="object")
    flags: list[Flag] = []
    non_positive = close <= 0
    for day, value in close[non_positive].items():
        kept = "kept: a yield can be zero or negative" if ticker in YIELD_INDICES else "ignored"
        flags.append(Flag(ticker, iso(day), NON_POSITIVE, f"close {value:g}; {kept}"))
    if ticker in YIELD_INDICES:
        return flags, suspect
    suspect[non_positive] = NON_POSITIVE
    positive = close[~non_positive]
    log_move = np.log(positive).diff()
    limit = np.log(MOVE_RATIO)
    big = log_move.abs() > limit
    following = log_move.shift(-1)
    spike = (
        big
        & (following.abs() > limit)
        & (np.sign(following) != np.sign(log_move))
        & ((log_move + following).abs() < np.log(SPIKE_REVERSION))
    )
    reversal = spike.shift(1, fill_value=False)
    prices = positive.to_numpy()
    for i in np.flatnonzero(spike.to_numpy()):
        detail = (
            f"bad print {prices[i]:g} between {prices[i - 1]:g} and {prices[i + 1]:g}; "
            "left out of the prices signals read"
        )
        flags.append(Flag(ticker, iso(positive.index[i]), SPIKE, detail))
        suspect[positive.index[i]] = SPIKE
    for i in np.flatnonzero((big & ~spike & ~reversal).to_numpy()):
        change = prices[i] / prices[i - 1] - 1
        detail = f"one-day move of {change:+.1%} ({prices[i - 1]:g} -> {prices[i]:g}); kept"
        flags.append(Flag(ticker, iso(positive.index[i]), BIG_MOVE, detail))
    return flags, suspect


def merge(
    ticker: str, stored: pd.DataFrame, incoming: pd.DataFrame, label: str
) -> tuple[pd.DataFrame, list]:
    """Join an incoming series onto the stored one without mixing adjustment bases.

    The series that extends later (the incoming one on a tie) is the reference: its rows win on
    overlapping dates and the other is rescaled by the constant ratio measured on the clean
    overlap, so history the reference lacks is kept on the reference's base. Open/high/low and
    volume missing from the reference are filled from the other source on the same dates.
    `label` names the incoming source in the flags.
    """
    if stored.empty:
        return incoming, []
    ref_is_incoming = incoming.index[-1] >= stored.index[-1]
    ref, other = (incoming, stored) if ref_is_incoming else (stored, incoming)
    overlap = ref.index.intersection(other.index)
    clean = overlap[
        ref.loc[overlap, "suspect"].isna().to_numpy()
        & other.loc[overlap, "suspect"].isna().to_numpy()
        & (ref.loc[overlap, "close"] > 0).to_numpy()
        & (other.loc[overlap, "close"] > 0).to_numpy()
    ]
    if clean.empty:
        detail = "no clean overlapping dates: could not check that the adjustment bases agree"
        return _combine(ref, other, overlap), [
            Flag(ticker, iso(incoming.index[0]), NO_OVERLAP, detail)
        ]
    flags = []
    ratio = float((ref.loc[clean, "close"] / other.loc[clean, "close"]).median())
    if abs(ratio - 1) > BASE_TOLERANCE:
        other = _rescale(other, ratio)
        other_label = "the stored rows" if ref_is_incoming else label
        flags.append(_rebased_flag(ticker, other, other_label, ref, ratio))
    flags.extend(_revision_flag(ticker, ref.loc[clean, "close"], other.loc[clean, "close"]))
    return _combine(ref, other, overlap), flags


def _rescale(frame: pd.DataFrame, ratio: float) -> pd.DataFrame:
    scaled = frame.copy()
    scaled[["close", "open", "high", "low"]] = frame[["close", "open", "high", "low"]] * ratio
    return scaled


def _combine(ref: pd.DataFrame, other: pd.DataFrame, overlap: pd.DatetimeIndex) -> pd.DataFrame:
    # A suspect row (e.g. an intraday snapshot) lends nothing to a good row of the same date.
    donor = other.copy()
    lent = donor.index.isin(overlap) & donor["suspect"].notna().to_numpy()
    donor.loc[lent, ["open", "high", "low", "volume"]] = np.nan
    merged = ref.combine_first(donor)
    # Provenance and the suspect mark belong to whichever row supplied the close.
    merged.loc[overlap, ["source", "suspect"]] = ref.loc[overlap, ["source", "suspect"]]
    return merged.loc[:, list(FRAME_COLUMNS)].astype({"source": "int64"})


def _rebased_flag(
    ticker: str, other: pd.DataFrame, label: str, ref: pd.DataFrame, ratio: float
) -> Flag:
    detail = (
        f"{label}: different adjustment base (ratio {ratio:.6f}, e.g. dividends paid since the "
        f"older data was saved); rescaled onto the series ending {iso(ref.index[-1])}"
    )
    return Flag(ticker, iso(other.index[-1]), REBASED, detail)


def _revision_flag(ticker: str, ref: pd.Series, other: pd.Series) -> list[Flag]:
    gap = (other / ref - 1).abs()
    bad = gap[gap > REVISION_TOLERANCE]
    if bad.empty:
        return []
    worst = bad.idxmax()
    detail = (
        f"{len(bad)} overlapping close(s) disagree by more than {REVISION_TOLERANCE:.1%}; "
        f"largest {bad.max():.2%} on {iso(worst)}: kept {ref[worst]:g}, not {other[worst]:g}"
    )
    return [Flag(ticker, iso(bad.index[-1]), REVISION, detail)]
