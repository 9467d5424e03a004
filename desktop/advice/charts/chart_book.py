"""The Charts tab's whole book: score histories, market charts, asset prices and rotation.

Pure: adjusted closes (the shape `signals.SignalInputs` uses) and the signals' score histories
in, a frozen `ChartBook` out. The engine builds it once per request, off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from desktop.advice.charts.chart_data import ChartBook, market_charts, score_charts
from desktop.advice.charts.price_charts import asset_charts
from desktop.advice.charts.rotation_data import ROTATION_BENCHMARKS, ROTATION_TICKERS, rotation_set


def chart_book(
    prices: pd.DataFrame,
    histories: Mapping[str, pd.Series],
    subjects: Mapping[str, str],
    titles: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> ChartBook:
    """Build every chart from adjusted closes and the signals' score histories.

    subjects: signal name -> what a positive score favours, in the registry's order.
    titles: signal name -> display title (the dashboard card's), where known.
    names: ticker -> name of every universe ticker, in list order (held assets first); each
        gets a price chart, and so does each rotation ticker and benchmark with prices.
    """
    prices_charts = asset_charts(prices, names or {}, (*ROTATION_BENCHMARKS, *ROTATION_TICKERS))
    return ChartBook(
        time_charts=score_charts(histories, subjects, titles)
        + market_charts(prices)
        + prices_charts,
        rotations=rotation_set(prices),
    )
