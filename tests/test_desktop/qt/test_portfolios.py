"""Several portfolios in the window: switch, create from the defaults or a copy, remembered."""

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from desktop.data.history import open_history
from desktop.data.portfolios import create_portfolio, get_portfolio
from desktop.qt.controllers.portfolios import PortfolioController
from desktop.qt.widgets.portfolio_bar import NewPortfolioDialog
from tests.test_desktop.gui_helpers import make_window


def _names(window) -> list[str]:
    box = window.portfolio_bar.box
    return [box.itemText(i) for i in range(box.count())]


def test_switching_reloads_the_portfolios_files_history_and_alerts(qtbot, tmp_path):
    create_portfolio("growth")
    get_portfolio("growth").holdings_file.write_text("ticker,shares\nSPY,3\n", encoding="utf-8")
    window = make_window(qtbot, tmp_path, synchronous=True)
    assert _names(window) == ["default", "growth"]
    history = window.tab_widget("history")
    alerts = window.tab_widget("alerts")
    universe = window.tab_widget("universe")
    growth = get_portfolio("growth").universe_file
    growth.write_text(growth.read_text(encoding="utf-8") + "# growth's own\n", encoding="utf-8")
    window.controller.engine.compute_signals()  # so the demo history can be saved
    history.save_current("default's")
    window.portfolio_bar.box.setCurrentIndex(1)
    window.portfolio_bar.box.activated.emit(1)
    assert window.controller.portfolio == "growth"
    assert window.controller.engine.portfolio == "growth"
    assert window.controller.holdings is not None  # growth's holdings.csv was read
    assert history.saved == []  # growth has no saved suggestions
    assert alerts.controller._service.portfolio == "growth"
    assert str(growth) in universe.path_label.text()
    assert universe.editor.toPlainText().endswith("# growth's own\n")
    assert [s.note for s in open_history(tmp_path / "empty.db").list()] == ["default's"]


def test_the_choice_is_remembered_between_sessions(qtbot, tmp_path):
    create_portfolio("growth", copy_of="default")
    window = make_window(qtbot, tmp_path, synchronous=True)
    window.portfolio_bar.controller.switch("growth")
    window.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("session/portfolio") == "growth"
    again = make_window(qtbot, tmp_path, synchronous=True)
    assert again.controller.portfolio == "growth"
    assert again.portfolio_bar.box.currentText() == "growth"


def test_a_new_portfolios_name_is_checked_as_typed(qtbot, tmp_path):
    from tests.test_desktop.fake_controller import FakeController

    controller = PortfolioController(FakeController(tmp_path / "market.db"))
    dialog = NewPortfolioDialog(controller, ["default", "growth"])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.name.setText("Growth!")
    assert "cannot name a portfolio" in dialog.problem.text() and not ok.isEnabled()
    dialog.name.setText("growth")
    assert "already a portfolio" in dialog.problem.text() and not ok.isEnabled()
    dialog.name.setText("income")
    dialog.source.setCurrentIndex(2)
    assert ok.isEnabled() and dialog.choice() == ("income", "growth")


def test_home_shows_the_other_portfolios_asset_classes(qtbot, tmp_path):
    growth = create_portfolio("growth").universe_file
    text = growth.read_text(encoding="utf-8")
    growth.write_text(
        text.replace("weight = 20.0", "weight = 30.0", 1).replace(
            "weight = 14.0", "weight = 4.0", 1
        ),
        encoding="utf-8",
    )
    window = make_window(qtbot, tmp_path, synchronous=True)

    def limits() -> list[str]:
        grid = window.tilts._limits
        labels = (grid.itemAt(i).widget() for i in range(grid.count()))
        return [w.text() for w in labels if hasattr(w, "text") and "%)" in w.text()]

    assert "US equity (52 %)" in limits()
    window.portfolio_bar.controller.switch("growth")
    assert "US equity (62 %)" in limits() and "US equity (52 %)" not in limits()
    assert len(window.tilts.sliders) == len(window.controller.state.themes)
