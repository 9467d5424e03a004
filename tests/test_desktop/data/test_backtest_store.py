"""Saved backtest runs: what is saved comes back, runs compare side by side, nothing half-saved."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest
import sqlite_utils

from desktop.advice.advisor import Advisor
from desktop.advice.backtest.report import backtest_report
from desktop.advice.backtest.walk_forward import BacktestSpec, run_backtest
from desktop.data import backtest_store
from desktop.data.backtest_store import BacktestStore, BacktestStoreError, open_backtests
from tests.test_desktop.advice import synthetic_market as market


@pytest.fixture(scope="module")
def reports():
    advisor = Advisor(market.UNIVERSE, market.TABLE, registry=market.REGISTRY)
    span = {"start": pd.Timestamp("2012-01-01"), "end": pd.Timestamp("2013-12-31")}
    return [
        backtest_report(run_backtest(advisor, market.inputs(), BacktestSpec(**span, calibration=c)))
        for c in ("none", "walk-forward")
    ]


def test_a_saved_run_comes_back_with_its_settings_statistics_and_series(tmp_path, reports):
    store = open_backtests(tmp_path / "market.db")
    run_id = store.save(reports[1], source="Test data", note="calibrated")
    saved = store.run(run_id)
    assert (saved.start, saved.end, saved.calibration) == (
        "2012-01-31",
        "2013-12-31",
        "walk-forward",
    )
    assert saved.report == reports[1].to_dict() and saved.note == "calibrated"
    assert saved.knobs["turnover_penalty"] == pytest.approx(0.012)
    result = reports[1].result
    pd.testing.assert_frame_equal(store.values(run_id), result.values, check_freq=False,
                                  check_names=False)  # fmt: skip
    np.testing.assert_allclose(store.weights(run_id).to_numpy(), result.targets["advisor"])


def test_runs_are_listed_newest_first_and_compared_side_by_side(tmp_path, reports):
    store = open_backtests(tmp_path / "market.db")
    first, second = (store.save(r, source="Test data") for r in reports)
    assert [r.id for r in store.runs()] == [second, first]
    table = store.compare([first, second])
    assert table.loc[first, "calibration"] == "none"
    advisor = reports[1].whole["advisor"]
    assert table.loc[second, "information_ratio"] == pytest.approx(
        advisor.information_ratio, abs=1e-4
    )


def test_portfolios_keep_their_own_runs_and_a_deleted_run_is_gone(tmp_path, reports):
    path = tmp_path / "market.db"
    mine, theirs = open_backtests(path), open_backtests(path, portfolio="other")
    run_id = mine.save(reports[0], source="Test data")
    with pytest.raises(BacktestStoreError, match="no saved backtest"):
        theirs.run(run_id)
    mine.delete(run_id)
    assert mine.runs() == []
    db = sqlite3.connect(path)
    assert db.execute("SELECT COUNT(*) FROM backtest_values").fetchone()[0] == 0


def test_a_failed_save_leaves_nothing_behind(tmp_path, reports, monkeypatch):
    store = open_backtests(tmp_path / "market.db")
    monkeypatch.setattr(backtest_store, "VALUES", "no_such_table")  # fails after the run row
    with pytest.raises(sqlite3.OperationalError):
        store.save(reports[0], source="Test data")
    assert store.runs() == []


def test_a_newer_schema_is_refused_with_words(tmp_path):
    db = sqlite_utils.Database(str(tmp_path / "market.db"))
    BacktestStore(db, clock=lambda: datetime(2026, 1, 2, tzinfo=UTC))
    db.execute(f"INSERT INTO {backtest_store.VERSION_TABLE} (version) VALUES (99)")
    with pytest.raises(BacktestStoreError, match="newer Rotation Advisor"):
        BacktestStore(db)
