"""The History tab driven like a user: save, compare, restore, note, delete and undo, export."""

import csv
from dataclasses import replace

import pytest

from desktop.advice.knobs import Knobs
from desktop.advice.state import AllocationSummary, AppState, Card, Row, Theme
from desktop.data.history import open_history
from desktop.qt.controllers.history import HistoryController
from desktop.qt.widgets.history_list import NOTE_COLUMN
from desktop.qt.widgets.history_tab import HistoryTab
from tests.test_desktop.fake_controller import FakeController
from tests.test_desktop.gui_helpers import make_window


def _state(iwm: float, te_cap: float, overrides: dict[str, float]) -> AppState:
    rows = (
        Row("SPY", "S&P 500", 20.0, 25.0 - iwm, 5.0 - iwm, ""),
        Row("IWM", "Russell 2000", 5.0, iwm, iwm - 5.0, "small caps"),
    )
    return AppState(
        data_label="Demo data (synthetic)",
        themes=(Theme("small_caps", "Small caps", 0.4), Theme("gold", "Gold", -0.2)),
        knobs=Knobs(te_cap_pct=te_cap, overrides=overrides),
        cards=(Card("small_cap_rsi", "RSI", "small caps", 0.3, "RSI 66.", "2026-01-16", False),),
        allocation=AllocationSummary(rows, "2026-01-16", 1.0, "optimal", 2.0),
    )


@pytest.fixture
def home(tmp_path):
    """The window's controller: its state is what a save keeps, its undo stack Edit > Undo's."""
    return FakeController(tmp_path / "market.db", _state(7.0, 4.0, {}))


@pytest.fixture
def tab(qtbot, home):
    widget = HistoryTab(HistoryController(home))
    qtbot.addWidget(widget)
    return widget


def _save(tab: HistoryTab, home: FakeController, state: AppState) -> None:
    home.state = state
    tab.save_button.click()


def _cell(tab: HistoryTab, row: int, column: int) -> str:
    return tab.diff.item(row, column).text()


def _diff_row(tab: HistoryTab, label: str) -> int:
    labels = [tab.diff.item(r, 0).text() for r in range(tab.diff.rowCount())]
    return labels.index(label)


def test_save_then_compare_two_side_by_side(tab, home):
    _save(tab, home, _state(7.0, 4.0, {}))
    _save(tab, home, _state(9.5, 3.0, {"small_caps": 1.0}))
    assert tab.table.rowCount() == 2
    assert "Saved suggestion #2" in tab.notice.text.text()
    assert tab.diff.isColumnHidden(2)  # the new one is selected, alone
    tab.table.selectAll()
    assert not tab.diff.isColumnHidden(2)
    iwm = _diff_row(tab, "IWM")  # first match: the suggested-weight section
    assert (_cell(tab, iwm, 1), _cell(tab, iwm, 2), _cell(tab, iwm, 3)) == (
        "7.00",
        "9.50",
        "+2.50 pts",
    )
    assert tab.diff.item(iwm, 3).font().bold()
    cap = _diff_row(tab, "Tracking-error cap (%)")
    assert (_cell(tab, cap, 1), _cell(tab, cap, 2)) == ("4", "3")
    view = _diff_row(tab, "Small caps")  # the label the window shows, not the id
    assert (_cell(tab, view, 1), _cell(tab, view, 2)) == ("+0.40", "+1.00 *")


def test_one_selected_shows_it_alone(tab, home):
    _save(tab, home, _state(7.0, 4.0, {}))
    assert tab.diff.isColumnHidden(2) and tab.diff.isColumnHidden(3)
    assert tab.diff.horizontalHeaderItem(1).text() == "A (#1)"
    assert tab.hint.text() == "Suggestion #1, as of 2026-01-16."


def test_restore_applies_saved_settings_and_overrides(tab, home):
    _save(tab, home, _state(9.5, 3.0, {"small_caps": 1.0, "retired_theme": 0.5}))
    home.state = _state(7.0, 4.0, {})
    tab.restore_button.click()
    knobs = home.state.knobs
    assert knobs.te_cap_pct == 3.0 and dict(knobs.overrides) == {"small_caps": 1.0}
    assert "retired_theme" in tab.notice.text.text()
    home.undo_stack.undo()  # a restore is one undo step like any settings change
    assert home.state.knobs.te_cap_pct == 4.0


def test_delete_then_undo_with_the_notice_button_and_with_the_undo_stack(tab, home):
    _save(tab, home, _state(7.0, 4.0, {}))
    _save(tab, home, _state(8.0, 4.0, {}))
    tab.table.select_ids({1})  # the older one
    tab.delete_button.click()
    assert tab.table.rowCount() == 1
    assert tab.notice.action.isVisibleTo(tab) and tab.notice.action.text() == "Undo"
    tab.notice.action.click()
    assert [s.id for s in tab.saved] == [2, 1]
    tab.table.selectAll()
    tab.delete_selected()
    assert tab.table.rowCount() == 0
    home.undo_stack.undo()  # what Edit > Undo (Ctrl+Z) does
    assert tab.table.rowCount() == 2


