"""Dragging a theme slider re-solves in the background and the table follows, in both modes."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from tests.test_desktop.gui_helpers import make_window, shown_weight


@pytest.mark.parametrize("synchronous", [False, True], ids=["threads", "synchronous"])
def test_small_caps_slider_up_raises_iwm(qtbot, tmp_path, synchronous):
    window = make_window(qtbot, tmp_path, synchronous=synchronous)
    before = shown_weight(window, "IWM")
    slider = window.tilts.sliders["small_caps"]

    slider.setSliderDown(True)
    for position in range(slider.value(), 101, 10):  # a drag to the right end
        slider.setValue(position)
    slider.setSliderDown(False)  # release: solve now

    qtbot.waitUntil(lambda: shown_weight(window, "IWM") > before + 0.5, timeout=10_000)
    assert window.controller.state.is_override("small_caps")
    assert "override" in window.tilts._values["small_caps"].text()


def test_undo_puts_the_view_back_on_the_signals(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True)
    signal_view = window.controller.state.view("small_caps")
    before = shown_weight(window, "IWM")
    window.tilts.sliders["small_caps"].setValue(-100)
    assert shown_weight(window, "IWM") < before

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.allocation.table.setFocus()
    qtbot.keyClick(window.allocation.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert window.controller.state.view("small_caps") == pytest.approx(signal_view)
    assert shown_weight(window, "IWM") == pytest.approx(before)


def test_reset_button_restores_one_theme(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True)
    window.tilts.sliders["gold"].setValue(100)
    assert window.tilts._resets["gold"].isEnabled()

    qtbot.mouseClick(window.tilts._resets["gold"], Qt.MouseButton.LeftButton)

    assert not window.controller.state.is_override("gold")
    assert not window.tilts._resets["gold"].isEnabled()


def test_clicking_a_card_opens_its_chart(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True)
    card = window.dashboard.cards["small_cap_breakout"]

    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)

    assert window.tabs.tabText(window.tabs.currentIndex()) == "Charts"
    assert window.controller.selected_chart == "small_cap_breakout"


def test_a_render_without_a_new_answer_leaves_the_table_alone(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True)
    refills = []
    window.allocation.table.table_model.dataChanged.connect(lambda *_: refills.append(1))

    window.render(window.controller.state)  # what each slider move does before its answer
    assert refills == []

    window.render(replace(window.controller.state, fresh=False))
    assert window.allocation.caption.text().startswith("Last session's answer")
