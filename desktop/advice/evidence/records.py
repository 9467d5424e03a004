"""Does each signal and each theme view predict its trade? The record, from data up to a date.

For every theme, its view; for every signal the tilt table lists under a theme, its score: each
month-end value against the theme trade's return over the next 1, 3 and 6 months
(`desktop.advice.evidence.trade_returns`), with the statistics of `desktop.advice.evidence.stats`,
over
the whole history and by sub-period. Only month-ends whose forward return is complete by the
as-of date count, and a series counts from its first month-end with a non-zero value and a
trade return (before that its inputs, or the trade's assets, did not exist yet).

Sign convention: a signal's IC is of its score oriented by its weight in the theme (score x
sign(weight)), so a positive IC means the signal has pushed the theme's trade the right way as
the table uses it; bucket returns are of the trade itself after the signal's own score was high,
neutral or low. A theme's IC is of its view, so the themes' ICs are what calibration shrinks
(`desktop.advice.backtest.calibration`).

Sub-periods are fixed calendar blocks of about six years (no block was chosen by its result);
the research notes' own period, from IN_SAMPLE_FROM, is in-sample and marked so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.advice.evidence.histories import Histories, signal_themes
from desktop.advice.evidence.stats import Bucket, RankIC, buckets, rank_ic
from desktop.advice.evidence.trade_returns import (
    TradeLegs,
    closes_on,
    forward_returns,
    month_ends,
    trading_days,
)
from desktop.advice.evidence.words import record_sentence
from desktop.advice.tables.tilts import TiltTable

HORIZONS = (1, 3, 6)
"""Forward horizons in months."""
IN_SAMPLE_FROM = pd.Timestamp("2026-01-01")
"""The research notes the signals come from were written in January 2026: from then on, any
result is in-sample (the notes had seen it)."""
SUB_PERIODS: tuple[tuple[str, str | None, str | None], ...] = (
    ("until 2006", None, "2006-12-31"),
    ("2007-2013", "2007-01-01", "2013-12-31"),
    ("2014-2019", "2014-01-01", "2019-12-31"),
    ("2020-2025", "2020-01-01", "2025-12-31"),
    ("2026 on (in-sample)", "2026-01-01", None),
)
"""(label, first day, last day) of each sub-period; None is open-ended."""


@dataclass(frozen=True, slots=True)
class Period:
    """The 1-month rank IC within one sub-period; in_sample: the notes' own period."""

    label: str
    ic: RankIC
    in_sample: bool


