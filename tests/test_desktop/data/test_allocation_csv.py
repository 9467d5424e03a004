"""The allocation CSV: exact sums, escaping, the settings file, atomic writes, clipboard text."""

from __future__ import annotations

import csv
import errno
import io
import json
import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.advice import allocation_table
from desktop.advice.allocation_table import Position
from desktop.data.exports import allocation_csv, atomic_file
from desktop.data.exports.allocation_csv import ExportError

ASSETS = [("SPY", "S&P 500"), ("IWM", "Russell 2000"), ("GLD", "Gold")]
MODEL = [0.60, 0.25, 0.15]
SUGGESTED = [0.5512345, 0.2987655, 0.15]
HEADER = [("as_of", "2026-01-16"), ("source", "Demo data (synthetic)"), ("views", "gold=+0.00")]


def table(**kwargs):
    reasons = {"SPY": "SPY -4.9 pts: small caps -4.9", "IWM": '=HYPERLINK("x")'}
    return allocation_table.allocation_table(
        ASSETS, MODEL, SUGGESTED, reasons, header=HEADER, **kwargs
    )


def parse(text):
    lines = text.splitlines()
    return lines, list(csv.DictReader(io.StringIO(text)))


@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=30).filter(lambda w: sum(w) > 1e-3))
def test_rounded_percentages_sum_to_exactly_100(weights):
    units = allocation_table.percent_hundredths(weights)
    assert units.sum() == 10_000
    exact = np.asarray(weights) / sum(weights) * 10_000
    assert np.all(np.abs(units - exact) < 1.0 + 1e-9)


def test_solver_dust_around_whole_percents_rounds_back_to_them():
    noisy = np.array([0.2, 0.08, 0.05, 0.67]) + np.array([1e-9, -2e-9, 3e-10, 7e-10])
    assert allocation_table.percent_hundredths(noisy).tolist() == [2000, 800, 500, 6700]


def test_columns_sum_and_active_is_difference_of_rounded():
    _, rows = parse(allocation_csv.csv_text(table()))
    assert list(rows[0]) == list(allocation_table.WEIGHT_COLUMNS)
    for column in ("model_weight", "suggested_weight"):
        assert sum(round(float(r[column]) * 100) for r in rows) == 10_000
    for r in rows:
        active = round(float(r["suggested_weight"]) * 100) - round(float(r["model_weight"]) * 100)
        assert round(float(r["active_weight"]) * 100) == active
    assert [r["suggested_weight"] for r in rows] == ["55.12", "29.88", "15.00"]
    assert rows[0]["active_weight"] == "-4.88"


def test_the_csv_starts_with_its_header_row_and_pandas_reads_it():
    """Issue 10: a first '#' line with commas broke pandas.read_csv and spreadsheets."""
    lines, _ = parse(allocation_csv.csv_text(table()))
    assert lines[0] == ",".join(allocation_table.WEIGHT_COLUMNS)
    frame = pd.read_csv(io.StringIO(allocation_csv.csv_text(table())))
    assert frame["ticker"].tolist() == ["SPY", "IWM", "GLD"]
    assert frame["suggested_weight"].tolist() == [55.12, 29.88, 15.0]


def test_the_settings_file_beside_it_records_how_the_table_was_made(tmp_path):
    path = tmp_path / "alloc.csv"
    sidecar = allocation_csv.write_csv(path, table())
    assert sidecar == tmp_path / "alloc.settings.json"
    record = json.loads(sidecar.read_text(encoding="utf-8"))
    assert record == {
        "format": "Rotation Advisor allocation settings",
        "csv": "alloc.csv",
        "as_of": "2026-01-16",
        "source": "Demo data (synthetic)",
        "views": "gold=+0.00",
    }


def test_formula_like_text_is_escaped_but_numbers_are_not():
    _, rows = parse(allocation_csv.csv_text(table()))
    assert rows[1]["reason"] == '\'=HYPERLINK("x")'
    assert rows[0]["reason"].startswith("SPY")
    assert rows[0]["active_weight"].startswith("-")
    for prefix in ("=", "+", "-", "@", "\t"):
        assert allocation_csv.escape_text(prefix + "1") == "'" + prefix + "1"
    assert allocation_csv.escape_text("\r=1") == "' =1"  # one line: no row starts inside a cell


def test_positions_add_trade_columns_and_cash_line():
    positions = {
        t: Position(price=100.0, value=1000.0, shares=10, trade_shares=-2) for t, _ in ASSETS
    }
    cash = [("portfolio_value_usd", "3000.00"), ("cash_left_over_usd", "0.00")]
    _, rows = parse(allocation_csv.csv_text(table(positions=positions, cash=cash)))
    record = allocation_csv.settings_record(table(positions=positions, cash=cash))
    assert (record["portfolio_value_usd"], record["cash_left_over_usd"]) == ("3000.00", "0.00")
    assert list(rows[0])[-4:] == ["price", "value", "shares", "trade_shares"]
    assert rows[2]["trade_shares"] == "-2"


def test_write_replaces_the_file_and_leaves_no_temp(tmp_path):
    path = tmp_path / "alloc.csv"
    path.write_text("old", encoding="utf-8")
    allocation_csv.write_csv(path, table())
    assert path.read_text(encoding="utf-8") == allocation_csv.csv_text(table())
    assert sorted(os.listdir(tmp_path)) == ["alloc.csv", "alloc.settings.json"]


def test_disk_full_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "alloc.csv"
    path.write_text("old", encoding="utf-8")

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", full)
    with pytest.raises(ExportError, match=r"disk is full.*existing file was left unchanged"):
        allocation_csv.write_csv(path, table())
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["alloc.csv"]


def test_unwritable_folder_says_permission_denied(tmp_path, monkeypatch):
    def denied(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic_file.tempfile, "mkstemp", denied)
    with pytest.raises(ExportError, match=r"Permission denied.*nothing was written"):
        allocation_csv.write_csv(tmp_path / "alloc.csv", table())


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        allocation_csv.write_csv(tmp_path / "nope" / "alloc.csv", table())
