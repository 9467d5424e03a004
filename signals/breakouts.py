"""Multi-year bases and breakouts from them, over a close series.

The chartist's model, made explicit:
- A *breakout* is a new all-time closing high that ends a *base*: the highest close set at least
  `base_years` earlier (the base's top, dated `base_start`) was never exceeded by more than
  `fakeout_band` since. Brief pokes above the top that later failed (fake-outs) stay part of the
  base, so a base is measured from its top to the breakout that holds.
- The breakout's *level* is the prior all-time high it closed above. Afterwards the price
  *holds* while it closes at or above the level, *retests* while less than `retest_tolerance`
  below it, and *fails* on a close further below; the next breakout starts a new run.
- A steady uptrend never qualifies: its highs of `base_years` ago are far below today's.

`breakout_reading` and `breakout_history` make a signal of one ticker's breakouts (the small-cap
and energy signals differ only in ticker and parameters).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from signals.freshness import fresh_history, missing_or_stale
from signals.indicators import last_event_date, prior_high, valid_closes
from signals.inputs import SignalInputs
from signals.reading import Reading, iso_day

DAYS_PER_YEAR = 365.25

HOLDING = "holding"
RETEST = "retest"
FAILED = "failed"
BASE = "base"
"""States: HOLDING / RETEST in a breakout run; FAILED out of a run whose breakout is recent;
BASE otherwise (below the all-time high, or at new highs without a qualifying base)."""


def breakout_table(
    close: pd.Series,
    *,
    base_years: float,
    fakeout_band: float,
    retest_tolerance: float,
    fail_memory_years: float,
) -> pd.DataFrame:
    """Base and breakout state of `close` (NaN-free adjusted closes) at every date.

    Columns, each at date t using closes up to t only:
        ceiling        in a run, the level broken out of; otherwise the prior all-time high
        ceiling_date   date that level was set
        vs_ceiling     close / ceiling - 1 (decimal)
        breakout_date  start of the current run (NaT outside runs)
        base_start     top of the base the current run broke out of (NaT outside runs)
        base_years     years from base_start to breakout_date
        age_years      years since breakout_date
        last_breakout  most recent breakout date, whether its run still holds or failed
        state          HOLDING, RETEST, FAILED or BASE ("" before the first close)
    Decimals: `fakeout_band` 0.10 = fake-outs up to 10 % over the base's top are tolerated;
    `retest_tolerance` 0.05 = a retest may close 5 % under the level without failing.
    """
    dates = close.index
    prior = prior_high(close)
    prior_date = last_event_date(close >= close.cummax()).shift(1)
    aged, aged_at = _aged_high(close, base_years)
    qualifies = (close > prior) & (prior <= aged * (1.0 + fakeout_band))
    start = _run_starts(
        close.to_numpy(), prior.to_numpy(), qualifies.to_numpy(), aged_at, retest_tolerance
    )
    in_run = start >= 0
    pick = np.where(in_run, start, 0)
    nat = np.datetime64("NaT", "ns")

    def run_value(values: np.ndarray, outside: Any) -> pd.Series:
        """Per date: `values` at the row of its run's breakout, `outside` when not in a run."""
        return pd.Series(np.where(in_run, values[pick], outside), index=dates)

    table = pd.DataFrame(
        {
            "ceiling": run_value(prior.to_numpy(), prior.to_numpy()),
            "ceiling_date": run_value(prior_date.to_numpy(), prior_date.to_numpy()),
            "breakout_date": run_value(dates.values, nat),
            "base_start": run_value(dates.values[aged_at], nat),
        }
    )
    table["vs_ceiling"] = close / table["ceiling"] - 1.0
    table["base_years"] = _years(table["breakout_date"] - table["base_start"])
    table["age_years"] = _years(dates - table["breakout_date"])
    table["last_breakout"] = last_event_date(
        pd.Series(in_run & (start == np.arange(len(dates))), dates)
    )
    recent_fail = _years(dates - table["last_breakout"]) <= fail_memory_years
    table["state"] = np.select(
        [table["vs_ceiling"].isna(), in_run & (table["vs_ceiling"] >= 0), in_run],
        ["", HOLDING, RETEST],
        default=np.where(recent_fail, FAILED, BASE),
    )
    return table


