"""Above the table: what the advice is and its figures in words; beside it: the whole reason."""

from dataclasses import replace

from desktop.advice.state import AllocationSummary, Row
from desktop.qt.widgets.allocation_pane import AllocationPane
from desktop.qt.widgets.palette import LIGHT

REASON = (
    "IWM +2.2 pts: small caps +2.0 (breakout, 11-day streak; RSI 72 overbought held it back); "
    "cyclicals +0.2 (broad participation across eight sectors)"
)
ROWS = (
    Row("SPY", "SPDR S&P 500 ETF", 20.0, 18.0, -2.0, "SPY -2.0 pts: funds small caps"),
    Row("IWM", "iShares Russell 2000 ETF", 5.0, 7.2, 2.2, REASON),
    Row("GLD", "SPDR Gold Shares", 5.0, 4.8, -0.2, "GLD -0.2 pts: gold -0.2"),
)
SUMMARY = AllocationSummary(
    ROWS, "2026-01-16", 1.26, "optimal", 1.3,
    headline="Overweight small caps; underweight gold",
    expected_active_pct=0.35, turnover_pct=4.4, turnover_against="model",
)  # fmt: skip


def _pane(qtbot) -> AllocationPane:
    pane = AllocationPane()
    qtbot.addWidget(pane)
    pane.resize(1000, 500)
    pane.show()
    pane.render(SUMMARY, "", True, LIGHT)
    return pane


def test_the_headline_and_figures_are_in_words_without_solver_jargon(qtbot):
    pane = _pane(qtbot)
    assert "Overweight small caps; underweight gold" in pane.headline.text()
    caption = pane.caption.text()
    assert "expected active return +0.35 % a year" in caption
    assert "tracking error 1.26 %" in caption
    assert "one-way turnover 4.4 % against the model" in caption
    assert "optimal" not in caption and " ms" not in caption
    assert "optimal" in pane.caption.toolTip()


def test_the_row_that_moved_most_is_explained_until_another_is_chosen(qtbot):
    pane = _pane(qtbot)
    assert (
        "IWM" in pane.details.toPlainText()
        and "RSI 72 overbought held it back" in pane.details.toPlainText()
    )
    pane.table.selectRow(2)
    assert "GLD" in pane.details.toPlainText() and "gold -0.2" in pane.details.toPlainText()


def test_turnover_against_holdings_says_so(qtbot):
    pane = _pane(qtbot)
    pane.render(replace(SUMMARY, turnover_against="holdings"), "", True, LIGHT)
    assert "against your holdings" in pane.caption.text()
