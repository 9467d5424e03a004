"""Macro surprise: the latest manufacturing and labour releases against what was expected.

Series: Philly Fed and Empire State manufacturing indices, and initial jobless claims with the
sign inverted (fewer claims than expected is good news). Each release is compared with
- its consensus, when one was entered for that release, else
- its own recent trend: the mean of the releases in the previous `trend_months` (3 monthly
  releases, 13 weekly ones).
The surprise is divided by a robust standard deviation (IQR / 1.349) of the same kind of surprise
over the series' previous `history_years` of releases: past consensus misses when at least
`min_history` were entered, else past surprises against the trend.

Score map: z_i = sign_i * surprise_i / scale_i for each series whose last release is fresh (see
`signals.macro_releases`); score = tanh(mean_i(z_i) / z_scale). Series that are missing or stale
are left out and named in the sentence; with none left the reading is stale.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from signals.freshness import masked_history, stale_reading
from signals.inputs import SignalInputs
from signals.macro_releases import (
    SERIES,
    fresh_series_mask,
    missing_or_stale_series,
    releases,
    releases_per_year,
    robust_sd,
)
from signals.pooling import Pool, member_columns, pool
from signals.reading import Reading
from signals.scoring import squash
from signals.spec import SignalSpec

NAME = "macro_surprise"
SIGNS = {"philly_fed": 1.0, "empire_state": 1.0, "jobless_claims": -1.0}
"""+1 where a higher release is good news for cyclicals, -1 where it is bad news."""


def macro_surprise(
    inputs: SignalInputs,
    *,
    history_years: float = 3.0,
    trend_months: int = 3,
    min_history: int = 12,
    z_scale: float = 1.5,
) -> Reading:
    """Surprise of the latest releases at `inputs.as_of`; > 0 (beats) favours cyclicals.

    history_years: years of past surprises that set each series' scale.
    trend_months: months of releases whose mean is the expectation when no consensus exists.
    min_history: past surprises needed before a scale is trusted.
    z_scale: mean z at which the score reaches -/+0.76 (tanh(1)).
    Evidence per series: actual, expected, basis ("consensus" or "trend"), z, release date.
    """
    params = (history_years, trend_months, min_history)
    series = pool(SIGNS, lambda series_id: _latest(inputs, series_id, *params))
    if not series.used:
        return stale_reading(NAME, series.reasons, inputs.as_of)
    mean_z = float(np.mean([row["z"] for _, row in series.used]))
    score = float(squash(mean_z, z_scale))
    return Reading(
        name=NAME,
        score=score,
        explanation=_sentence(series, score),
        evidence=_evidence(series, mean_z),
        as_of=inputs.as_of,
    )


def macro_surprise_history(
    inputs: SignalInputs,
    *,
    history_years: float = 3.0,
    trend_months: int = 3,
    min_history: int = 12,
    z_scale: float = 1.5,
) -> pd.Series:
    """`macro_surprise` score at every date of `inputs.prices` (0 where stale)."""
    params = (history_years, trend_months, min_history)
    z = member_columns(
        inputs.prices.index,
        SIGNS,
        lambda series_id: fresh_series_mask(inputs, series_id),
        lambda series_id: _surprises(inputs, series_id, *params)["z"],
    )
    mean_z = z.mean(axis=1)
    return masked_history(squash(mean_z, z_scale), mean_z.notna())


def _surprises(
    inputs: SignalInputs,
    series_id: str,
    history_years: float,
    trend_months: int,
    min_history: int,
) -> pd.DataFrame:
    """Per release: actual, expected, basis, z (signed so that > 0 is good news)."""
    table = releases(inputs, series_id)
    per_year = releases_per_year(series_id)
    n_trend = max(1, round(trend_months * per_year / 12))
    window = round(history_years * per_year)
    actual, consensus = table["actual"], table["consensus"]
    trend = actual.shift(1).rolling(n_trend, min_periods=n_trend).mean()
    # A spread this small is rounding noise (e.g. consensus misses that never vary): dividing by
    # it would make any surprise look like thousands of sigmas, so it counts as no spread.
    tiny = 1e-9 * max(1.0, float(actual.abs().median()))
    trend_scale = _spread(actual - trend, window, min_history, tiny)
    consensus_scale = _spread(actual - consensus, window, min_history, tiny)
    has_consensus = consensus.notna()
    expected = consensus.where(has_consensus, trend)
    scale = consensus_scale.where(has_consensus & consensus_scale.notna(), trend_scale)
    z = SIGNS[series_id] * (actual - expected) / scale
    basis = np.where(has_consensus, "consensus", "trend")
    return table.assign(expected=expected, basis=basis, z=z)


def _spread(misses: pd.Series, window: int, min_history: int, tiny: float) -> pd.Series:
    """Robust spread of past misses; NaN where too few or where they do not vary."""
    spread = robust_sd(misses, window, min_history)
    return spread.where(spread > tiny)


def _latest(
    inputs: SignalInputs,
    series_id: str,
    history_years: float,
    trend_months: int,
    min_history: int,
) -> pd.Series | Reading:
    """The latest release's surprise row, or a stale Reading saying why there is none."""
    stale = missing_or_stale_series(inputs, NAME, series_id)
    if stale is not None:
        return stale
    row = _surprises(inputs, series_id, history_years, trend_months, min_history).iloc[-1]
    return row if math.isfinite(row["z"]) else _too_short(inputs, series_id, min_history)


def _too_short(inputs: SignalInputs, series_id: str, min_history: int) -> Reading:
    label = SERIES[series_id].label
    count = len(releases(inputs, series_id))
    if count > min_history:
        why = (
            f"the past surprises of {label} do not vary, so a new one cannot be scaled; "
            "check the consensus figures entered"
        )
    else:
        why = (
            f"{label} has {count} release{'' if count == 1 else 's'}, too few to scale a "
            f"surprise (needs {min_history} past surprises); {SERIES[series_id].source}"
        )
    return stale_reading(NAME, why, inputs.as_of)


def _sentence(series: Pool, score: float) -> str:
    parts = []
    for series_id, row in series.used:
        actual, expected = _show(series_id, row["actual"]), _show(series_id, row["expected"])
        if row["basis"] == "consensus":
            versus = f"{expected} expected"
        else:
            versus = f"its recent average of {expected}"
        parts.append(f"{SERIES[series_id].label} {actual} vs {versus} ({row['z']:+.1f}σ)")
    if score > 0.3:
        verdict = "the data are beating expectations"
    elif score < -0.3:
        verdict = "the data are missing expectations"
    else:
        verdict = "the data are roughly in line"
    left_out = f" ({series.reasons})" if series.left_out else ""
    return f"{', '.join(parts)}: {verdict}{left_out}."


def _show(series_id: str, value: float) -> str:
    """Claims in thousands, as the notes quote them ('198k'); indices to one decimal."""
    return f"{value:.0f}k" if series_id == "jobless_claims" else f"{value:.1f}"


def _evidence(series: Pool, mean_z: float) -> dict[str, object]:
    evidence: dict[str, object] = {"mean_z": mean_z}
    for series_id, row in series.used:
        evidence[f"{series_id}_actual"] = float(row["actual"])
        evidence[f"{series_id}_expected"] = float(row["expected"])
        evidence[f"{series_id}_basis"] = str(row["basis"])
        evidence[f"{series_id}_z"] = float(row["z"])
        evidence[f"{series_id}_released"] = row.name
    if series.left_out:
        evidence["not_used"] = series.reasons
    return evidence


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec(NAME, "cyclicals", tuple(SIGNS), macro_surprise, macro_surprise_history),
)
