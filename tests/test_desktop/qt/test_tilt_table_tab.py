"""The Tilt table tab driven like a user: a theme's IC and weights edited, checked as typed,
undone, reset to the defaults and saved with the file's comments kept; a save re-solves."""

import pytest

from desktop.advice.state import AppState, Card, Phase, Theme
from desktop.data.portfolios import get_portfolio
from desktop.data.user_files import default_tilts_path
from desktop.qt.controllers.tilts import TiltsController
from desktop.qt.widgets.tilt_table_tab import TiltTableTab
from tests.test_desktop.fake_controller import FakeController

SIGNALS = ("small_cap_breakout", "small_cap_streak", "small_cap_rsi", "rates", "breadth")


def _state() -> AppState:
    cards = tuple(Card(n, n, "x", 0.0, "", "2026-01-16", False) for n in SIGNALS)
    themes = (Theme("small_caps", "Small caps", 0.3), Theme("gold", "Gold", -0.2))
    return AppState(phase=Phase.READY, cards=cards, themes=themes)


TABLE = """\
# my notes on the table
[themes.small_caps]
ic = 0.10

[themes.small_caps.signals]
# the core thesis
small_cap_breakout = 0.30
rates = 0.15  # falling yields help
"""


@pytest.fixture
def home(tmp_path):
    get_portfolio("default").tilts_file.write_text(TABLE, encoding="utf-8")
    return FakeController(tmp_path / "market.db", _state())


@pytest.fixture
def tab(qtbot, home):
    widget = TiltTableTab(TiltsController(home))
    qtbot.addWidget(widget)
    widget.select_theme("small_caps")
    return widget


def _rows(tab) -> list[tuple[str, float]]:
    table = tab.signals
    return [
        (table.cellWidget(r, 0).currentData(), table.cellWidget(r, 1).value())
        for r in range(table.rowCount())
    ]


def test_the_form_shows_the_file(tab):
    assert [tab.themes.item(i).text() for i in range(tab.themes.count())] == ["Small caps", "Gold"]
    assert tab.ic.value() == 0.10
    assert _rows(tab) == [("small_cap_breakout", 0.30), ("rates", 0.15)]
    assert not tab.save_button.isEnabled()
    assert "give a view of +0.00 on the day shown" in tab.box.title()


def test_a_signal_is_swapped_for_another_and_its_score_shown(tab, home):
    combo = tab.signals.cellWidget(1, 0)
    combo.activated.emit(combo.findData("breadth"))
    assert _rows(tab) == [("small_cap_breakout", 0.30), ("breadth", 0.15)]
    assert tab.signals.item(1, 2).text() == "+0.00"
    home.undo_stack.undo()
    assert _rows(tab)[1] == ("rates", 0.15)


def test_an_ic_too_large_is_said_as_typed_and_blocks_save(tab):
    tab.ic.setValue(0.5)
    assert "ic of small_caps must be a number from 0 to 0.3" in tab.problems.text()
    assert not tab.save_button.isEnabled()
    tab.ic.setValue(0.12)
    assert tab.problems.text() == "Unsaved changes."
    assert tab.save_button.isEnabled()


def test_edits_are_undone_one_step_each(tab, home):
    tab.signals.cellWidget(0, 1).setValue(0.4)
    tab.add_button.click()
    assert _rows(tab)[-1] == ("breadth", 0.1)
    tab.signals.cellWidget(0, 3).click()  # remove small_cap_breakout
    assert _rows(tab) == [("rates", 0.15), ("breadth", 0.1)]
    home.undo_stack.undo()
    home.undo_stack.undo()
    assert _rows(tab) == [("small_cap_breakout", 0.4), ("rates", 0.15)]
    home.undo_stack.undo()
    assert _rows(tab) == [("small_cap_breakout", 0.30), ("rates", 0.15)]
    assert not tab.save_button.isEnabled()


def test_a_save_keeps_the_comments_and_re_solves(tab, home):
    tab.signals.cellWidget(1, 1).setValue(0.25)
    tab.themes.setCurrentRow(1)  # Gold: not in the file yet
    tab.ic.setValue(0.06)
    tab.add_button.click()
    tab.save_button.click()
    text = get_portfolio("default").tilts_file.read_text(encoding="utf-8")
    assert "# the core thesis\nsmall_cap_breakout = 0.30\nrates = 0.25  # falling yields" in text
    assert "[themes.gold]\nic = 0.06\n\n[themes.gold.signals]\nbreadth = 0.1\n" in text
    assert home.data_updates == 1
    assert not tab.save_button.isEnabled()


def test_reset_puts_the_defaults_in_the_form_until_saved(qtbot, tmp_path):
    from desktop.data.user_files import load_universe
    from signals import REGISTRY

    cards = tuple(Card(s.name, s.name, "x", 0.0, "", "2026-01-16", False) for s in REGISTRY)
    themes = tuple(Theme(t.name, t.label, 0.0) for t in load_universe().themes)
    get_portfolio("default").tilts_file.write_text(TABLE, encoding="utf-8")
    home = FakeController(tmp_path / "market.db", AppState(cards=cards, themes=themes))
    tab = TiltTableTab(TiltsController(home))
    qtbot.addWidget(tab)
    tab.select_theme("small_caps")
    tab.reset_button.click()
    assert tab.ic.value() == 0.10
    assert len(_rows(tab)) > 2  # the bundled table's small-caps signals
    assert tab.problems.text() == "Unsaved changes."
    tab.save_button.click()
    saved = get_portfolio("default").tilts_file.read_text(encoding="utf-8")
    assert saved == default_tilts_path().read_text(encoding="utf-8")


def test_the_scores_and_view_follow_the_day_shown(tab, home):
    from dataclasses import replace

    cards = tuple(replace(c, score=0.5) if c.name == "rates" else c for c in home.state.cards)
    home.state = replace(home.state, cards=cards)
    home.state_changed.emit(home.state)
    assert tab.signals.item(1, 2).text() == "+0.50"
    assert "give a view of +0.17 on the day shown" in tab.box.title()  # 0.15 x 0.5 / 0.45
