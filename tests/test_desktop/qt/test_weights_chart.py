"""The home view's bar chart: bars in the table's order, values on hover, round axis steps."""

import pytest
from PySide6.QtGui import QColor

from desktop.advice.state import Row
from desktop.qt.widgets.palette import DARK, LIGHT
from desktop.qt.widgets.weights_chart import WeightsChart, tick_step, tooltip_text

ROWS = (
    Row("SPY", "S&P 500", 60.0, 52.5, -7.5, ""),
    Row("IWM", "Russell 2000", 10.0, 17.5, 7.5, ""),
    Row("AGG", "US bonds", 30.0, 30.0, 0.0, ""),
)


@pytest.fixture
def chart(qtbot):
    widget = WeightsChart()
    qtbot.addWidget(widget)
    widget.resize(320, 300)
    widget.render(ROWS, LIGHT)
    return widget


@pytest.mark.parametrize(
    ("top", "max_ticks", "step"), [(64.8, 4, 20.0), (64.8, 8, 10.0), (21.6, 10, 2.5), (0.5, 5, 0.1)]
)
def test_axis_steps_are_round_and_few_enough(top, max_ticks, step):
    assert tick_step(top, max_ticks) == pytest.approx(step)
    assert top / step <= max_ticks


def test_bars_run_from_the_top_in_the_table_order(chart):
    seen = [chart.row_at(y) for y in range(chart.height())]
    order = [r.ticker for i, r in enumerate(seen) if r is not None and r != seen[i - 1]]
    assert order == ["SPY", "IWM", "AGG"]


def test_hovering_a_bar_tells_its_weights():
    assert tooltip_text(ROWS[1]) == (
        "IWM (Russell 2000): model 10.00 %, suggested 17.50 % (+7.50 pts)"
    )


def test_bars_are_painted_in_the_theme_colours(chart):
    for theme in (LIGHT, DARK):
        chart.render(ROWS, theme)
        image = chart.grab().toImage()
        colours = {
            image.pixelColor(x, y).name()
            for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)
        }
        assert {QColor(theme.model_bar).name(), QColor(theme.suggested_bar).name()} <= colours
        assert image.pixelColor(image.width() - 2, 2) == QColor(theme.base)
