"""A portfolio value and imported holdings turn the weights into shares and trades."""

from PySide6.QtWidgets import QFileDialog

from tests.test_desktop.gui_helpers import make_window


def _column(window, name):
    model = window.allocation.table.table_model
    return [model.data(model.index(r, model.columns.index(name))) for r in range(len(model.rows))]


def test_a_portfolio_value_adds_values_shares_and_trades(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, synchronous=True)
    assert "Shares" not in window.allocation.table.table_model.columns

    window.tilts.value.setValue(100_000)

    assert window.allocation.table.table_model.columns[-3:] == ("Value $", "Shares", "Trade")
    values = [float(v.replace(",", "")) for v in _column(window, "Value $")]
    # Each value is shown to the dollar: the shown sum may pass the total by half a dollar a row.
    assert 95_000 < sum(values) <= 100_000 + 0.5 * len(values)
    assert "cash left $" in window.allocation.caption.text()


def test_imported_holdings_give_sells_and_can_be_cleared(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, synchronous=True)
    holdings = tmp_path / "holdings.csv"
    holdings.write_text("ticker,shares\nSPY,100\nIEF,200\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(holdings), ""))

    window.actions_by_name["holdings"].trigger()

    assert window.tilts.holdings_label.text() == "holdings.csv"
    trades = dict(zip(_column(window, "Ticker"), _column(window, "Trade"), strict=True))
    # Everything is in SPY and IEF: both are partly sold to buy the rest of the portfolio.
    assert float(trades["SPY"].replace(",", "")) < 0 and float(trades["IEF"].replace(",", "")) < 0
    assert float(trades["IWM"].replace(",", "")) > 0
    window.tilts.clear_holdings.click()
    assert window.tilts.holdings_label.text() == "none"
    assert "Trade" not in window.allocation.table.table_model.columns


def test_a_bad_holdings_file_is_explained_without_blocking(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, synchronous=True)
    bad = tmp_path / "bad.csv"
    bad.write_text("ticker,shares\nSPY,lots\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))

    window.actions_by_name["holdings"].trigger()

    assert window.last_error is not None and window.last_error.isVisible()
    assert "line 2" in window.last_error.text()
    assert window.tilts.holdings_label.text() == "none"