def _years(span: pd.Series) -> pd.Series:
    """Timedeltas -> years (365.25-day), NaN for NaT."""
    return span.dt.days / DAYS_PER_YEAR


def _aged_high(close: pd.Series, years: float) -> tuple[pd.Series, np.ndarray]:
    """(highest close up to t - years, its row) at every t; NaN and row 0 before enough history."""
    dates = close.index
    values = close.to_numpy()
    running_max = np.maximum.accumulate(values)
    rows = np.arange(len(values))
    max_row = np.maximum.accumulate(np.where(values >= running_max, rows, 0))
    cutoff = dates - pd.Timedelta(days=round(DAYS_PER_YEAR * years))
    pos = dates.searchsorted(cutoff, side="right") - 1
    known = pos >= 0
    level = np.where(known, running_max[pos], np.nan)
    return pd.Series(level, index=dates), np.where(known, max_row[pos], 0)


def _run_starts(
    close: np.ndarray,
    prior: np.ndarray,
    qualifies: np.ndarray,
    base_top: np.ndarray,
    tolerance: float,
) -> np.ndarray:
    """Row of the breakout that started the run each row belongs to (-1 outside runs).

    A run ends at its first close under level * (1 - tolerance) (a failure), or at a breakout
    out of a newer base, one whose top was set after this run began. Sequential over runs, not
    rows: each end is found with vectorised searches, and a series has only a handful of runs.
    """
    start = np.full(len(close), -1, dtype=np.int64)
    events = np.flatnonzero(qualifies)
    i = 0
    while i < len(events):
        first = int(events[i])
        broken = np.flatnonzero(close[first:] < prior[first] * (1.0 - tolerance))
        newer = events[(events > first) & (base_top[events] >= first)]
        end = min(
            first + broken[0] if broken.size else len(close),
            newer[0] if newer.size else len(close),
        )
        start[first:end] = first
        i = int(np.searchsorted(events, end))
    return start


def breakout_score(table: pd.DataFrame, *, base_years: float, fade_years: float) -> pd.Series:
    """Score in [-1, 1] from `breakout_table` rows; > 0 favours the asset.

    HOLDING: strength * fade, strength = 0.5 + 0.5 * clip(base / base_years - 1, 0, 1), so a
    base of twice the minimum scores full (longer bases carry more weight, per the notes);
    fade = clip(1 - age_years / fade_years, 0, 1), a breakout is news for `fade_years`.
    RETEST: half of that. FAILED: -0.5 (a false breakout). BASE: 0. NaN before any state.
    """
    strength = 0.5 + 0.5 * np.clip(table["base_years"].to_numpy() / base_years - 1.0, 0.0, 1.0)
    fade = np.clip(1.0 - table["age_years"].to_numpy() / fade_years, 0.0, 1.0)
    state = table["state"].to_numpy()
    score = np.select(
        [state == HOLDING, state == RETEST, state == FAILED, state == ""],
        [strength * fade, 0.5 * strength * fade, -0.5, np.nan],
        default=0.0,
    )
    return pd.Series(score, index=table.index)


def scored_breakouts(
    close: pd.Series,
    base_years: float,
    fakeout_band: float,
    retest_tolerance: float,
    fade_years: float,
    fail_memory_years: float = 1.0,
) -> pd.DataFrame:
    """`breakout_table` plus its `breakout_score` in column "score"."""
    table = breakout_table(
        close,
        base_years=base_years,
        fakeout_band=fakeout_band,
        retest_tolerance=retest_tolerance,
        fail_memory_years=fail_memory_years,
    )
    table["score"] = breakout_score(table, base_years=base_years, fade_years=fade_years)
    return table


