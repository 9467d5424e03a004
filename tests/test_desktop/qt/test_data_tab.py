"""The Data tab driven like a user: import through the dialog and by drop, refresh, macro entry."""

import threading

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from desktop.data.market.outcomes import import_summary
from desktop.data.market.store import ImportReport, MarketStore
from desktop.qt.controllers.data import DataController
from desktop.qt.widgets.data_tab import DataTab
from tests.test_desktop.fake_controller import FakeController


def _price_csv(path, closes=(100.0, 101.0, 102.5)):
    dates = pd.bdate_range("2026-01-12", periods=len(closes))
    lines = ["Date,Open,High,Low,Close,Adj Close,Volume"]
    lines += [f"{d:%Y-%m-%d},{c},{c},{c},{c},{c},1000" for d, c in zip(dates, closes, strict=True)]
    path.write_text("\n".join(lines) + "\n")
    return path


def _yahoo_frame(tickers, start="2026-01-12", days=3):
    """What yfinance.download returns: (field, ticker) columns, tz-aware Date index."""
    index = pd.DatetimeIndex(
        pd.bdate_range(start, periods=days, tz="America/New_York"), name="Date"
    )
    fields = ("Close", "High", "Low", "Open", "Volume")
    columns = pd.MultiIndex.from_product([fields, tickers], names=["Price", "Ticker"])
    values = np.tile(np.linspace(50.0, 52.0, days)[:, None], (1, len(columns)))
    return pd.DataFrame(values, index=index, columns=columns)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "market.db"


@pytest.fixture
def home(db):
    """The window's controller: counts the reloads the tab asks for (`data_updates`)."""
    return FakeController(db)


@pytest.fixture
def make_tab(qtbot, home):
    def make(fetch=None):
        tab = DataTab(DataController(home, fetch=fetch))
        qtbot.addWidget(tab)
        return tab

    return make


def test_an_empty_database_shows_the_demo_series_and_says_so(make_tab):
    tab = make_tab()
    assert "SPY" in tab.status_table.tickers()  # the bundled demo's series
    assert "demo data (synthetic)" in tab.banner.text.text().lower()
    assert tab.macro.table.rowCount() == 0  # only releases stored in the database are editable


def test_import_through_the_dialog_shows_the_ticker(make_tab, home, tmp_path, monkeypatch, qtbot):
    csv = _price_csv(tmp_path / "IWM.csv")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(csv)], ""))
    tab = make_tab()
    tab.import_button.click()
    qtbot.waitUntil(lambda: "IWM" in tab.status_table.tickers())
    row = tab.status_table.tickers().index("IWM")
    assert tab.status_table.item(row, 3).text() == "2026-01-14"  # last date
    assert tab.status_table.item(row, 4).data(Qt.ItemDataRole.DisplayRole) == 3  # rows
    assert "Imported 1 file: IWM" in tab.notice.text.text()
    assert home.data_updates == 1
    assert not tab.banner.isVisibleTo(tab)  # real prices now: no demo banner


def test_a_dropped_folder_imports_and_a_bad_file_is_named(make_tab, tmp_path, qtbot):
    folder = tmp_path / "drop"
    folder.mkdir()
    _price_csv(folder / "SPY.csv")
    (folder / "notes.csv").write_text("hello,world\n1,2\n")
    tab = make_tab()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(
        QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    tab.dropEvent(event)
    qtbot.waitUntil(lambda: "SPY" in tab.status_table.tickers())
    assert "notes.csv" in tab.notice.text.text()


def test_refresh_offline_says_so_and_changes_nothing(make_tab, home, tmp_path, db):
    with MarketStore(db) as store:
        store.import_paths([_price_csv(tmp_path / "SPY.csv")])
    tab = make_tab(fetch=lambda *args, **kwargs: pd.DataFrame())
    tab.refresh_button.click()
    assert tab.banner.text.text().startswith("Offline: Yahoo Finance could not be reached")
    assert "cached data from 2026-01-14" in tab.banner.text.text()
    assert tab.refresh_button.isEnabled() and not tab.cancel_button.isVisibleTo(tab)
    assert tab.status_table.tickers() == ["SPY"]
    assert home.data_updates == 0


def test_offline_on_demo_data_says_the_demo_is_shown(make_tab):
    tab = make_tab(fetch=lambda *args, **kwargs: pd.DataFrame())
    tab.refresh_button.click()
    assert tab.banner.text.text() == (
        "Offline: Yahoo Finance could not be reached; showing the demo data (synthetic)."
    )


def test_refresh_online_stores_what_comes_back_with_progress(make_tab, home, qtbot):
    def fetch(tickers, **kwargs):
        return _yahoo_frame([t for t in tickers if t in ("SPY", "IWM")])

    tab = make_tab(fetch=fetch)
    with qtbot.waitSignal(tab.controller.refresh_progressed) as progressed:
        tab.refresh_button.click()
    assert progressed.args[1].startswith("Asking Yahoo Finance for")
    assert {"SPY", "IWM"} <= set(tab.status_table.tickers())
    assert tab.progress.value() == 100
    assert "Updated 2 series" in tab.notice.text.text() and "not updated" in tab.notice.text.text()
    assert home.data_updates == 1


def test_cancel_stops_the_refresh_and_says_nothing_changed(qtbot, db):
    home = FakeController(db, synchronous=False)  # the download runs while the user clicks
    asked, go_on = threading.Event(), threading.Event()

    def fetch(tickers, **kwargs):
        asked.set()
        go_on.wait(10)
        return _yahoo_frame(tickers)

    tab = DataTab(DataController(home, fetch=fetch))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.status_table.tickers() != [])
    tab.refresh_button.click()
    qtbot.waitUntil(asked.is_set)
    assert tab.progress.isVisibleTo(tab) and not tab.refresh_button.isEnabled()
    tab.cancel_button.click()
    go_on.set()
    qtbot.waitUntil(lambda: not home.jobs.busy)
    assert tab.refresh_button.isEnabled() and not tab.progress.isVisibleTo(tab)
    assert "unchanged" in tab.notice.text.text()
    with MarketStore(db) as store:
        assert not store.has_prices()  # nothing was stored
    assert home.data_updates == 0
    home.jobs.shutdown()


