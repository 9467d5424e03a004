"""The universe editor: live validation with line numbers, Save only when valid, Revert."""

import pytest

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
    editor.editor.setPlainText(SMALL.replace("weight = 40.0", "weight = -40.0"))
    qtbot.waitUntil(lambda: editor.problem_list.count() > 0)  # validation as you type
    texts = [editor.problem_list.item(i).text() for i in range(editor.problem_list.count())]
    assert any(t.startswith("line 13:") for t in texts), texts
    assert not editor.save_button.isEnabled()
    assert "problem" in editor.summary.text()
    assert editor.editor.extraSelections()  # the bad line is marked


def test_clicking_a_problem_moves_the_cursor_to_its_line(editor):
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
