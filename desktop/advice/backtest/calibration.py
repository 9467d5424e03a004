"""Calibration: each theme's own record sizes its tilt, walk-forward (only data up to the date).

The tilt table's rule is Grinold's alpha = IC x volatility x score, with the view in [-1, 1] as
the score. Two things make the table's tilts too small and blind to evidence:

1. The rule assumes a score of unit spread, but a view's spread is 0.1-0.3: most days it sits
   near 0. The calibrated score is z = view / spread, spread = root mean square of the theme's
   daily view from its first observation up to the date (about 0, not about its mean: an
   average view is still an opinion, and de-meaning would turn a mostly bullish signal bearish
   on an ordinary day). Until MIN_SPREAD_DAYS of views exist the spread is not estimated (1,
   the view as written). z is clipped at +-SCORE_CLIP, Grinold & Kahn's trimming of outlying
   scores: a view at 7 spreads is rare, and a linear forecast that far out is not credible.
2. The ICs are assumed. Calibration measures each theme's IC as the evidence does (rank IC of
   the month-end view with the trade's next-month return, `desktop.advice.evidence.stats`),
   from the month-ends whose next month-end is known by the date, and shrinks it toward the
   table's IC as a prior worth PRIOR_MONTHS months of observations:

       ic_post = (n x ic_measured + PRIOR_MONTHS x ic_table) / (n + PRIOR_MONTHS)

   This is the posterior mean for a normal prior of standard deviation tau = 1 / sqrt(
   PRIOR_MONTHS) = 0.10 around the table's IC, with a measured IC whose sampling variance is
   about 1 / n. tau = 0.10 says the table's ICs (0.05-0.10, judgement calls) could be off by as
   much as their own size; a prior that weighs more would let no record of this length (about
   230 months since 2007) move it, one that weighs less would chase noise. The effective IC is
   ic_post clipped to [0, MAX_IC]. Floor at 0: a long-only tilt advisor that flipped a theme on
   a negative estimate would bet against the signals' own reasoning on a figure whose t-stat is
   rarely beyond -2; a theme with a wrong-way record stops pushing, and flipping its signals is
   left to the user, in the tilt table, once the evidence explains why.

The table's ICs are read as monthly ICs (Grinold & Kahn's 0.05 good, 0.10 very good, quoted at
the rebalancing horizon, and what the evidence measures). A monthly forecast renewed every month
makes 12 bets a year (the fundamental law's breadth in time), so the annualised alpha is
12 x IC x sigma_month x z = sqrt(12) x IC x sigma_year x z. The calibrated tilt table therefore
carries, per unit of the raw view the Advisor multiplies it by:

    table_ic = sqrt(12) x ic_effective / spread,    and the views are clipped at +-3 spreads

so that table_ic x view = sqrt(12) x ic_effective x z. These ICs are per unit of raw view and
may exceed MAX_IC, which bounds an IC typed into the table, not this product. No figure here was
chosen by looking at a backtest: the 0.10 prior width, the 3-spread clip, the year of history
and the 12 bets a year come from the reasoning above.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from desktop.advice.evidence.stats import rank_ic
from desktop.advice.tables.tilts import MAX_IC, ThemeRule, TiltTable

PRIOR_MONTHS = 100.0
"""The tilt table's IC counts as this many months of observations (prior sd 0.10)."""
SCORE_CLIP = 3.0
"""Standardised views are clipped at this many spreads (Grinold & Kahn's trimming)."""
MIN_SPREAD_DAYS = 252
"""A year of daily views before their spread is estimated; before that the view is as written."""
BETS_PER_YEAR = 12
"""Monthly forecasts renewed monthly: the annualised alpha is sqrt(12) x the monthly IC's."""


@dataclass(frozen=True, slots=True)
class ThemeCalibration:
    """One theme at one date. ICs are monthly rank ICs per unit of standardised view.

    measured_ic: walk-forward rank IC over `months` month-ends (NaN below 3). posterior_ic:
    shrunk toward prior_ic. effective_ic: posterior clipped to [0, MAX_IC]. spread: RMS of the
    daily view (1.0 when not yet estimated). table_ic: sqrt(12) x effective_ic / spread, the
    IC per unit of raw view in the tilt table's annual convention.
    """

    theme: str
    prior_ic: float
    measured_ic: float
    months: int
    posterior_ic: float
    effective_ic: float
    spread: float
    table_ic: float


@dataclass(frozen=True, slots=True, eq=False)
class Calibration:
    """Every theme's calibration as of one date, and the tilt table and views it implies."""

    as_of: pd.Timestamp
    themes: Mapping[str, ThemeCalibration]
    prior_months: float = PRIOR_MONTHS

    def __post_init__(self) -> None:
        object.__setattr__(self, "themes", MappingProxyType(dict(self.themes)))

    def table(self, base: TiltTable) -> TiltTable:
        """`base` with each calibrated theme's IC replaced by its table_ic (same weights)."""
        rules = dict(base.rules)
        for theme, cal in self.themes.items():
            rules[theme] = ThemeRule(theme, cal.table_ic, base.rule(theme).weights)
        source = f"{base.source}, calibrated walk-forward to {self.as_of:%Y-%m-%d}"
        return TiltTable(MappingProxyType(rules), source)

    def views(self, raw: Mapping[str, float]) -> dict[str, float]:
        """Raw views clipped at +-SCORE_CLIP spreads (stays within [-1, 1])."""
        out = {}
        for theme, view in raw.items():
            cal = self.themes.get(theme)
            limit = SCORE_CLIP * cal.spread if cal else math.inf
            out[theme] = float(np.clip(view, -limit, limit))
        return out

    def effective_ics(self) -> dict[str, float]:
        """Theme -> effective monthly IC (what the evidence allows it to push with)."""
        return {t: c.effective_ic for t, c in self.themes.items()}


