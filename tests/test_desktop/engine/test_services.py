"""The services the Data and History tabs' controllers call, without Qt: what is stored, an
import, macro releases; saved suggestions with delete, undelete and the next session's purge."""

import pandas as pd

from desktop.advice.journal.suggestion import SavedWeight, Suggestion
from desktop.engine.data_service import DataService
from desktop.engine.history_service import HistoryService


def _price_csv(path):
    path.write_text("Date,Close\n2026-01-12,600\n2026-01-13,601\n2026-01-14,603\n")
    return path


def test_an_empty_database_shows_the_demo_then_an_import_shows_the_prices(tmp_path):
    service = DataService(tmp_path / "market.db")
    demo = service.stored()
    assert demo.kind == "demo" and "SPY" in {s.ticker for s in demo.statuses}
    assert demo.macro.empty  # only releases stored in the database are editable
    report = service.import_paths([_price_csv(tmp_path / "SPY.csv")])
    assert [s.name for f in report.imported for s in f.series] == ["SPY"]
    stored = service.stored()
    assert stored.kind == "cached" and [s.ticker for s in stored.statuses] == ["SPY"]
    assert f"{stored.last_price_date():%Y-%m-%d}" == "2026-01-14"
    assert "SPY" in service.refresh_tickers()  # the default universe holds it


def test_macro_releases_are_saved_and_deleted(tmp_path):
    service = DataService(tmp_path / "market.db")
    releases = pd.DataFrame({"date": ["2026-01-15", "2026-02-19"], "actual": [12.8, 16.6]})
    assert service.save_macro("philly_fed", releases) == 2
    assert service.delete_macro("philly_fed", ["2026-02-19"]) == 1
    assert service.stored().macro["actual"].tolist() == [12.8]


def _suggestion(iwm: float) -> Suggestion:
    weights = (SavedWeight("IWM", 5.0, iwm, iwm - 5.0),)
    return Suggestion("2026-01-16", "Demo data (synthetic)", {}, {}, {}, weights=weights)


def test_deleted_suggestions_come_back_until_the_next_session(tmp_path):
    service = HistoryService(tmp_path / "market.db")
    first, second = service.save(_suggestion(7.0)), service.save(_suggestion(8.0), "a note")
    assert [s.id for s in service.list()] == [second.id, first.id]
    service.delete([first.id, second.id])
    assert service.list() == []
    service.undelete([second.id])
    assert [s.note for s in service.list()] == ["a note"]
    next_session = HistoryService(tmp_path / "market.db")  # purges what is still deleted
    assert [s.id for s in next_session.list()] == [second.id]


def test_the_history_exports_to_one_csv(tmp_path):
    service = HistoryService(tmp_path / "market.db")
    service.save(_suggestion(7.0))
    path = tmp_path / "history.csv"
    assert service.export_csv(path) == 1
    assert path.read_text().startswith("suggestion_id,")


def test_stored_data_says_who_reads_each_series(tmp_path):
    stored = DataService(tmp_path / "none.db").stored()
    assert stored.uses["SPY"][0] == "portfolio"
    assert "breadth" in stored.uses["SMH"]