def test_macro_releases_are_checked_then_saved(make_tab, db):
    tab = make_tab()
    macro = tab.macro
    macro.series.setCurrentIndex(macro.series.findData("philly_fed"))
    macro.add_row("2026-01-15", "12,8", "")
    assert not macro.save_button.isEnabled()
    assert "Row 1, actual: '12,8' is not a number" in macro.problem_label.text()
    macro.table.item(0, 1).setText("12.8")
    macro.add_row("2026-02-19", "16.6", "-1.0")
    assert macro.save_button.isEnabled()
    macro.save_button.click()
    with MarketStore(db) as store:
        stored = store.load_macro()
    assert stored["actual"].tolist() == [12.8, 16.6]
    assert stored["consensus"].isna().tolist() == [True, False]
    assert macro.table.rowCount() == 2 and not macro.save_button.isEnabled()
    assert "Saved 2 philly_fed release(s)" in tab.notice.text.text()


def _stored_dates(db):
    with MarketStore(db) as store:
        return [f"{d:%Y-%m-%d}" for d in store.load_macro()["date"]]


def test_a_saved_release_is_deleted_and_undo_brings_it_back(make_tab, home, db, qtbot):
    tab = make_tab()
    macro = tab.macro
    macro.series.setCurrentIndex(macro.series.findData("philly_fed"))
    macro.add_row("2026-01-15", "12.8", "")
    macro.add_row("2026-02-19", "16.6", "-1.0")
    macro.save_button.click()
    qtbot.waitUntil(lambda: len(_stored_dates(db)) == 2)
    macro.table.clearSelection()
    assert not macro.delete_button.isEnabled()
    macro.table.selectRow(0)  # newest first: 2026-02-19
    macro.add_row("2026-03-19", "", "")  # typed, not saved: survives the delete
    macro.table.selectRow(1)
    macro.delete_button.click()
    qtbot.waitUntil(lambda: macro.table.rowCount() == 2)
    assert _stored_dates(db) == ["2026-01-15"]
    assert [macro.table.item(r, 0).text() for r in range(2)] == ["2026-03-19", "2026-01-15"]
    assert "Deleted 1 philly_fed release(s): 2026-02-19 actual 16.6" in tab.notice.text.text()
    assert home.data_updates == 2
    tab.notice.action.click()
    qtbot.waitUntil(lambda: macro.table.rowCount() == 3)
    assert _stored_dates(db) == ["2026-01-15", "2026-02-19"]
    with MarketStore(db) as store:
        assert store.load_macro()["consensus"].tolist()[1] == -1.0
    assert "Restored 1 philly_fed release(s)" in tab.notice.text.text()


def test_the_delete_key_deletes_the_selected_release(make_tab, db, qtbot):
    with MarketStore(db) as store:
        store.upsert_macro(
            "jobless_claims", pd.DataFrame({"date": ["2026-01-08"], "actual": [208]})
        )
    tab = make_tab()
    macro = tab.macro
    macro.series.setCurrentIndex(macro.series.findData("jobless_claims"))
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    macro.table.selectRow(0)
    macro.table.setFocus()
    qtbot.waitUntil(macro.table.hasFocus)
    qtbot.keyClick(macro.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: macro.table.rowCount() == 0)
    assert _stored_dates(db) == []


def test_import_summary_of_nothing_found():
    assert import_summary(ImportReport(())) == (
        "No CSV files found there; nothing was imported.",
        "warning",
    )


def test_an_import_conflict_is_shown_and_the_user_keeps_the_stored_close(make_tab, db, tmp_path):
    from tests.test_desktop.data.test_store import closes, write_closes

    good = [24.10, 24.25, 24.37, 24.30, 24.41, 24.50]
    with MarketStore(db) as store:
        store.import_paths([write_closes(tmp_path / "KRE.csv", closes(good))])
        (tmp_path / "again").mkdir()
        worse = [*good[:2], -5.0, *good[3:]]
        store.import_paths([write_closes(tmp_path / "again" / "KRE.csv", closes(worse))])
    tab = make_tab()
    panel = tab.conflicts
    assert not panel.isHidden() and panel.table.rowCount() == 1
    assert [panel.table.item(0, c).text() for c in (0, 2, 3)] == ["KRE", "24.37", "-5"]
    assert panel.table.item(0, 5).text() == "a close of zero or less"
    panel.keep.click()
    assert panel.isHidden()
    with MarketStore(db) as store:
        assert store.conflicts() == [] and store.load_prices(["KRE"])["KRE"].iloc[2] == 24.37