def test_a_note_typed_in_the_list_is_saved(tab, home):
    _save(tab, home, _state(7.0, 4.0, {}))
    tab.table.item(0, NOTE_COLUMN).setText("before the Fed")
    assert open_history(home.engine.db_path).get(1).note == "before the Fed"
    assert tab.table.item(0, NOTE_COLUMN).text() == "before the Fed"


def test_saving_without_an_allocation_says_so(tab, home):
    home.state = replace(home.state, allocation=None)
    tab.save_button.click()
    assert tab.table.rowCount() == 0
    assert "no allocation" in tab.notice.text.text()


def test_export_writes_every_saved_suggestion(tab, home, tmp_path):
    _save(tab, home, _state(7.0, 4.0, {}))
    _save(tab, home, _state(8.0, 4.0, {}))
    path = tmp_path / "out" / "history.csv"
    path.parent.mkdir()
    tab.export_csv(str(path))
    rows = list(csv.DictReader(path.read_text().splitlines()))
    assert [(r["suggestion_id"], r["ticker"]) for r in rows] == [
        ("1", "SPY"),
        ("1", "IWM"),
        ("2", "SPY"),
        ("2", "IWM"),
    ]
    assert str(path) in tab.notice.text.text()


def test_history_survives_a_new_tab(tab, home, qtbot):
    _save(tab, home, _state(7.0, 4.0, {}))
    again = HistoryTab(HistoryController(home))
    qtbot.addWidget(again)
    assert again.table.rowCount() == 1


def test_restore_brings_back_max_active_and_asset_class_limits(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True)
    max_active = window.tilts.knob_sliders["max_active_pct"]
    low, high = window.tilts._bounds["bonds"]
    max_active.setValue(9)  # 0.5 + 9 x 0.5 = 5.0 points
    high.setValue(40.0)
    window.save_suggestion()
    max_active.setValue(29)  # 15.0 points
    low.setValue(10.0)
    high.setValue(100.0)

    history = window.open_tab("history")
    history.table.select_ids({1})
    assert _cell(history, _diff_row(history, "Bonds max (%)"), 1) == "40"
    history.restore_button.click()

    knobs = window.controller.state.knobs
    assert knobs.max_active_pct == 5.0 and dict(knobs.class_bounds) == {"bonds": (0.0, 40.0)}
    assert max_active.value() == 9 and (low.value(), high.value()) == (0.0, 40.0)


def test_the_record_of_each_suggestion_its_chart_and_the_sentence(qtbot, tmp_path):
    from desktop.advice.journal.scores import RUNNING, SCORED, Score, ThemeCall
    from desktop.advice.journal.summary import journal_summary
    from desktop.engine.journal_view import JournalView

    calls = (ThemeCall("small_caps", 0.4, 2.0, True), ThemeCall("gold", -0.2, 1.0, False))
    scores = (
        Score(1, "2025-03-03", SCORED, "2025-06-02", 91, 3.0, 2.0, 1.0, calls),
        Score(2, "2025-06-02", RUNNING, "2026-01-16", 228, 5.0, 6.0, -1.0, calls[:1]),
    )
    view = JournalView("default", scores, journal_summary(scores), (0.0, 86400.0), (0.0, 1.0),
                       (0.0, 0.5), (0.0, 0.5))  # fmt: skip
    home = FakeController(tmp_path / "market.db", _state(7.0, 4.0, {}), journal=lambda: view)
    widget = HistoryTab(HistoryController(home))
    qtbot.addWidget(widget)
    pane = widget.journal
    assert pane.summary.text().startswith("2 saved suggestions since 2025-03:")
    assert [pane.table.item(0, c).text() for c in (0, 3, 4, 5, 6)] == [
        "#1", "+3.00", "+2.00", "+1.00", "1 of 2",
    ]  # fmt: skip
    assert "Wrong: gold" in pane.table.item(0, 6).toolTip()
    assert pane.table.item(1, 5).text() == "-1.00"
    assert list(pane.curves["followed_pct"].getData()[1]) == [0.0, 1.0]


def test_clicking_a_record_row_reads_that_suggestion(qtbot, tab, home):
    from desktop.engine.journal_view import JournalView
    from desktop.engine.journaling import journal_summary

    _save(tab, home, _state(7.0, 4.0, {}))
    saved = tab.saved[0]
    score = _new_score(saved.id, saved.suggestion.as_of)
    tab.journal.show_journal(JournalView("default", (score,), journal_summary((score,))))
    tab.table.clearSelection()
    tab.journal.table.cellClicked.emit(0, 3)
    assert [s.id for s in tab.selected()] == [saved.id]


def _new_score(suggestion_id: int, as_of: str):
    from desktop.advice.journal.scores import NEW, Score

    return Score(suggestion_id, as_of, NEW, note="as of the data's last date: nothing to score")