@dataclass(frozen=True, slots=True)
class Record:
    """One series (a signal's score or a theme's view) against one theme's trade.

    signal: "" for the theme's own view. sign: +1, or -1 when the signal's subject is the other
    side of the trade. since: first month-end used (None without any). ics: one per HORIZONS.
    buckets: the trade's forward returns after high / neutral / low, per horizon.
    """

    theme: str
    signal: str
    sign: float
    since: pd.Timestamp | None
    ics: tuple[RankIC, ...]
    buckets: tuple[Bucket, ...]
    periods: tuple[Period, ...]
    sentence: str

    @property
    def ic(self) -> RankIC:
        """The 1-month rank IC over the whole history."""
        return self.ics[0]

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: ic, t_stat, n first (the `evidence` command's keys), then the detail."""
        one = self.ic
        return {
            "signal": self.signal,
            "theme": self.theme,
            "ic": _num(one.ic),
            "t_stat": _num(one.t_stat),
            "n": one.n,
            "n_independent": _num(one.independent),
            "hit_rate_pct": _num(one.hit_rate_pct),
            "since": None if self.since is None else f"{self.since:%Y-%m-%d}",
            "horizons": [_ic_dict(ic) for ic in self.ics],
            "after": [_bucket_dict(b) for b in self.buckets],
            "periods": [{"period": p.label, "in_sample": p.in_sample, **_ic_dict(p.ic)}
                        for p in self.periods],
            "record": self.sentence,
        }  # fmt: skip


@dataclass(frozen=True, slots=True, eq=False)
class EvidenceBook:
    """The evidence at `as_of`: theme -> its view's record; every (signal, theme) pair's record."""

    as_of: pd.Timestamp
    themes: Mapping[str, Record]
    signals: tuple[Record, ...]

    def card_line(self, signal: str) -> str:
        """The one-line record for a signal's card: of the theme it weighs most in ("" if none)."""
        records = [r for r in self.signals if r.signal == signal]
        return records[0].sentence if records else ""

    def to_dict(self) -> dict[str, object]:
        """The `evidence` command's JSON: {"as_of", "themes": {THEME: {...}}, "signals": [...]}."""
        themes = {}
        for theme, record in self.themes.items():
            body = record.to_dict()
            del body["signal"], body["theme"]
            themes[theme] = body
        return {
            "as_of": f"{self.as_of:%Y-%m-%d}",
            "in_sample_from": f"{IN_SAMPLE_FROM:%Y-%m-%d}",
            "themes": themes,
            "signals": [r.to_dict() for r in self.signals],
        }


def evidence_book(
    prices: pd.DataFrame,
    history: Histories,
    legs: Mapping[str, TradeLegs],
    table: TiltTable,
    as_of: pd.Timestamp,
) -> EvidenceBook:
    """Every theme's and signal's record from the data up to `as_of` (later rows are ignored).

    prices: (n_days, n_tickers) closes with at least the held tickers; history: score and view
    histories (`desktop.advice.evidence.histories`). Signals are listed with the theme they weigh
    most in
    first (the one their card shows), then the others.
    """
    tickers = sorted({t for leg in legs.values() for t in (*leg.buys, *leg.funds)})
    ends = month_ends(trading_days(prices, tickers), as_of)
    closes = closes_on(prices.loc[:as_of], ends, tickers)
    forward = {h: forward_returns(closes, legs, h) for h in HORIZONS}
    views = history.views.reindex(ends)
    scores = history.scores.reindex(ends)
    themes = {t: series_record(views[t], _column(forward, t), 1.0, legs[t], "") for t in legs}
    pairs = sorted(signal_themes(table, legs), key=lambda p: -_share(table, p[1], p[0]))
    signals = tuple(
        series_record(scores[s], _column(forward, t), math.copysign(1.0, w), legs[t], s)
        for s, t, w in pairs
        if s in scores.columns
    )
    order = {s: i for i, s in enumerate(dict.fromkeys(s for s, _, _ in signal_themes(table, legs)))}
    return EvidenceBook(as_of, themes, tuple(sorted(signals, key=lambda r: order[r.signal])))


def series_record(
    score: pd.Series, forward: Mapping[int, pd.Series], sign: float, leg: TradeLegs, signal: str
) -> Record:
    """The record of month-end `score` against the trade's forward returns {months: series}."""
    score = _from_first_observation(score, forward[1])
    since = score.index[0] if len(score) else None
    oriented = sign * score.to_numpy()
    ics: list[RankIC] = []
    cases: list[Bucket] = []
    for months in HORIZONS:
        ahead = forward[months].reindex(score.index).to_numpy()
        ics.append(rank_ic(oriented, ahead, months))
        cases.extend(buckets(score.to_numpy(), ahead, months))
    periods = tuple(
        _period(label, lo, hi, oriented, score.index, forward[1]) for label, lo, hi in SUB_PERIODS
    )
    traded = bool(forward[1].notna().any())
    sentence = record_sentence(since, tuple(cases[:3]), sign, leg, signal, traded=traded)
    return Record(leg.theme, signal, sign, since, tuple(ics), tuple(cases), periods, sentence)


def _period(label, lo, hi, oriented, index, forward: pd.Series) -> Period:
    inside = np.ones(len(index), dtype=bool)
    if lo is not None:
        inside &= index >= pd.Timestamp(lo)
    if hi is not None:
        inside &= index <= pd.Timestamp(hi)
    ahead = forward.reindex(index).to_numpy()
    in_sample = lo is not None and pd.Timestamp(lo) >= IN_SAMPLE_FROM
    return Period(label, rank_ic(oriented[inside], ahead[inside], 1), in_sample)


def _from_first_observation(score: pd.Series, next_month: pd.Series) -> pd.Series:
    """`score` from its first month-end that is non-zero and has a next-month return."""
    ahead = next_month.reindex(score.index).to_numpy()
    usable = np.flatnonzero((score.fillna(0.0).to_numpy() != 0.0) & np.isfinite(ahead))
    return score.iloc[usable[0] :] if usable.size else score.iloc[:0]


def _column(forward: Mapping[int, pd.DataFrame], theme: str) -> dict[int, pd.Series]:
    return {months: frame[theme] for months, frame in forward.items()}


def _share(table: TiltTable, theme: str, signal: str) -> float:
    weights = table.rule(theme).weights
    total = sum(abs(w) for w in weights.values())
    return abs(weights[signal]) / total if total else 0.0


def _num(value: float) -> float | None:
    return round(float(value), 4) if value is not None and math.isfinite(value) else None


def _ic_dict(ic: RankIC) -> dict[str, object]:
    return {
        "months": ic.months, "ic": _num(ic.ic), "t_stat": _num(ic.t_stat), "n": ic.n,
        "n_independent": _num(ic.independent), "hit_rate_pct": _num(ic.hit_rate_pct),
    }  # fmt: skip


def _bucket_dict(b: Bucket) -> dict[str, object]:
    return {"state": b.state, "months": b.months, "mean_pct": _num(b.mean_pct), "n": b.n,
            "t_stat": _num(b.t_stat)}  # fmt: skip
