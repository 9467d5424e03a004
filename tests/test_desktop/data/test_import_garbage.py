"""Issue 12's importer findings, one regression test per class: odd file shapes give a per-file
rejection (the batch goes on) and implausible values are refused with their line."""

from __future__ import annotations

import gzip
import os
import sqlite3

import numpy as np
import pandas as pd
import pytest

from desktop.data.market.price_files import ImportFormatError, read_series_file
from desktop.data.market.store import MarketStore


def dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text)
    return path


def test_odd_files_are_rejected_one_by_one_and_change_nothing(tmp_path):
    db = tmp_path / "m.db"
    good = write(tmp_path, "AAA.csv", "Date,Close\n2024-01-02,10\n2024-01-03,11\n")
    with MarketStore(db) as store:
        store.import_paths([good])
    before = dump(db)
    rows = "".join(f"2024-01-{1 + i % 28:02d},{i},{i}\n" for i in range(3000))
    cut = tmp_path / "CUT.csv.gz"
    cut.write_bytes(gzip.compress(("Date,Open,Close\n" + rows).encode())[:4000])
    odd = [
        write(tmp_path, "DUP.csv", "Date,Close,Close\n2024-01-02,1,2\n"),
        cut,
        write(tmp_path, "LONG.csv", "Date,Close\n2024-01-02,1,2,3\n"),
        write(tmp_path, "FAR.csv", "Date,Close\n2024-01-02,1\n2099-01-02,2\n"),
    ]
    with MarketStore(db) as store:
        report = store.import_paths(odd)
    errors = [f.error for f in report.files]
    assert all(errors), errors
    assert "the column Close appears more than once" in errors[0]
    assert "cannot be read" in errors[1] or "binary" in errors[1]
    assert "line 2: a row has more fields than the header" in errors[2]
    assert "line 3: the date 2099-01-02 is implausible" in errors[3]
    assert dump(db) == before


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Date,Close\n0001-01-01,5\n", "line 2: the date 0001-01-01 is implausible"),
        ("Date,Close\n1899-12-29,5\n", "line 2: the date 1899-12-29 is implausible"),
        ("Date,Close\n2024-01-02,5\n2024-01-03,inf\n", "line 3: Close inf is implausible"),
        ("Date,Close\n2024-01-02,1e308\n", "line 2: Close 1e+308 is implausible"),
        ("Date,Close,Volume\n2024-01-02,5,-100\n", "line 2: Volume -100 is implausible"),
        ("date,value\n2024-01-02,-inf\n", "line 2: value -inf is implausible"),
        ("date,actual,consensus\n2024-01-02,1,1e300\n", "line 2: consensus 1e+300 is implaus"),
        ("Date,Close\n2024-01-02,True\n", "line 2: Close 'True' is not a number"),
    ],
)
def test_implausible_cells_are_refused_with_their_line(tmp_path, text, problem):
    path = write(tmp_path, "X.csv", text)
    with pytest.raises(ImportFormatError) as caught:
        read_series_file(path)
    assert problem in str(caught.value)


def test_a_zero_raw_close_leaves_open_high_low_unknown_not_infinite(tmp_path):
    text = "Date,Open,High,Low,Close,Adj Close\n2024-01-02,10,11,9,0,5\n2024-01-03,10,11,9,10,5\n"
    (series,) = read_series_file(write(tmp_path, "X.csv", text))
    frame = series.frame
    assert np.isnan(frame.loc["2024-01-02", ["open", "high", "low"]].to_numpy()).all()
    assert frame.loc["2024-01-03", "open"] == 5.0
    assert np.isfinite(frame["close"]).all()


def test_a_tiny_raw_close_leaves_open_high_low_unknown_without_a_warning(tmp_path):
    text = "Date,Open,Close,Adj Close\n2024-01-02,100,1e-320,50.2\n"  # fuzz: overflow warning
    (series,) = read_series_file(write(tmp_path, "X.csv", text))
    assert np.isnan(series.frame["open"]).all() and series.frame["close"].iloc[0] == 50.2


def test_a_ticker_with_terminal_escapes_is_refused(tmp_path):
    text = "Price,Close\nTicker,\x1b[2JEVIL\nDate,\n2024-01-02,5\n"
    with pytest.raises(ImportFormatError, match="holds control characters"):
        read_series_file(write(tmp_path, "multi.csv", text))


def test_typed_macro_releases_are_range_checked_like_files():
    from desktop.data.market.macro_entry import parse_releases

    frame, problems = parse_releases(
        [("0001-01-01", "1", ""), ("2099-03-01", "2", ""), ("2024-01-02", "1e300", "")]
    )
    assert frame.empty
    assert [(p.row, p.column) for p in problems] == [(1, "date"), (2, "date"), (3, "actual")]
    assert "dates must be from 1900-01-01 to tomorrow" in str(problems[0])


def test_the_store_refuses_implausible_macro_rows_from_any_caller():
    frame = pd.DataFrame({"date": ["2024-01-02"], "actual": [float("inf")]})
    with MarketStore() as store, pytest.raises(ValueError, match="implausible"):
        store.upsert_macro("philly_fed", frame)


def test_a_pipe_given_to_import_is_refused_instead_of_waited_on(tmp_path):
    pipe = tmp_path / "prices.csv"
    os.mkfifo(pipe)
    with MarketStore() as store:
        (outcome,) = store.import_paths([pipe]).files
    assert "not a regular file" in outcome.error
