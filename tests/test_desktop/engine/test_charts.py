"""The Charts tab's data comes from the engine: every chart on the demo data, the score histories
computed once per data set (shared with the sparklines), a broken signal named on its chart."""

from dataclasses import replace

import pytest

from desktop.engine import charts
from desktop.engine.engine import Engine
from desktop.engine.process import EngineProcess
from signals import REGISTRY


@pytest.fixture
def engine(tmp_path):
    engine = Engine(tmp_path / "none.db")  # no database: the bundled demo data
    engine.load()
    return engine


def test_the_chart_book_draws_every_signal_on_the_demo_data(engine):
    book = engine.chart_book()
    keys = {spec.key for spec in book.time_charts}
    assert {f"score:{spec.name}" for spec in REGISTRY} <= keys
    breadth = next(c for c in book.time_charts if c.key == "score:breadth")
    assert not breadth.missing and len(breadth.lines[0].series) > 1000
    assert breadth.label == "Breadth"  # the dashboard card's title
    assert len(book.rotation.tickers) >= 8


def test_every_universe_ticker_gets_a_price_chart_with_its_averages(engine):
    from desktop.data.user_files import load_universe

    book = engine.chart_book()
    prices = {c.key: c for c in book.time_charts if c.group == "Prices"}
    universe = load_universe()
    assert {f"asset:{t}" for t in universe.all_tickers} <= set(prices)
    spy = prices["asset:SPY"]
    assert spy.label == "SPY  " + universe.asset("SPY").name
    assert [line.label for line in spy.lines] == ["SPY", "50-day average", "200-day average"]
    assert "200-day average on" in spy.title


def test_score_histories_are_computed_once_per_data_set(engine, monkeypatch):
    calls, original = [], charts.score_histories

    def counted(inputs, registry=REGISTRY):
        calls.append(inputs)
        return original(inputs, registry)

    monkeypatch.setattr(charts, "score_histories", counted)
    lines = engine.sparklines()
    first, again = engine.chart_book(), engine.chart_book()
    assert len(calls) == 1
    breadth = next(c for c in first.time_charts if c.key == "score:breadth").lines[0].series
    assert lines["breadth"][-1] == pytest.approx(breadth.iloc[-1])  # the same history
    assert [c.key for c in again.time_charts] == [c.key for c in first.time_charts]
    engine.load()  # new data: new histories
    engine.chart_book()
    assert len(calls) == 2


def test_a_broken_signal_gets_an_empty_chart_that_names_the_error(engine):
    def broken(inputs):
        raise ValueError("no VIX prices")

    registry = (replace(REGISTRY[0], history=broken), *REGISTRY[1:])
    source = engine._loaded()
    histories = charts.score_histories(source.signal_inputs(), registry)
    book = charts.build_chart_book(source.prices, histories, registry=registry)
    first, second = book.time_charts[:2]
    assert first.key == f"score:{REGISTRY[0].name}" and not first.lines
    assert first.missing == "The score history could not be computed: no VIX prices"
    assert second.lines and not second.missing


def test_the_engine_process_sends_the_same_chart_book(tmp_path, engine):
    remote = EngineProcess(tmp_path / "none.db")
    try:
        remote.load()
        book = remote.chart_book()
    finally:
        remote.close()
    local = engine.chart_book()
    assert [c.key for c in book.time_charts] == [c.key for c in local.time_charts]
    assert book.time_charts[0].lines[0].series.equals(local.time_charts[0].lines[0].series)
