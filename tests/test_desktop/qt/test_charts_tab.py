"""The Charts tab: score histories with zones, ratios, breakouts, RRG-style chart, selection."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from desktop.advice.chart_book import chart_book
from desktop.advice.state import AppState, Card, Phase
from desktop.qt.controllers.charts import ChartsController
from desktop.qt.widgets.charts_tab import ROTATION_KEY, ChartsTab
from tests.test_desktop.fake_controller import FakeController

SECTORS = ("XLE", "XLK", "XLU")


def _book(days: int = 400):
    rng = np.random.default_rng(3)
    index = pd.bdate_range("2023-01-02", periods=days)
    walk = lambda scale: 100 * np.exp(np.cumsum(rng.normal(0, scale, days)))  # noqa: E731
    prices = pd.DataFrame({t: walk(0.012) for t in ("SPY", "IWM", "GLD", *SECTORS)}, index=index)
    breadth = pd.Series(np.sin(np.linspace(0, 6, days - 10)), index=index[10:])
    return chart_book(prices, {"breadth": breadth}, {"breadth": "equities", "rates": "small caps"})


CARDS = (Card("breadth", "Breadth index", "equities", 0.2, "Healthy.", "2024-07-01", False),)


def _controller(tmp_path, days: int = 400, phase: Phase = Phase.READY) -> FakeController:
    """The window's controller, its engine answering `chart_book` with `days` of prices."""
    state = AppState(cards=CARDS, phase=phase)
    return FakeController(tmp_path / "market.db", state, chart_book=lambda: _book(days))


def _tab(qtbot, controller: FakeController) -> ChartsTab:
    widget = ChartsTab(ChartsController(controller))
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def controller(tmp_path):
    return _controller(tmp_path)


@pytest.fixture
def tab(qtbot, controller):
    return _tab(qtbot, controller)


def test_a_signal_history_is_drawn_with_every_point_and_its_zones(tab):
    assert tab.show_signal("breadth")
    curve = tab.time_chart.lines[0]
    assert len(curve.xData) == 390 and curve.isVisible()
    assert tab.time_chart.above.isVisible() and tab.time_chart.below.isVisible()
    assert tab.time_chart.above.yData.min() == 0.0 and tab.time_chart.below.yData.max() == 0.0
    assert tab.time_chart.plot.getPlotItem().getViewBox().viewRange()[1] == pytest.approx(
        [-1.05, 1.05]
    )


def test_a_signal_without_history_says_why(tab):
    tab.show_signal("rates")
    assert "No score history for rates" in tab.time_chart.message.text()
    assert not tab.time_chart.lines[0].isVisible()


def test_the_dashboard_card_click_reaches_the_tab_through_the_controller(tab, controller):
    tab.show_chart("ratio:IWM/SPY")
    controller.chart_requested.emit("breadth")
    assert tab.current_key() == "score:breadth"


def test_a_request_made_before_the_charts_exist_is_honoured(qtbot, controller):
    controller.selected_chart = "breadth"  # the card was clicked while the tab was not built
    widget = _tab(qtbot, controller)
    assert widget.current_key() == "score:breadth"


def test_charts_opened_while_the_data_loads_come_once_it_is_loaded(qtbot, tmp_path):
    controller = _controller(tmp_path, phase=Phase.LOADING_DATA)
    widget = _tab(qtbot, controller)
    assert widget.time_chart.title.text() == "Loading charts…" and widget.book is None
    controller.state = replace(controller.state, phase=Phase.COMPUTING_SIGNALS)
    controller.state_changed.emit(controller.state)
    assert widget.book is not None and widget.current_key() == "score:breadth"


def test_new_data_brings_a_new_chart_book_and_keeps_the_chart_shown(tab, controller):
    tab.show_chart("ratio:IWM/SPY")
    first = tab.book
    controller.data_updated()
    assert tab.book is not first and tab.current_key() == "ratio:IWM/SPY"


def test_a_chart_book_that_cannot_be_built_says_what_to_do(qtbot, tmp_path):
    def broken():
        raise RuntimeError("the database is damaged")

    controller = FakeController(tmp_path / "market.db", chart_book=broken)
    widget = _tab(qtbot, controller)
    assert widget.time_chart.title.text() == "The charts could not be built"
    assert widget.time_chart.message.text() == (
        "the database is damaged. Fix the data in the Data tab; charts rebuild then."
    )


def test_ratio_charts_have_their_average_and_no_zones(tab):
    tab.show_chart("ratio:IWM/SPY")
    legend = tab.time_chart.legend.items
    assert [label.text for _, label in legend] == ["IWM/SPY", "200-day average"]
    assert not tab.time_chart.above.isVisible()  # zones only on score charts


def test_breakout_chart_shows_the_base_top_once_history_is_long_enough(qtbot, tmp_path):
    short = _tab(qtbot, _controller(tmp_path, 400))
    long = _tab(qtbot, _controller(tmp_path, 900))
    for widget in (short, long):
        widget.show_chart("price:IWM")
    assert not short.time_chart.levels[0].isVisible()  # under 3 years + 3 months: no base yet
    level = long.time_chart.levels[0]
    assert level.isVisible() and level.value() == long.time_chart.spec.levels[0].value
    assert level.label.format.startswith("base top")


def test_crosshair_readout_names_the_date_and_values(tab):
    tab.show_chart("ratio:IWM/SPY")
    spec = tab.time_chart.spec
    x = pd.Timestamp(spec.lines[0].series.index[250]).timestamp()
    text = tab.time_chart.readout_at(x + 3600)  # an hour later still reads that day
    assert text.startswith(f"{spec.lines[0].series.index[250]:%Y-%m-%d}")
    assert f"IWM/SPY {spec.lines[0].series.iloc[250]:.4g}" in text


def test_clicking_a_legend_entry_hides_its_series(tab):
    tab.show_chart("ratio:IWM/SPY")
    sample, _ = tab.time_chart.legend.items[1]

    class Click:
        def button(self):
            return Qt.MouseButton.LeftButton

        def accept(self):
            pass

    sample.mouseClickEvent(Click())
    assert not tab.time_chart.lines[1].isVisible()
    x = tab.time_chart.spec.lines[0].series.index[-1].timestamp()
    assert "200-day" not in tab.time_chart.readout_at(x)


def test_rotation_chart_has_tails_and_a_week_slider(tab):
    tab.show_chart(ROTATION_KEY)
    chart = tab.rotation_chart
    assert tab.pane.currentWidget() is chart
    assert set(chart.tails) == set(SECTORS)
    assert chart.week.value() == chart.week.maximum() == len(chart.data.dates) - 1
    assert len(chart.tails["XLE"].xData) == 8
    chart.tail_weeks.setValue(3)
    chart.week.setValue(5)
    x, _ = chart.data.tail("XLE", 5, 3)
    assert chart.tails["XLE"].xData.tolist() == x.tolist()
    assert "week ending" in chart.week_label.text() and "RRG-style" in chart.title.text()
