"""Synthetic macro releases for the demo, in the long layout of `signals.inputs.empty_macro()`.

Each series is a latent cycle (linear between knots, in logs for claims and fund assets) plus
persistent AR(1) noise, sampled on its release calendar. Consensus forecasts follow the latent
trend and half of the last surprise, plus their own error, so surprises look like real ones.
The last releases are pinned to the January 2026 readings the research notes discuss: a strong
Philly Fed and Empire State beat, claims below consensus, money-market fund assets turning down
from a peak, consumer sentiment low and rising. `date` is the release date (no look-ahead).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scripts.demo_data.scenario import END, SEED, START, knots


@dataclass(frozen=True, slots=True)
class MacroSpec:
    """One macro series: release calendar, latent knots, noise, consensus and pinned releases.

    calendar: a pandas frequency for release dates ("W-THU": weekly on Thursdays; "WOM-3THU":
        third Thursday of each month; "WOM-2FRI": second Friday; "SMS": the 15th, moved to the
        next weekday).
    noise: standard deviation of the release around the latent level (index points, or log
        units when `in_logs`); persistence: AR(1) coefficient of that noise, per release.
    consensus_error: standard deviation of the consensus error; None: no consensus is published.
    pins: (release date, actual, consensus) that replace the generated release on that date.
    decimals: decimals the releases are rounded to, as the source publishes them.
    """

    series: str
    calendar: str
    latent: tuple[tuple[str, float], ...]
    noise: float
    persistence: float
    consensus_error: float | None
    in_logs: bool = False
    pins: tuple[tuple[str, float, float], ...] = ()
    decimals: int = 1


MACRO_SPECS = (
    MacroSpec(
        "philly_fed",
        "WOM-3THU",
        knots(
            "2006-01-02 10, 2007-06-01 8, 2008-01-15 -20, 2008-10-15 -38, 2009-02-15 -41,"
            "2009-08-15 5, 2010-04-15 20, 2011-08-15 -25, 2012-06-15 -12, 2013-12-15 8,"
            "2014-11-15 35, 2015-12-15 -5, 2017-02-15 40, 2018-06-15 22, 2019-08-15 8,"
            "2020-04-15 -56, 2020-06-15 27, 2021-03-15 45, 2022-06-15 -5, 2023-03-15 -23,"
            "2023-09-15 -10, 2024-03-15 3, 2025-01-15 20, 2025-04-15 -22, 2025-08-15 -0.3,"
            "2025-11-15 -5, 2025-12-15 -8, 2026-01-30 2"
        ),
        noise=7.0,
        persistence=0.3,
        consensus_error=3.0,
        pins=(("2026-01-15", 12.6, -1.6),),
    ),
    MacroSpec(
        "empire_state",
        "SMS",
        knots(
            "2006-01-02 15, 2008-11-15 -25, 2009-01-15 -34, 2010-06-15 20, 2011-08-15 -7,"
            "2012-09-15 -5, 2014-07-15 22, 2015-09-15 -10, 2017-03-15 15, 2018-05-15 20,"
            "2019-11-15 3, 2020-04-15 -78, 2020-07-15 17, 2021-07-15 43, 2022-08-15 -30,"
            "2023-06-15 0, 2024-06-15 -6, 2025-04-15 -9, 2025-06-15 -15, 2025-09-15 10,"
            "2025-12-15 -3, 2026-01-30 2"
        ),
        noise=9.0,
        persistence=0.2,
        consensus_error=4.0,
        pins=(("2026-01-15", 7.7, 0.8),),
    ),
    MacroSpec(
        "jobless_claims",
        "W-THU",
        knots(
            "2006-01-02 300, 2008-01-15 340, 2009-03-26 650, 2010-06-15 460, 2012-06-15 370,"
            "2014-06-15 300, 2017-06-15 240, 2019-06-15 215, 2020-03-12 215, 2020-03-19 3300,"
            "2020-03-26 6800, 2020-04-02 6600, 2020-04-09 5200, 2020-04-30 3800,"
            "2020-06-30 1400, 2021-03-15 700, 2021-12-15 210, 2022-03-15 170, 2022-07-15 250,"
            "2023-06-15 250, 2024-06-15 225, 2025-06-15 245, 2025-12-15 222, 2026-01-30 205"
        ),
        noise=0.035,
        persistence=0.4,
        consensus_error=0.02,
        in_logs=True,
        pins=(("2026-01-15", 198, 215), ("2026-01-22", 201, 210), ("2026-01-29", 204, 211)),
    ),
    MacroSpec(
        "mmf_assets",
        "W-THU",
        knots(
            "2006-01-02 2000, 2008-01-15 3100, 2009-01-15 3920, 2010-06-15 3000,"
            "2012-06-15 2650, 2015-06-15 2700, 2018-06-15 2900, 2019-12-15 3600,"
            "2020-02-27 3650, 2020-05-14 4780, 2021-06-15 4500, 2022-06-15 4600,"
            "2023-03-30 5150, 2023-12-15 5900, 2024-12-15 6850, 2025-04-15 7000,"
            "2025-12-11 7700, 2026-01-08 7790"
        ),
        noise=0.004,
        persistence=0.6,
        consensus_error=None,
        in_logs=True,
        pins=(
            ("2026-01-08", 7800, np.nan),
            ("2026-01-15", 7720, np.nan),
            ("2026-01-22", 7702, np.nan),
            ("2026-01-29", 7689, np.nan),
        ),
    ),
    MacroSpec(
        "consumer_sentiment",
        "WOM-2FRI",
        knots(
            "2006-01-02 91, 2008-06-15 56.4, 2008-11-15 55.3, 2009-06-15 70, 2011-08-15 55.7,"
            "2012-12-15 72.9, 2015-01-15 98, 2018-03-15 101.4, 2019-12-15 99, 2020-04-15 71.8,"
            "2021-03-15 84.9, 2021-08-15 70.3, 2022-06-15 50, 2023-07-15 71.5, 2024-03-15 79.4,"
            "2024-11-15 71.8, 2025-04-15 52.2, 2025-07-15 61.7, 2025-11-15 51, 2026-01-30 54"
        ),
        noise=2.0,
        persistence=0.5,
        consensus_error=1.2,
        pins=(("2025-11-14", 50.3, 53.0), ("2025-12-12", 53.3, 52.0), ("2026-01-09", 54.0, 53.5)),
    ),
)


def generate_macro(
    seed: int = SEED,
    specs: tuple[MacroSpec, ...] = MACRO_SPECS,
    extra: tuple[pd.DataFrame, ...] = (),
) -> pd.DataFrame:
    """Long frame (series, date, actual, consensus): each spec's releases in spec order, then the
    `extra` frames (already in that layout), each by release date."""
    frames = [*(_releases(spec, seed) for spec in specs), *extra]
    macro = pd.concat(frames, ignore_index=True)
    return macro.astype(
        {"series": "string", "date": "datetime64[ns]", "actual": "float64", "consensus": "float64"}
    )


def _releases(spec: MacroSpec, seed: int) -> pd.DataFrame:
    dates = _calendar(spec.calendar)
    rng = np.random.default_rng([seed, zlib.crc32(spec.series.encode())])
    at = _day_numbers(pd.DatetimeIndex([day for day, _ in spec.latent]))
    values = np.array([value for _, value in spec.latent])
    latent = np.interp(_day_numbers(dates), at, np.log(values) if spec.in_logs else values)
    noise = _ar1(rng.standard_normal(len(dates)) * spec.noise, spec.persistence)
    actual = latent + noise
    consensus = np.full(len(dates), np.nan)
    if spec.consensus_error is not None:
        previous_surprise = np.concatenate([[0.0], noise[:-1]])
        error = rng.standard_normal(len(dates)) * spec.consensus_error
        consensus = latent + 0.5 * previous_surprise + error
    if spec.in_logs:
        actual, consensus = np.exp(actual), np.exp(consensus)
    frame = pd.DataFrame(
        {"series": spec.series, "date": dates, "actual": actual, "consensus": consensus}
    )
    return _pin(frame.round({"actual": spec.decimals, "consensus": spec.decimals}), spec)


def _calendar(frequency: str) -> pd.DatetimeIndex:
    """Release dates from START to END; "SMS" means the 15th, or the next weekday."""
    if frequency == "SMS":
        fifteenths = pd.date_range(START, END, freq="MS") + pd.Timedelta(days=14)
        rolled = fifteenths + pd.offsets.BDay(0)  # a weekend 15th moves to Monday
        return pd.DatetimeIndex(rolled[rolled <= pd.Timestamp(END)])
    return pd.date_range(START, END, freq=frequency)


def _day_numbers(dates: pd.DatetimeIndex) -> np.ndarray:
    """Days since the epoch, whatever the index's time unit."""
    return dates.to_numpy().astype("datetime64[D]").astype(np.int64)


def _ar1(shocks: np.ndarray, persistence: float) -> np.ndarray:
    """AR(1) noise with the stationary variance of the shocks: x_t = p x_{t-1} + sqrt(1-p²) e_t."""
    out = np.empty_like(shocks)
    level = 0.0
    scale = np.sqrt(1 - persistence**2)
    for i, shock in enumerate(shocks):
        level = persistence * level + scale * shock
        out[i] = level
    return out


def _pin(frame: pd.DataFrame, spec: MacroSpec) -> pd.DataFrame:
    for day, actual, consensus in spec.pins:
        row = frame["date"] == pd.Timestamp(day)
        if not row.any():
            raise ValueError(f"{spec.series}: pinned release {day} is not on its calendar")
        frame.loc[row, ["actual", "consensus"]] = [actual, consensus]
    return frame
