"""The universe editor: a table of held assets and the TOML text, checked as you go, Save only
when valid, undoable edits, Revert."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from desktop.advice.tables.universe_table import COLUMNS
from desktop.data.user_files import bundled_universe_path, load_universe
from desktop.qt.controllers.universe import UniverseController
from desktop.qt.widgets.universe_editor import UniverseEditor
from tests.test_desktop.fake_controller import FakeController

SMALL = """[[asset]]
ticker = "SPY"
name = "S&P 500"
asset_class = "us_equity"
themes = []
weight = 60.0

[[asset]]
ticker = "AGG"
name = "Bonds"
asset_class = "bonds"
themes = []
weight = 40.0
"""


@pytest.fixture
def home(tmp_path):
    """The window's controller: counts the reloads a save asks for (`data_updates`)."""
    return FakeController(tmp_path / "market.db")


@pytest.fixture
def editor(qtbot, tmp_path, home):
    path = tmp_path / "universe.toml"
    path.write_text(SMALL, encoding="utf-8")
    widget = UniverseEditor(UniverseController(home, path))
    qtbot.addWidget(widget)
    return widget


def test_opens_the_file_valid_and_unmodified(editor):
    assert editor.editor.toPlainText() == SMALL
    assert editor.problems == []
    assert not editor.save_button.isEnabled() and not editor.revert_button.isEnabled()
    assert editor.summary.text() == (
        "Valid: 2 held assets (model weights sum to 100 %), 0 signal tickers, 0 themes"
    )


def test_a_bad_weight_is_reported_with_its_line_and_disables_save(editor, qtbot):
    editor.pages.setCurrentWidget(editor.editor)  # the Text page lists problems by line
    editor.editor.setPlainText(SMALL.replace("weight = 40.0", "weight = -40.0"))
    qtbot.waitUntil(lambda: editor.problem_list.count() > 0)  # validation as you type
    texts = [editor.problem_list.item(i).text() for i in range(editor.problem_list.count())]
    assert any(t.startswith("line 13:") for t in texts), texts
    assert not editor.save_button.isEnabled()
    assert "problem" in editor.summary.text()
    assert editor.editor.extraSelections()  # the bad line is marked


def test_clicking_a_problem_moves_the_cursor_to_its_line(editor):
    editor.pages.setCurrentWidget(editor.editor)
    editor.editor.setPlainText(SMALL.replace("weight = 40.0", 'weight = "forty"'))
    editor.validate()
    editor.problem_list.itemClicked.emit(editor.problem_list.item(0))
    assert editor.editor.textCursor().blockNumber() + 1 == 13


def test_save_writes_a_valid_edit_and_revert_discards_one(editor, home):
    edited = SMALL.replace("60.0", "55.0").replace("40.0", "45.0")
    editor.editor.setPlainText(edited)
    editor.validate()
    assert editor.save_button.isEnabled()
    editor.save_button.click()
    assert editor.path.read_text(encoding="utf-8") == edited
    assert load_universe(editor.path).asset("AGG").weight == 45.0
    assert not editor.save_button.isEnabled()
    assert home.data_updates == 1  # the app reloads with the new universe
    assert editor.notice.text.text().startswith("Saved ")

    editor.editor.setPlainText("not toml at all = = =")
    editor.revert_button.click()
    assert editor.editor.toPlainText() == edited and editor.problems == []


def test_save_refuses_invalid_text_even_before_the_timer_fires(editor):
    editor.editor.setPlainText(SMALL.replace("40.0", "30.0"))  # sums to 90
    editor.save()
    assert editor.path.read_text(encoding="utf-8") == SMALL
    assert editor.problems and "100" in str(editor.problems[0])


def test_the_default_universe_can_be_loaded_and_is_valid(editor):
    editor.default_button.click()
    assert editor.editor.toPlainText() == bundled_universe_path().read_text(encoding="utf-8")
    assert editor.problems == [] and editor.save_button.isEnabled()


def _cell(editor, row: int, key: str):
    return editor.table.model.index(row, COLUMNS.index(key))


def _type(editor, row: int, key: str, text: str) -> None:
    """What a person typing `text` into the cell and pressing Enter does."""
    assert editor.table.model.setData(_cell(editor, row, key), text, Qt.ItemDataRole.EditRole)


def test_the_table_shows_each_held_asset_with_its_columns(editor):
    assert editor.pages.currentWidget() is editor.table  # the table opens first
    model = editor.table.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Ticker", "Name", "Class", "Model weight %", "Min %", "Max %", "Themes"]
    assert [model.data(_cell(editor, r, "ticker")) for r in range(model.rowCount())] == [
        "SPY",
        "AGG",
    ]
    assert model.data(_cell(editor, 1, "weight")) == "40"
    assert editor.table.total.text() == "Model weights sum to 100 %"


