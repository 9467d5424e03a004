"""Everything the Charts tab draws, read from the app's data source (run it off the GUI thread).

Reads the same data the window runs on (`desktop.data.source`: the database when it holds
prices, else the demo data), computes every registered signal's vectorised score history and
builds the `ChartBook`. A signal whose history fails gets an empty chart naming the error; it
never stops the other charts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from desktop.advice.chart_data import ChartBook, chart_book
from desktop.data.source import open_data_source
from signals import REGISTRY
from signals.spec import SignalSpec


def load_chart_book(
    db_path: str | Path,
    titles: Mapping[str, str] | None = None,
    registry: tuple[SignalSpec, ...] = REGISTRY,
) -> ChartBook:
    """The chart book for the data at `db_path`; titles: signal name -> display title."""
    source = open_data_source(db_path)
    inputs = source.signal_inputs()
    histories, errors = {}, {}
    for spec in registry:
        try:
            histories[spec.name] = spec.history(inputs)
        except Exception as exc:  # one broken signal must not blank the whole tab
            errors[f"score:{spec.name}"] = f"The score history could not be computed: {exc}"
    subjects = {spec.name: spec.subject for spec in registry}
    book = chart_book(source.prices, histories, subjects, titles)
    charts = tuple(
        replace(c, lines=(), zones=False, missing=errors[c.key]) if c.key in errors else c
        for c in book.time_charts
    )
    return replace(book, time_charts=charts)
