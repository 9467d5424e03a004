"""What a person sees around the edges: data source, banner for impossible limits, tooltips."""

from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QAbstractSpinBox

from tests.test_desktop.gui_helpers import make_window, shown_weight


def test_status_bar_says_demo_data_on_an_empty_database(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True)
    assert window.status.source.text() == "Demo data (synthetic)"
    assert window.status.stale.text() == "no stale series"


def test_impossible_limits_show_a_banner_and_keep_the_last_good_answer(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True)
    good = window.controller.state.allocation
    iwm = shown_weight(window, "IWM")
    low, _high = window.tilts._bounds["bonds"]

    low.setValue(90.0)  # bonds are 26 % of the model and may move 10 points per asset

    banner = window.allocation.banner
    assert banner.isVisible()
    assert "admit no portfolio" in banner.text()
    assert window.controller.state.allocation == good
    assert shown_weight(window, "IWM") == iwm

    low.setValue(0.0)
    assert not banner.isVisible()


def test_every_control_on_home_has_a_tooltip_and_an_accessible_name(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True)
    home = window.tabs.widget(0)
    controls = [
        w
        for kind in (QAbstractButton, QAbstractSlider, QAbstractSpinBox)
        for w in home.findChildren(kind)
        if not w.inherits("QScrollBar")
    ]
    assert len(controls) > 20
    missing = [w for w in controls if not w.toolTip() or not w.accessibleName()]
    assert missing == []


def test_palette_follows_the_system_scheme(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from desktop.qt.widgets import main_window, palette

    window = make_window(qtbot, tmp_path, synchronous=True)
    monkeypatch.setattr(main_window, "system_theme", lambda: palette.DARK)

    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)

    assert window.theme is palette.DARK
    assert QGuiApplication.palette().window().color().name() == palette.DARK.window
    monkeypatch.setattr(main_window, "system_theme", lambda: palette.LIGHT)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window.theme is palette.LIGHT


def test_about_lists_version_data_source_and_generated_licences(qtbot):
    from PySide6.QtWidgets import QLabel

    from desktop import __version__
    from desktop.qt.widgets.about import AboutDialog

    dialog = AboutDialog("Demo data (synthetic)")
    qtbot.addWidget(dialog)

    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert __version__ in text and "Demo data (synthetic)" in text
    table = dialog.licences
    licences = {
        table.item(r, 0).text().lower(): table.item(r, 2).text() for r in range(table.rowCount())
    }
    assert {"cvxpy", "pandas", "pyqtgraph"} <= set(licences)
    assert any("LGPL" in text for name, text in licences.items() if name.startswith("pyside6"))