def shrink(measured: float, months: int, prior: float, prior_months: float) -> float:
    """Posterior mean IC: (months x measured + prior_months x prior) / (months + prior_months).

    A NaN `measured` (too few observations) gives the prior.
    """
    if not math.isfinite(measured) or months <= 0:
        return prior
    return (months * measured + prior_months * prior) / (months + prior_months)


def theme_calibration(
    theme: str, prior: float, measured: float, months: int, spread: float, prior_months: float
) -> ThemeCalibration:
    """Assemble one theme's calibration from its measured IC and spread (module docstring)."""
    posterior = shrink(measured, months, prior, prior_months)
    effective = float(np.clip(posterior, 0.0, MAX_IC))
    table_ic = math.sqrt(BETS_PER_YEAR) * effective / spread
    return ThemeCalibration(theme, prior, measured, months, posterior, effective, spread, table_ic)


class WalkForward:
    """Calibrations at any date from a theme's month-end views and next-month trade returns.

    views: (n_days, n_themes) daily view histories (`desktop.advice.evidence.histories`).
    next_month: (n_month_ends, n_themes) each trade's return from a month-end to the next one
        (`desktop.advice.evidence.trade_returns.forward_returns(..., 1)` on the month-ends).
    known: (n_month_ends,) the date by which each month-end is known to be one (the month-end
        itself when it is the month's last business day, else the next trading day).
    `at(date)` uses only views up to `date` and month-end pairs whose second end is known by it.
    """

    def __init__(
        self,
        views: pd.DataFrame,
        next_month: pd.DataFrame,
        known: pd.DatetimeIndex,
        table: TiltTable,
        prior_months: float = PRIOR_MONTHS,
    ) -> None:
        self.table, self.prior_months = table, prior_months
        self._days = views.index
        self._themes = {t: _ThemeSeries(views[t], next_month[t], known) for t in views.columns}
        self._ics: dict[tuple[str, int], float] = {}

    def at(self, date: pd.Timestamp) -> Calibration:
        """The calibration as of `date` (no data after it is read)."""
        day = int(self._days.searchsorted(date, side="right"))
        themes = {}
        for theme, series in self._themes.items():
            pairs = series.pairs_known_by(date)
            key = (theme, pairs)
            if key not in self._ics:
                self._ics[key] = series.ic(pairs)
            themes[theme] = theme_calibration(
                theme, self.table.rule(theme).ic, self._ics[key], series.months(pairs),
                series.spread(day), self.prior_months,
            )  # fmt: skip
        return Calibration(pd.Timestamp(date), themes, self.prior_months)


class _ThemeSeries:
    """One theme's arrays, from its first usable month-end (non-zero view, known return)."""

    def __init__(self, view: pd.Series, next_month: pd.Series, known: pd.DatetimeIndex) -> None:
        at_ends = view.reindex(next_month.index).to_numpy(dtype=float)
        ahead = next_month.to_numpy(dtype=float)
        usable = np.flatnonzero((at_ends != 0) & np.isfinite(at_ends) & np.isfinite(ahead))
        first = usable[0] if usable.size else len(ahead)
        self.x, self.y = at_ends[first:], ahead[first:]
        # pair i (month-end i -> i + 1) is usable once month-end i + 1 is known
        self.known_next = known[first + 1 :].append(pd.DatetimeIndex([pd.Timestamp.max]))
        self.known_next = self.known_next[: len(self.x)]
        start = next_month.index[first] if usable.size else pd.Timestamp.max
        squares = view.where(view.index >= start, np.nan).to_numpy() ** 2
        self.sum_sq = np.nancumsum(squares)
        self.count = np.cumsum(np.isfinite(squares))

    def pairs_known_by(self, date: pd.Timestamp) -> int:
        return int(self.known_next.searchsorted(date, side="right"))

    def months(self, pairs: int) -> int:
        return int(np.sum(np.isfinite(self.x[:pairs]) & np.isfinite(self.y[:pairs])))

    def ic(self, pairs: int) -> float:
        return rank_ic(self.x[:pairs], self.y[:pairs], 1).ic

    def spread(self, day: int) -> float:
        """RMS view over the days up to position `day` (exclusive), or 1.0 below a year."""
        if day == 0 or self.count[day - 1] < MIN_SPREAD_DAYS:
            return 1.0
        return max(math.sqrt(self.sum_sq[day - 1] / self.count[day - 1]), 1e-6)
