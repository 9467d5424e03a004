"""Everything the Charts tab draws, from the data and score histories the engine already holds.

`score_histories` computes every registered signal's vectorised score history once per data set
opened; the engine keeps them, so the dashboard's sparklines (their last year) and the Charts tab
(the whole history) share one computation. A signal whose history fails is kept as its error:
its chart is empty and names the error, and it never stops the other charts.
`build_chart_book` turns the prices and those histories into the `ChartBook`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop.advice.charts.chart_book import chart_book
from signals import REGISTRY

if TYPE_CHECKING:
    import pandas as pd

    from desktop.advice.charts.chart_data import ChartBook
    from signals import SignalInputs
    from signals.spec import SignalSpec


@dataclass(frozen=True, slots=True)
class ScoreHistories:
    """series: signal name -> daily score in [-1, 1] (NaN before it can be read), in the
    registry's order. errors: signal name -> why its history could not be computed."""

    series: Mapping[str, pd.Series]
    errors: Mapping[str, Exception]


def score_histories(
    inputs: SignalInputs, registry: tuple[SignalSpec, ...] = REGISTRY
) -> ScoreHistories:
    """Every signal's score history over all of `inputs`."""
    series, errors = {}, {}
    for spec in registry:
        try:
            series[spec.name] = spec.history(inputs)
        except Exception as exc:  # one broken signal must not blank the whole tab
            errors[spec.name] = exc
    return ScoreHistories(series, errors)


def build_chart_book(
    prices: pd.DataFrame,
    histories: ScoreHistories,
    titles: Mapping[str, str] | None = None,
    registry: tuple[SignalSpec, ...] = REGISTRY,
    names: Mapping[str, str] | None = None,
) -> ChartBook:
    """The chart book for adjusted closes `prices`; titles: signal name -> display title;
    names: ticker -> name of the universe's tickers (each gets a price chart)."""
    subjects = {spec.name: spec.subject for spec in registry}
    book = chart_book(prices, histories.series, subjects, titles, names)
    missing = {
        f"score:{name}": f"The score history could not be computed: {exc}"
        for name, exc in histories.errors.items()
    }
    charts = tuple(
        replace(c, lines=(), zones=False, missing=missing[c.key]) if c.key in missing else c
        for c in book.time_charts
    )
    return replace(book, time_charts=charts)