def test_a_table_edit_is_written_as_toml_checked_at_once_and_saved(editor, home):
    _type(editor, 0, "weight", "55")
    assert "weight = 55.0" in editor.editor.toPlainText()
    assert not editor.save_button.isEnabled()  # 95 %: invalid, no timer needed to say so
    assert editor.table.total.text() == "Model weights sum to 95 %, not 100 %"
    assert "sum to 95.00 %" in editor.problem_list.item(0).text()
    _type(editor, 1, "weight", "45")
    _type(editor, 0, "max_weight", "70")
    assert editor.save_button.isEnabled() and editor.problems == []
    editor.save_button.click()
    saved = load_universe(editor.path)
    assert saved.asset("AGG").weight == 45.0 and saved.asset("SPY").max_weight == 70.0
    assert home.data_updates == 1


def test_a_bad_cell_is_tinted_and_named_and_its_problem_selects_it(editor):
    _type(editor, 1, "weight", "forty")
    index = _cell(editor, 1, "weight")
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("AGG: weight must be a number")
    assert not editor.save_button.isEnabled()
    item = next(
        editor.problem_list.item(i)
        for i in range(editor.problem_list.count())
        if editor.problem_list.item(i).text().startswith("AGG: weight")
    )
    editor.problem_list.itemClicked.emit(item)
    assert editor.table.view.currentIndex() == index


def test_bounds_must_hold_the_model_weight(editor):
    _type(editor, 0, "max_weight", "50")  # SPY's model weight is 60
    index = _cell(editor, 0, "max_weight")
    assert "outside its bounds" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert not editor.save_button.isEnabled()
    _type(editor, 0, "max_weight", "")  # no bound again
    assert editor.problems == [] and "max_weight" not in editor.editor.toPlainText()


def test_table_edits_undo_and_redo_one_by_one(editor, qtbot):
    _type(editor, 0, "name", "Cap-weighted US")
    _type(editor, 1, "asset_class", "cash")
    assert editor.undo_button.isEnabled()
    qtbot.keyClick(editor.table.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.table.model.data(_cell(editor, 1, "asset_class")) == "bonds"
    assert editor.table.model.data(_cell(editor, 0, "name")) == "Cap-weighted US"
    editor.undo_button.click()
    assert editor.editor.toPlainText() == SMALL and not editor.revert_button.isEnabled()
    editor.redo_button.click()
    assert editor.table.model.data(_cell(editor, 0, "name")) == "Cap-weighted US"


def test_the_table_takes_the_undo_keys_from_the_windows_edit_menu(editor):
    override = QKeyEvent(
        QEvent.Type.ShortcutOverride, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )
    assert editor.table.view.event(override) and override.isAccepted()


def test_an_added_asset_asks_for_its_ticker_and_name_and_remove_takes_it_away(editor):
    editor.table.add_button.click()
    assert editor.table.model.rowCount() == 3
    assert _cell(editor, 2, "ticker").data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "name" in _cell(editor, 2, "name").data(Qt.ItemDataRole.ToolTipRole)
    assert not editor.save_button.isEnabled()
    editor.table.view.setCurrentIndex(_cell(editor, 2, "name"))
    editor.table.remove_button.click()
    assert editor.table.model.rowCount() == 2 and editor.problems == []


def test_text_the_table_cannot_show_says_so_until_it_is_fixed(editor):
    editor.pages.setCurrentWidget(editor.editor)
    editor.editor.setPlainText(SMALL.replace("[[asset]]", "[[asset]", 1))
    editor.validate()
    assert not editor.table.view.isEnabled()
    assert "Fix it in the Text view" in editor.table.message.text()
    editor.editor.setPlainText(SMALL)  # fixed in the text
    editor.validate()
    assert editor.table.view.isEnabled() and editor.table.model.rowCount() == 2
    assert editor.table.message.isHidden()


def test_a_cell_is_checked_at_each_keystroke_before_it_is_committed(editor, qtbot):
    editor.show()
    index = _cell(editor, 1, "ticker")
    editor.table.view.setCurrentIndex(index)
    editor.table.view.edit(index)
    typing = editor.table.view.findChild(QLineEdit)
    typing.selectAll()
    qtbot.keyClicks(typing, "agg")
    assert editor.table.hint.isVisible()
    assert "not a valid symbol" in editor.table.hint.text() and "'AGG'" in editor.table.hint.text()
    assert "rgba" in typing.styleSheet()
    assert editor.editor.toPlainText() == SMALL  # nothing written until the edit is committed
    typing.setText("")
    qtbot.keyClicks(typing, "BND")
    assert not editor.table.hint.isVisible() and typing.styleSheet() == ""
