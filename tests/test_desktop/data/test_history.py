"""Saved suggestions: store, note, delete and undo, diff, export, schema versions."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import sqlite_utils

from desktop.advice.journal.suggestion import (
    SavedReading,
    SavedWeight,
    Suggestion,
    diff,
    knobs_from_settings,
    setting_label,
    settings_from_knobs,
    suggestion_from_state,
)
from desktop.advice.knobs import Knobs
from desktop.advice.state import AllocationSummary, AppState, Card, Row, Theme
from desktop.data import history
from desktop.data.exports.history_export import history_csv_text, write_history_csv


def _suggestion(iwm: float = 7.0, spy: float = 18.0, override: float | None = None) -> Suggestion:
    return Suggestion(
        as_of="2026-01-16",
        source="Demo data (synthetic)",
        settings={"risk_aversion": 1.0, "te_cap_pct": 4.0, "turnover_penalty": 0.0},
        signal_views={"small_caps": 0.6, "gold": -0.4},
        overrides={} if override is None else {"small_caps": override},
        readings=(SavedReading("small_cap_rsi", 0.5, "RSI is 71.", False),),
        weights=(
            SavedWeight("SPY", 20.0, spy, spy - 20.0),
            SavedWeight("IWM", 5.0, iwm, iwm - 5.0),
        ),
    )


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 16, 14, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def store() -> history.HistoryStore:
    return history.HistoryStore(sqlite_utils.Database(memory=True), clock=_Clock())


def test_a_saved_suggestion_comes_back_whole(store):
    saved = store.save(_suggestion(override=0.2), note="  before FOMC ")
    again = store.get(saved.id)
    assert again == saved
    assert again.note == "before FOMC" and again.saved_at == "2026-01-16T14:31:00Z"
    assert again.suggestion.view("small_caps") == 0.2 and again.suggestion.view("gold") == -0.4


def test_list_is_newest_first_and_notes_can_be_edited(store):
    first = store.save(_suggestion())
    second = store.save(_suggestion(iwm=9.0, spy=16.0))
    assert [s.id for s in store.list()] == [second.id, first.id]
    assert store.set_note(first.id, "kept").note == "kept"
    assert store.get(first.id).note == "kept"


def test_delete_hides_until_undone_and_purge_makes_it_final(store):
    saved = store.save(_suggestion())
    store.delete(saved.id)
    assert store.list() == []
    with pytest.raises(history.HistoryError, match="no longer exists"):
        store.get(saved.id)
    assert store.undelete(saved.id) == saved
    store.delete(saved.id)
    assert store.purge_deleted() == 1
    with pytest.raises(history.HistoryError):
        store.undelete(saved.id)


def test_history_shares_a_file_and_survives_reopening(tmp_path):
    path = tmp_path / "market.db"
    sqlite_utils.Database(path)["prices"].insert({"ticker": "SPY", "close": 1.0})
    saved = history.open_history(path).save(_suggestion())
    reopened = history.open_history(path)
    assert reopened.get(saved.id) == saved
    assert sqlite_utils.Database(path)["prices"].count == 1
    version = f"SELECT MAX(version) FROM {history.VERSION_TABLE}"
    assert sqlite_utils.Database(path).execute(version).fetchone()[0] == history.SCHEMA_VERSION


def test_each_portfolio_sees_only_its_own_suggestions(tmp_path):
    path = tmp_path / "market.db"
    mine = history.open_history(path).save(_suggestion(iwm=7.0))
    theirs = history.open_history(path, "growth").save(_suggestion(iwm=9.0))
    assert [s.id for s in history.open_history(path).list()] == [mine.id]
    assert [s.id for s in history.open_history(path, "growth").list()] == [theirs.id]
    with pytest.raises(history.HistoryError, match="no longer exists"):
        history.open_history(path).get(theirs.id)


def test_suggestions_saved_before_portfolios_belong_to_the_default_one(tmp_path):
    path = tmp_path / "market.db"
    db = sqlite_utils.Database(path)
    db.execute(f"CREATE TABLE {history.VERSION_TABLE} (version INTEGER NOT NULL)")
    db.conn.executescript(f"BEGIN; {history._MIGRATIONS[1]} COMMIT;")
    db.execute(f"INSERT INTO {history.VERSION_TABLE} VALUES (1)")
    row = {"saved_at": "2025-01-02T10:00:00Z", "note": "old", **history._to_row(_suggestion())}
    db[history.TABLE].insert(row)
    db.conn.commit()
    old = history.open_history(path).list()
    assert [s.note for s in old] == ["old"] and old[0].suggestion == _suggestion()
    assert history.open_history(path, "growth").list() == []


def test_a_newer_schema_is_refused_with_advice():
    db = sqlite_utils.Database(memory=True)
    history.migrate(db)
    db.execute(f"INSERT INTO {history.VERSION_TABLE} VALUES (?)", [history.SCHEMA_VERSION + 1])
    with pytest.raises(history.HistoryError, match="update the app"):
        history.HistoryStore(db)


def test_diff_reports_weight_setting_view_and_score_differences():
    a = _suggestion()
    b = Suggestion(
        **{
            **{f: getattr(a, f) for f in a.__slots__},
            "settings": {**a.settings, "te_cap_pct": 3.0},
            "overrides": {"small_caps": -0.1},
            "readings": (SavedReading("small_cap_rsi", -0.25, "RSI is 80.", False),),
            "weights": (SavedWeight("SPY", 20.0, 22.0, 2.0), SavedWeight("GLD", 5.0, 3.0, -2.0)),
        }
    )
    d = diff(a, b)
    suggested = {c.key: c for c in d.suggested}
    assert suggested["SPY"].delta == pytest.approx(4.0)
    assert suggested["IWM"].after is None and suggested["GLD"].before is None
    assert [c.key for c in d.settings if c.changed] == ["te_cap_pct"]
    views = {c.key: c for c in d.views}
    assert views["small_caps"].delta == pytest.approx(-0.7) and not views["gold"].changed
    assert {c.key: c.after for c in d.overrides} == {"small_caps": -0.1, "gold": None}
    assert d.readings[0].delta == pytest.approx(-0.75)


def test_suggestion_from_state_takes_what_is_on_screen():
    state = AppState(
        data_label="Demo data (synthetic)",
        themes=(Theme("small_caps", "Small caps", 0.5),),
        knobs=Knobs(te_cap_pct=3.0, overrides={"small_caps": 1.0}),
        cards=(Card("breadth", "Breadth", "equities", 0.3, "Healthy.", "2026-01-16", False),),
        allocation=AllocationSummary(
            rows=(Row("IWM", "Russell", 5.0, 8.0, 3.0, "small caps +1.0"),),
            as_of="2026-01-16",
            tracking_error_pct=1.2,
            status="optimal",
            solve_ms=3.0,
        ),
    )
    s = suggestion_from_state(state)
    assert s.settings["te_cap_pct"] == 3.0 and s.view("small_caps") == 1.0
    assert s.weights == (SavedWeight("IWM", 5.0, 8.0, 3.0),)
    assert s.readings == (SavedReading("breadth", 0.3, "Healthy.", False),)
    with pytest.raises(ValueError, match="no allocation"):
        suggestion_from_state(AppState())


def test_history_csv_has_one_row_per_suggestion_and_ticker(store, tmp_path):
    store.save(_suggestion(), note="=cmd()")
    store.save(_suggestion(iwm=9.0, spy=16.0, override=0.9))
    path = tmp_path / "history.csv"
    write_history_csv(path, store.list())
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    assert len(rows) == 4
    assert [r["suggestion_id"] for r in rows] == ["1", "1", "2", "2"]  # oldest first
    assert rows[0]["note"] == "'=cmd()"  # never runs as a spreadsheet formula
    assert rows[3]["ticker"] == "IWM" and rows[3]["suggested_weight"] == "9.00"
    assert rows[3]["active_weight"] == "4.00" and rows[3]["te_cap_pct"] == "4.0"
    assert rows[0]["override:small_caps"] == "" and rows[2]["override:small_caps"] == "0.9000"
    assert rows[2]["view:small_caps"] == "0.9000" and rows[0]["view:small_caps"] == "0.6000"
    assert rows[0]["score:small_cap_rsi"] == "0.5000"


def test_history_csv_of_nothing_is_a_header_only():
    assert history_csv_text([]).splitlines() == [
        "suggestion_id,saved_at,as_of,source,note,ticker,model_weight,suggested_weight,active_weight"
    ]


def test_every_knob_is_saved_and_older_suggestions_restore_with_defaults():
    knobs = Knobs(
        risk_aversion=3.0, te_cap_pct=2.5, turnover_penalty=0.002, portfolio_value=1e5,
        max_active_pct=5.0, overrides={"gold": 0.5},
        class_bounds={"bonds": (20.0, 40.0), "us_equity": (0.0, 60.0)},
    )  # fmt: skip
    settings = settings_from_knobs(knobs)
    assert knobs_from_settings(settings, knobs.overrides) == knobs
    before_limits = {"risk_aversion": 3.0, "te_cap_pct": 2.5, "turnover_penalty": 0.002}
    assert knobs_from_settings(before_limits, {}) == Knobs(
        risk_aversion=3.0, te_cap_pct=2.5, turnover_penalty=0.002
    )
    assert setting_label("class_min_pct:us_equity") == "US equity min (%)"
    assert setting_label("max_active_pct") == "Max active per asset (pts)"