def breakout_reading(
    inputs: SignalInputs,
    name: str,
    ticker: str,
    base_years: float,
    fakeout_band: float,
    retest_tolerance: float,
    fade_years: float,
) -> Reading:
    """`ticker`'s breakout state at `inputs.as_of` scored by `breakout_score`, with its sentence.

    Stale unless `ticker` has two fresh closes. Parameters as for `scored_breakouts`.
    """
    stale = missing_or_stale(inputs, name, [ticker], min_rows=2)
    if stale is not None:
        return stale
    params = (base_years, fakeout_band, retest_tolerance, fade_years)
    table = scored_breakouts(valid_closes(inputs.prices, ticker), *params)
    return Reading(
        name=name,
        score=float(table["score"].iloc[-1]),
        explanation=breakout_sentence(ticker, table, base_years),
        evidence=breakout_evidence(table),
        as_of=inputs.as_of,
    )


def breakout_history(
    inputs: SignalInputs,
    ticker: str,
    base_years: float,
    fakeout_band: float,
    retest_tolerance: float,
    fade_years: float,
) -> pd.Series:
    """`breakout_reading`'s score at every date of `inputs.prices` (0 where stale)."""
    params = (base_years, fakeout_band, retest_tolerance, fade_years)
    return fresh_history(
        inputs,
        [ticker],
        lambda: scored_breakouts(valid_closes(inputs.prices, ticker), *params)["score"],
        min_rows=2,
    )


def breakout_sentence(ticker: str, table: pd.DataFrame, base_years: float) -> str:
    """One sentence on the last row of a `scored_breakouts` table, with dates and sizes."""
    row = table.iloc[-1]
    vs = 100 * row["vs_ceiling"]
    if row["state"] in (HOLDING, RETEST):
        verb = "holds" if row["state"] == HOLDING else "is retesting"
        sessions = int((table.index > row["breakout_date"]).sum())
        base = f"a {row['base_years']:.1f}-year base"
        if row["base_start"] != row["ceiling_date"]:
            base += f" that began at the {iso_day(row['base_start'])} top"
        return (
            f"{ticker} {verb} its {iso_day(row['breakout_date'])} breakout ({sessions} sessions "
            f"ago) above its {iso_day(row['ceiling_date'])} high ({vs:+.1f}% vs that level), "
            f"ending {base}."
        )
    if row["state"] == FAILED:
        return (
            f"{ticker}'s {iso_day(row['last_breakout'])} breakout failed: it is {-vs:.1f}% below "
            f"its {iso_day(row['ceiling_date'])} high."
        )
    if vs >= 0:
        return f"{ticker} is at a new high, but not out of a base of {base_years:g}+ years."
    high = iso_day(row["ceiling_date"])
    return f"{ticker} is {-vs:.1f}% below its {high} high, with no breakout."


def breakout_evidence(table: pd.DataFrame) -> dict[str, object]:
    """The numbers behind `breakout_sentence`: percent, price, years, ISO dates.

    Breakout keys appear only during a breakout run; last_breakout only once one happened.
    """
    row = table.iloc[-1]
    evidence: dict[str, object] = {
        "state": row["state"],
        "close_vs_level_pct": 100 * float(row["vs_ceiling"]),
        "level": float(row["ceiling"]),
        "level_date": iso_day(row["ceiling_date"]),
    }
    if pd.notna(row["breakout_date"]):
        evidence |= {
            "breakout_date": iso_day(row["breakout_date"]),
            "sessions_since_breakout": int((table.index > row["breakout_date"]).sum()),
            "base_start": iso_day(row["base_start"]),
            "base_years": float(row["base_years"]),
        }
    if pd.notna(row["last_breakout"]):
        evidence["last_breakout"] = iso_day(row["last_breakout"])
    return evidence
