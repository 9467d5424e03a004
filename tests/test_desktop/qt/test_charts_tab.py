"""The Charts tab: score histories with zones, ratios, breakouts, RRG-style chart, selection."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from desktop.advice.charts.chart_book import chart_book
from desktop.advice.charts.rotation_data import RotationData
from desktop.advice.state import AppState, Card, Dates, Phase
from desktop.qt.controller import Controller
from desktop.qt.controllers.charts import ChartsController
from desktop.qt.widgets.charts_tab import ROTATION_KEY, ChartsTab
from desktop.qt.widgets.rotation_chart import RotationChart
from tests.test_desktop.fake_controller import FakeController
from tests.test_desktop.fake_engine import FakeEngine

SECTORS = ("XLE", "XLK", "XLU")


def _book(days: int = 400):
    rng = np.random.default_rng(3)
    index = pd.bdate_range("2023-01-02", periods=days)
    walk = lambda scale: 100 * np.exp(np.cumsum(rng.normal(0, scale, days)))  # noqa: E731
    tickers = ("SPY", "RSP", "IWM", "GLD", *SECTORS)
    prices = pd.DataFrame({t: walk(0.012) for t in tickers}, index=index)
    breadth = pd.Series(np.sin(np.linspace(0.01, 6, days - 10)), index=index[10:])
    subjects = {"breadth": "equities", "rates": "small caps"}
    names = {"SPY": "S&P 500", "IWM": "Russell 2000", "GLD": "Gold"}
    return chart_book(prices, {"breadth": breadth}, subjects, names=names)


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
    assert chart.week_label.text().startswith("week to ") and "RRG-style" in chart.title.text()


def test_the_rotation_week_is_dated_by_the_last_close(qtbot, tmp_path):
    """Regression (issue 10): prices ending Monday 2026-08-03 read 'week ending 2026-08-07'."""
    end = pd.Timestamp("2026-08-03")
    widget = _tab(qtbot, _controller(tmp_path, len(pd.bdate_range("2023-01-02", end))))
    widget.show_chart(ROTATION_KEY)
    assert widget.book.time_charts[0].lines[0].series.index[-1] == end  # the data's last day
    assert widget.rotation_chart.week_label.text() == "week to Mon 2026-08-03"


def test_the_benchmark_and_daily_closes_can_be_chosen_and_keep_the_day(tab):
    tab.show_chart(ROTATION_KEY)
    chart = tab.rotation_chart
    assert [chart.benchmark.itemText(i) for i in range(chart.benchmark.count())] == ["SPY", "RSP"]
    chart.week.setValue(20)
    day = chart.data.dates[20]
    chart.benchmark.setCurrentText("RSP")
    assert chart.data.benchmark == "RSP" and "sectors vs RSP" in chart.title.text()
    assert "/ RSP" in chart.formula.text() and chart.data.dates[chart.week.value()] == day
    chart.frequency.setCurrentText("Daily")
    assert chart.data.frequency == "daily" and chart.tail_weeks.suffix() == " days"
    assert chart.data.dates[chart.week.value()] == day  # the same close, now a day
    assert chart.week_label.text() == f"{day:%a %Y-%m-%d}"
    tab.controller.reload()  # new data keeps the choice
    assert chart.benchmark.currentText() == "RSP" and chart.data.frequency == "daily"


def _crowded_rotation(count: int = 9) -> RotationData:
    """`count` tickers whose heads all sit within half a point of (100, 100)."""
    dates = pd.date_range("2024-01-05", periods=3, freq="W-FRI")
    tickers = [f"XL{chr(65 + i)}" for i in range(count)]
    ratio = pd.DataFrame(
        {t: [99.0, 99.5, 100.0 + 0.05 * i] for i, t in enumerate(tickers)}, index=dates
    )
    momentum = pd.DataFrame(
        {t: [101.0, 100.5, 100.0 - 0.04 * i] for i, t in enumerate(tickers)}, index=dates
    )
    return RotationData("SPY", pd.DatetimeIndex(dates), ratio, momentum)


def test_rotation_labels_never_overlap(qtbot):
    """Regression (issue 10): names of heads close together were drawn over one another."""
    chart = RotationChart()
    qtbot.addWidget(chart)
    chart.resize(900, 600)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_data([_crowded_rotation()])
    rects = [chart.names[t].sceneBoundingRect() for t in chart.data.tickers]
    assert all(chart.names[t].isVisible() for t in chart.data.tickers)
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert a.intersected(b).isEmpty(), (a, b)
    assert len(chart.leaders.xData) >= 2  # a moved name is tied to its point
    chart.plot.getPlotItem().getViewBox().scaleBy((0.5, 0.5))  # zoomed in: placed again
    rects = [chart.names[t].sceneBoundingRect() for t in chart.data.tickers]
    assert all(a.intersected(b).isEmpty() for i, a in enumerate(rects) for b in rects[i + 1 :])


def test_clicking_a_rotation_point_opens_that_assets_price_chart(qtbot, tab):
    tab.resize(1100, 700)
    tab.show()
    qtbot.waitExposed(tab)
    tab.show_chart(ROTATION_KEY)
    chart = tab.rotation_chart
    head = chart.tails["XLU"].scatter.points()[-1]
    scene = chart.tails["XLU"].scatter.mapToScene(head.pos())
    qtbot.mouseClick(
        chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.plot.mapFromScene(scene)
    )
    assert tab.current_key() == "asset:XLU"
    assert tab.time_chart.title.text().startswith("XLU")


def test_any_asset_has_a_price_chart_with_its_moving_averages(tab):
    assert tab.show_chart("asset:IWM")
    legend = [label.text for _, label in tab.time_chart.legend.items]
    assert legend == ["IWM", "50-day average", "200-day average"]
    assert "200-day average on" in tab.time_chart.title.text()
    pens = {tab.time_chart.lines[i].opts["pen"].color().name() for i in range(3)}
    assert len(pens) == 3  # three lines a person can tell apart


def _x_range(tab) -> tuple[float, float]:
    return tuple(tab.time_chart.plot.getPlotItem().getViewBox().viewRange()[0])


def test_date_presets_show_the_last_years_and_stay_chosen(tab):
    tab.show_chart("asset:SPY")
    series = tab.time_chart.spec.lines[0].series
    last = series.index[-1].timestamp()
    tab.time_chart.presets.button(0).click()  # 1Y
    low, high = _x_range(tab)
    assert high == pytest.approx(last, abs=86400 * 10)
    assert high - low == pytest.approx(365.25 * 86400, rel=0.06)
    tab.show_chart("ratio:IWM/SPY")  # the next chart keeps the preset
    assert tab.time_chart.preset == "1Y" and _x_range(tab)[1] - _x_range(tab)[0] < 400 * 86400
    tab.time_chart.show_preset("All")
    low, high = _x_range(tab)
    assert low <= series.index[0].timestamp() + 86400 * 10


def test_the_time_machine_day_is_a_cursor_on_every_chart(tab, controller):
    tab.show_chart("asset:SPY")
    tab.time_chart.show_preset("1Y")
    day = tab.time_chart.spec.lines[0].series.index[200]
    dates = Dates(chosen=f"{day:%Y-%m-%d}", shown=f"{day:%Y-%m-%d}", last="2099-01-01")
    controller.state = replace(controller.state, dates=dates)
    controller.state_changed.emit(controller.state)
    cursor = tab.time_chart.cursor
    assert cursor.isVisible() and cursor.value() == pytest.approx(day.timestamp())
    assert cursor.label.format == f"as of {day:%Y-%m-%d}"
    assert tab.time_chart.readout.text().startswith(f"As of {day:%Y-%m-%d}")
    assert _x_range(tab)[1] == pytest.approx(day.timestamp(), abs=86400 * 10)  # 1Y up to it
    tab.show_chart("ratio:IWM/SPY")
    assert tab.time_chart.cursor.isVisible()
    tab.show_chart(ROTATION_KEY)
    chart = tab.rotation_chart
    assert (
        chart.data.dates[chart.week.value()]
        <= day
        < chart.data.dates[chart.week.value()] + pd.Timedelta(days=7)
    )
    assert chart.week_label.text().endswith("as-of day")
    controller.state = replace(controller.state, dates=replace(dates, chosen=""))  # Latest
    controller.state_changed.emit(controller.state)
    assert not tab.time_chart.cursor.isVisible()
    assert chart.week.value() == chart.week.maximum()


def test_the_window_controllers_chosen_day_reaches_the_charts(qtbot):
    home = Controller(FakeEngine(), synchronous=True)
    home.start()
    widget = ChartsTab(ChartsController(home))
    qtbot.addWidget(widget)
    assert not widget.time_chart.cursor.isVisible()
    home.set_date("2026-01-15")
    assert widget.time_chart.cursor.isVisible()
    assert widget.time_chart.cursor.label.format == "as of 2026-01-15"
    home.undo_stack.undo()
    assert not widget.time_chart.cursor.isVisible()
