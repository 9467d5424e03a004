"""Macro releases as the signals see them: per-series tables, freshness, publication dates.

Dating convention: a row of `SignalInputs.macro` dated d is a release *published* on d, so a
reading at t uses the rows dated <= t (the same cut as `SignalInputs.upto`). Hand-entered
releases carry their release date. FRED dates an observation by its reference period instead
(2026-01-01 for January's Philly Fed survey, published 2026-01-15): a FRED file must go through
`fred_releases` (canonical id, publication date, canonical unit) before it is stored, or every
reading would see releases up to a month before they existed.

Freshness: a monthly series is stale when its last release is more than 45 days old at t, a
weekly one after 14 days (one missed release plus slack), a daily one after 7 days (five business
days and a weekend, as for prices).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from signals.freshness import stale_reading
from signals.indicators import on_index
from signals.inputs import SignalInputs
from signals.reading import Reading

MONTHLY, WEEKLY, DAILY = "monthly", "weekly", "daily"
MAX_AGE_DAYS = {MONTHLY: 45, WEEKLY: 14, DAILY: 7}
_NEXT_BDAY, _THU, _M1 = ("business_days", 1), ("days", 6), ("after_month", 1)
RELEASES_PER_YEAR = {MONTHLY: 12, WEEKLY: 52, DAILY: 252}
IQR_PER_SD = 1.349
"""Interquartile range of a normal distribution in standard deviations."""


@dataclass(frozen=True, slots=True)
class MacroSeries:
    """What the signals know about one canonical macro series (see `inputs.MACRO_SERIES`).

    label: name used in sentences. frequency: MONTHLY, WEEKLY or DAILY.
    fred_id / fred_scale: the FRED series that supplies it and the factor from FRED's unit to
        the canonical one (ICSA counts persons, the canonical unit is thousands); None when
        FRED has no such series.
    release: when a FRED observation (dated by its reference period) is published, for series
        without a schedule of their own in `publication_date`: ("business_days", n) or
        ("days", n) after the observation date, or ("after_month", n) n days after the
        reference month ends (1 = the next month's first day), moved to Monday from a weekend.
        Each rule is the usual release rounded late, never early.
    """

    id: str
    label: str
    frequency: str
    fred_id: str | None = None
    fred_scale: float = 1.0
    release: tuple[str, int] | None = None

    @property
    def source(self) -> str:
        """How a user gets this series, for the "missing" message."""
        if self.fred_id is None:
            return "enter ICI's weekly totals in $bn"
        return f"import FRED {self.fred_id} or enter releases"


SERIES = {
    s.id: s
    for s in (
        MacroSeries("philly_fed", "Philly Fed", MONTHLY, "GACDFSA066MSFRBPHI"),
        MacroSeries("empire_state", "Empire State", MONTHLY, "GACDISA066MSFRBNY"),
        MacroSeries("jobless_claims", "jobless claims", WEEKLY, "ICSA", fred_scale=0.001),
        MacroSeries("consumer_sentiment", "consumer sentiment", MONTHLY, "UMCSENT"),
        MacroSeries("mmf_assets", "money-market fund assets", WEEKLY),
        # Rates and spreads in percent; a daily FRED value is out the next business day.
        MacroSeries("fed_funds", "fed funds rate", MONTHLY, "FEDFUNDS", release=("after_month", 2)),
        MacroSeries("treasury_2y", "2-year Treasury yield", DAILY, "DGS2", release=_NEXT_BDAY),
        MacroSeries("treasury_10y", "10-year Treasury yield", DAILY, "DGS10", release=_NEXT_BDAY),
        MacroSeries("breakeven_10y", "10-year breakeven", DAILY, "T10YIE", release=_NEXT_BDAY),
        MacroSeries("hy_spread", "high-yield spread", DAILY, "BAMLH0A0HYM2", release=_NEXT_BDAY),
        MacroSeries("vix", "VIX", DAILY, "VIXCLS", release=_NEXT_BDAY),
        # Weekly indexes dated by their week's Friday: ANFCI is out the next Wednesday, the St.
        # Louis index the next Thursday. Both are 0 on average, > 0 tighter or more stressed.
        MacroSeries("financial_conditions", "ANFCI", WEEKLY, "ANFCI", release=("days", 5)),
        MacroSeries("financial_stress", "St. Louis stress index", WEEKLY, "STLFSI4", release=_THU),
        # USD billions. WALCL (millions) is Wednesday's level, out Thursday after the close.
        MacroSeries("reverse_repo", "reverse repo", DAILY, "RRPONTSYD", release=_NEXT_BDAY),
        MacroSeries("fed_assets", "Fed balance sheet", WEEKLY, "WALCL", 0.001, ("days", 2)),
        MacroSeries("m2", "M2", MONTHLY, "M2SL", release=("after_month", 28)),
        # Price indexes: CPI mid-month (by the 20th even in 2025's shutdown), core PCE at the end
        # of the next month, the Michigan survey's 1-year expectations (percent) with sentiment.
        MacroSeries("core_cpi", "core CPI", MONTHLY, "CPILFESL", release=("after_month", 20)),
        MacroSeries("core_pce", "core PCE", MONTHLY, "PCEPILFE", release=("after_month", 33)),
        MacroSeries(
            "inflation_expectations", "inflation expectations", MONTHLY, "MICH", release=_M1
        ),
        # Hard data: industrial production (index) mid-month, payrolls (thousands) by the 8th.
        MacroSeries(
            "industrial_production",
            "industrial production",
            MONTHLY,
            "INDPRO",
            release=("after_month", 18),
        ),
        MacroSeries("payrolls", "payrolls", MONTHLY, "PAYEMS", release=("after_month", 8)),
    )
}


def releases(inputs: SignalInputs, series_id: str) -> pd.DataFrame:
    """Releases of one series published by `inputs.as_of`, oldest first.

    Index: DatetimeIndex "date" (publication dates, unique: the last row of a date wins).
    Columns: actual, consensus (float; consensus NaN where none was entered).
    """
    macro = inputs.macro
    rows = macro.loc[(macro["series"] == series_id) & macro["actual"].notna()]
    if inputs.as_of is not None:
        rows = rows.loc[rows["date"] <= inputs.as_of]
    table = pd.DataFrame(
        {"actual": rows["actual"].to_numpy(float), "consensus": rows["consensus"].to_numpy(float)},
        index=pd.DatetimeIndex(rows["date"], name="date"),
    ).sort_index(kind="stable")
    return table.loc[~table.index.duplicated(keep="last")]


def missing_or_stale_series(
    inputs: SignalInputs, name: str, series_id: str, *, min_releases: int = 1
) -> Reading | None:
    """A stale Reading (score 0) if the series is absent, too short or too old; else None."""
    series = SERIES[series_id]
    as_of = inputs.as_of
    table = releases(inputs, series_id)
    if as_of is None:
        why = "no price data is loaded to date the reading"
    elif table.empty:
        why = f"no {series.label} releases entered; {series.source}"
    elif len(table) < min_releases:
        why = (
            f"{series.label} has {len(table)} releases, fewer than the {min_releases} needed; "
            f"{series.source}"
        )
    elif series_id in inputs.stale or _age_days(table.index[-1], as_of) > _max_age(series_id):
        last = table.index[-1]
        why = (
            f"stale: the last {series.label} release is {last:%Y-%m-%d}, "
            f"{_age_days(last, as_of)} days old"
        )
    else:
        return None
    return stale_reading(name, why, as_of)


def fresh_series_mask(inputs: SignalInputs, series_id: str, *, min_releases: int = 1) -> pd.Series:
    """Vectorised `missing_or_stale_series`: True at each price date where it returns None."""
    index = inputs.prices.index
    table = releases(inputs, series_id)
    if table.empty or series_id in inputs.stale:
        return pd.Series(False, index=index)
    count = pd.Series(np.arange(1, len(table) + 1), index=table.index)
    released = pd.Series(table.index, index=table.index)
    known = on_index(pd.DataFrame({"count": count, "released": released}), index)
    age = (index - pd.DatetimeIndex(known["released"])).days
    return (known["count"] >= min_releases) & (age <= _max_age(series_id))


def robust_sd(values: pd.Series, window: int, min_count: int) -> pd.Series:
    """Interquartile range / 1.349 of the `window` values *before* each row (>= min_count non-NaN).

    Equals the standard deviation for normal data; one COVID-size outlier does not swamp it.
    """
    previous = values.shift(1).rolling(window, min_periods=min_count)
    return (previous.quantile(0.75) - previous.quantile(0.25)) / IQR_PER_SD


def releases_per_year(series_id: str) -> int:
    return RELEASES_PER_YEAR[SERIES[series_id].frequency]


FRED_ALIASES: dict[str, tuple[str, float]] = {
    "GACDINA066MSFRBNY": ("empire_state", 1.0),  # the not seasonally adjusted variant
    "WRMFNS": ("mmf_assets", 1.0),  # retail money funds, weekly, USD billions
    "WRMFSL": ("mmf_assets", 1.0),
    "MMMFFAA027N": ("mmf_assets", 0.001),  # all money-market funds, quarterly, USD millions
}
"""FRED ids, besides each series' own `fred_id`, that supply a canonical series: id -> (series,
factor to the canonical unit)."""


def fred_source(fred_id: str) -> tuple[str, float] | None:
    """(canonical series id, unit factor) for a FRED id the signals read, else None."""
    for series in SERIES.values():
        if series.fred_id == fred_id:
            return series.id, series.fred_scale
    return FRED_ALIASES.get(fred_id)


def fred_releases(fred_id: str, observation_dates, values) -> pd.DataFrame:
    """FRED observations as rows of `SignalInputs.macro`, ready to store.

    Maps the FRED id to its canonical series, moves each reference-period date to its
    publication date (`publication_date`) and converts to the canonical unit; consensus is NaN.
    Observations published on the same date (a month-end Saturday's spread and Friday's, both
    out on Monday) give one row: the latest observation with a value.
    """
    source = fred_source(fred_id)
    if source is None:
        known = ", ".join([*(s.fred_id for s in SERIES.values() if s.fred_id), *FRED_ALIASES])
        raise ValueError(f"FRED series {fred_id!r} is not one the signals read ({known})")
    series_id, scale = source
    dates = publication_date(series_id, pd.DatetimeIndex(observation_dates), fred_id=fred_id)
    actual = np.asarray(values, dtype=float) * scale
    rows = pd.DataFrame(
        {
            "series": pd.Series([series_id] * len(dates), dtype="string"),
            "date": dates.astype("datetime64[ns]"),
            "actual": actual,
            "consensus": np.full(len(dates), np.nan),
        }
    )
    order = np.lexsort((~np.isnan(actual), dates.asi8))  # stable: same date, file order
    latest = rows.iloc[order].drop_duplicates("date", keep="last")
    return latest.sort_values("date", kind="stable").reset_index(drop=True)


def publication_date(
    series_id: str, reference_dates: pd.DatetimeIndex, *, fred_id: str | None = None
) -> pd.DatetimeIndex:
    """Date each FRED observation (dated by its reference period) was first published.

    philly_fed: third Thursday of the reference month (the Philadelphia Fed's schedule).
    empire_state: the 15th, or the next weekday when it falls on a weekend (a Monday holiday
        can delay the real release one more day).
    jobless_claims: FRED dates the week ending Saturday; the release is the next Thursday (+5).
    consumer_sentiment: FRED holds the month's final reading, out on its last or second-to-last
        Friday; taken as known on the first day of the next month (a few days late, never early).
    mmf_assets: FRED's weekly retail series (WRMFNS, WRMFSL) is dated by the week's Monday and
        out on Thursday (+3); the quarterly total (MMMFFAA027N, Financial Accounts) is dated by
        the quarter's first day and out about ten weeks after the quarter ends (+3 months +70).
    Other series: their `MacroSeries.release` rule.
    """
    dates = pd.DatetimeIndex(reference_dates)
    month_start = dates.to_period("M").to_timestamp()
    if series_id == "philly_fed":
        first_thursday = (3 - month_start.day_of_week) % 7
        return month_start + pd.to_timedelta(first_thursday + 14, unit="D")
    if series_id == "empire_state":
        fifteenth = month_start + pd.Timedelta(days=14)
        weekend_shift = np.where(fifteenth.day_of_week >= 5, 7 - fifteenth.day_of_week, 0)
        return fifteenth + pd.to_timedelta(weekend_shift, unit="D")
    if series_id == "jobless_claims":
        return dates + pd.Timedelta(days=5)
    if series_id == "consumer_sentiment":
        return (dates.to_period("M") + 1).to_timestamp()
    if series_id == "mmf_assets" and fred_id in ("WRMFNS", "WRMFSL"):
        return dates + pd.Timedelta(days=3)
    if series_id == "mmf_assets" and fred_id == "MMMFFAA027N":
        return month_start + pd.DateOffset(months=3) + pd.Timedelta(days=70)
    rule = SERIES[series_id].release if series_id in SERIES else None
    if rule is not None:
        return _released(dates, month_start, *rule)
    raise ValueError(f"no FRED publication schedule for macro series {series_id!r}")


def _released(
    dates: pd.DatetimeIndex, month_start: pd.DatetimeIndex, kind: str, n: int
) -> pd.DatetimeIndex:
    """Publication dates by a `MacroSeries.release` rule."""
    if kind == "business_days":
        return dates + pd.offsets.BDay(n)
    if kind == "days":
        return dates + pd.Timedelta(days=n)
    day = month_start + pd.DateOffset(months=1) + pd.Timedelta(days=n - 1)
    weekend_shift = np.where(day.day_of_week >= 5, 7 - day.day_of_week, 0)
    return day + pd.to_timedelta(weekend_shift, unit="D")


def _max_age(series_id: str) -> int:
    return MAX_AGE_DAYS[SERIES[series_id].frequency]


def _age_days(released: pd.Timestamp, as_of: pd.Timestamp) -> int:
    return int((as_of - released).days)
