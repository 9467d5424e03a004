"""Fuzzing the CSV importer: any file is parsed or rejected with a reason, a batch survives any
file, a rejected file changes nothing, and nothing implausible is stored without a flag."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import given

from desktop.data.market.plausible import EARLIEST_DATE, MAX_MACRO, MAX_PRICE, latest_date
from desktop.data.market.price_files import ImportFormatError, read_series_file
from desktop.data.market.quality import YIELD_INDICES
from desktop.data.market.store import MarketStore
from tests.test_desktop.fuzz.budget import budget, count
from tests.test_desktop.fuzz.mutations import MutatedFile, csv_files

GOOD = "Date,Close\n2024-01-02,10.0\n2024-01-03,10.5\n2024-01-04,10.2\n"


def _write(folder: Path, mutated: MutatedFile) -> Path:
    path = folder / "in" / mutated.name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(mutated.data)
    return path


def _plausible_day(day) -> bool:
    return EARLIEST_DATE <= day.date() <= latest_date()


@budget(suite=150, fuzz=3000)
@given(csv_files())
def test_any_file_is_parsed_into_plausible_series_or_rejected_with_its_name(mutated):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), mutated)
        try:
            parsed = read_series_file(path)
        except ImportFormatError as exc:
            assert str(exc).startswith(str(path)), str(exc)
            count("CSV files parsed", "rejected with a reason")
            return
    count("CSV files parsed", "accepted")
    for series in parsed:
        frame = series.frame
        assert series.name.isprintable() and series.name.strip()
        assert frame.index.is_monotonic_increasing and frame.index.is_unique
        assert _plausible_day(frame.index[0]) and _plausible_day(frame.index[-1])
        values = frame.to_numpy(dtype="float64")
        assert not np.isinf(values).any()
        assert (np.abs(values[~np.isnan(values)]) <= max(MAX_PRICE, MAX_MACRO) * 10).all()
        if series.kind == "price":
            volume = frame["volume"].dropna()
            assert (volume >= 0).all()
            assert (
                (np.abs(frame[["close", "open", "high", "low"]].dropna()) <= MAX_PRICE).all().all()
            )


@budget(suite=40, fuzz=1000)
@given(csv_files())
def test_a_batch_survives_any_file_and_stores_nothing_implausible_unflagged(mutated):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "good").mkdir()
        first, last = folder / "good" / "AAA.csv", folder / "good" / "ZZZ.csv"
        first.write_text(GOOD)
        last.write_text(GOOD)
        path = _write(folder, mutated)
        with MarketStore() as store:
            report = store.import_paths([first, path, last])
            outcome = {f.path: f for f in report.files}
            assert outcome[first].error is None and outcome[last].error is None
            rows = _stored(store)
            sources = {r[0] for r in store._db.execute("SELECT label FROM sources").fetchall()}
    if outcome[path].error is not None:
        count("CSV files imported with two good ones", "rejected, nothing stored")
        assert {r[0] for r in rows} == {"AAA", "ZZZ"}
        assert sources == {"good/AAA.csv", "good/ZZZ.csv"}
    else:
        count("CSV files imported with two good ones", "stored")
    for ticker, day, close, volume, suspect, kind in rows:
        assert EARLIEST_DATE.isoformat() <= day <= latest_date().isoformat(), (ticker, day)
        limit = MAX_PRICE if kind == "price" else MAX_MACRO
        assert close is not None and math.isfinite(close) and abs(close) <= limit
        assert volume is None or volume >= 0
        if kind == "price" and close <= 0 and ticker not in YIELD_INDICES:
            assert suspect is not None, (ticker, day, close)


def _stored(store: MarketStore) -> list[tuple]:
    prices = store._db.execute(
        "SELECT ticker, date, close, volume, suspect, 'price' FROM prices"
    ).fetchall()
    macro = store._db.execute(
        "SELECT series, date, actual, NULL, NULL, 'macro' FROM macro_releases"
    ).fetchall()
    return prices + macro
