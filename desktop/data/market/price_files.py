"""Read price and macro CSV files in the layouts real users have, and reject anything else.

Accepted layouts (the header decides, never the file name):
- yfinance classic: `Date,Open,High,Low,Close,Adj Close,Volume` (any subset holding Close or
  Adj Close, optionally a `Ticker` column); `Date,Close` is the two-column case of it.
- yfinance multi-line header: a `Price,...` row of fields, one or more `Ticker,...` rows, a
  `Date,,,` row; one file may hold several tickers.
- FRED: `observation_date,<SERIES_ID>` (`DATE,<SERIES_ID>` before 2024) or `date,value`; blank or
  `.` is a missing value.
- Macro releases: `date,actual,consensus` with an optional `series` column.

Prices are adjusted closes: when a file has both Close and Adj Close, Adj Close is the close and
Open/High/Low are scaled by Adj Close / Close, as yfinance's auto_adjust does. Volume is shares.
Dates must be ISO `YYYY-MM-DD` (a trailing time such as ` 00:00:00` is ignored); monthly
`YYYY-MM` files and French factor files are rejected with the line that is wrong. Every cell is
range-checked (`desktop.data.market.csv_cells`, bounds in `desktop.data.market.plausible`): a date
before 1900
or after tomorrow, an infinite or absurd value or a negative volume rejects the file with its
line, and a series name must be free of control characters. Whatever else a file holds, reading
it raises ImportFormatError and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from desktop.data.market.csv_cells import (
    ImportFormatError,
    check_name,
    header_lines,
    numbers,
    read_cells,
    require_regular_file,
    unreadable_as_format_error,
)
from desktop.data.market.csv_cells import dates as dates_of
from desktop.data.market.plausible import bad_prices
from desktop.data.market.quality import notable_blanks
from signals.macro_releases import fred_releases, fred_source

__all__ = ["ImportFormatError", "ParsedSeries", "read_series_file", "series_name"]

PRICE_FIELDS = ("close", "open", "high", "low", "volume")
MACRO_FIELDS = ("actual", "consensus")
_YF_FIELDS = {
    "Open": "open",
    "High": "high",
    "Low": "low",
    "Close": "raw_close",
    "Adj Close": "adj_close",
    "Volume": "volume",
}
_YF_IGNORED = {"Dividends", "Stock Splits", "Capital Gains", "Repaired?"}
_KINDS = {key: "volume" if key == "volume" else "price" for key in _YF_FIELDS.values()}
ALLOCATION_EXPORT = (
    "this is a Rotation Advisor allocation (suggested weights), not market data: import price "
    "files (Date,...,Close) or FRED series; to start from positions you hold, give a "
    "ticker,shares file to allocate --holdings or to Import holdings… in the window"
)


@dataclass(frozen=True, slots=True)
class ParsedSeries:
    """One series read from a file.

    kind: "price" (frame columns PRICE_FIELDS) or "macro" (frame columns MACRO_FIELDS).
    frame: float64 columns on an ascending, unique, tz-naive DatetimeIndex named "date"; only
        rows with a value (close or actual) are kept.
    missing_dates / duplicate_dates: ISO dates whose value was blank, or that appeared more than
        once (the last occurrence is kept); reported and flagged, never silently lost.
    """

    kind: str
    name: str
    layout: str
    frame: pd.DataFrame
    missing_dates: tuple[str, ...] = ()
    duplicate_dates: tuple[str, ...] = ()


def read_series_file(path: Path) -> tuple[ParsedSeries, ...]:
    """Parse one CSV (or .csv.gz) file into its series; raise ImportFormatError (and nothing
    else, whatever the file holds) if it is not one."""
    with unreadable_as_format_error(path):
        require_regular_file(path)
        return _read_layout(path)


def _read_layout(path: Path) -> tuple[ParsedSeries, ...]:
    head = header_lines(path)
    first = head[0]
    if first[0] == "Price" and len(head) > 1 and head[1][0] == "Ticker":
        return _read_multiheader(path, head)
    if first[0] == "Date":
        return (_read_classic(path, first),)
    if first[0] in ("observation_date", "DATE") and len(first) == 2 and first[1]:
        return (_read_fred(path, first, first[1]),)
    if first == ["date", "value"]:
        return (_read_fred(path, first, series_name(path)),)
    if {"date", "actual", "consensus"} <= set(first) <= {"series", "date", "actual", "consensus"}:
        return _read_releases(path, first)
    if _is_allocation_export(first):
        raise ImportFormatError(path, 1, ALLOCATION_EXPORT)
    raise ImportFormatError(
        path,
        1,
        f"unrecognised header '{','.join(first)}'; expected a yfinance price file "
        "(Date,...,Close,...), a FRED series (observation_date,ID or date,value) or macro "
        "releases (date,actual,consensus)",
    )


def _is_allocation_export(header: list[str]) -> bool:
    """Rotation Advisor's own allocation CSV: its header row, or the '#' line older exports
    started with."""
    return header[:3] == ["ticker", "name", "model_weight"] or header[0].startswith(
        "# Rotation Advisor allocation"
    )


def series_name(path: Path) -> str:
    """The ticker a file name implies: 'IWM.csv' -> 'IWM', '^TNX.csv' -> '^TNX'."""
    name = path.name
    for suffix in (".gz", ".csv", ".CSV"):
        name = name.removesuffix(suffix)
    return name


def _finish(
    path: Path, kind: str, name: str, layout: str, dates: pd.DatetimeIndex, values: dict
) -> ParsedSeries:
    """Sort, keep the last of duplicated dates, and set aside rows without a value."""
    check_name(path, name, None)
    frame = pd.DataFrame(values, index=dates)
    duplicated = frame.index.duplicated(keep="last")
    duplicates = _iso(frame.index[duplicated])
    frame = frame.loc[~duplicated].sort_index()
    key = "close" if kind == "price" else "actual"
    blank = frame[key].isna().to_numpy()
    if blank.all():
        raise ImportFormatError(path, None, f"no row has a value in the {key} column")
    missing = frame.index[blank]
    if kind == "macro":  # FRED's holiday blanks and not-yet-published rows are not gaps
        missing = notable_blanks(missing, frame.index[~blank])
    return ParsedSeries(
        kind=kind,
        name=name,
        layout=layout,
        frame=frame.loc[~blank],
        missing_dates=_iso(missing),
        duplicate_dates=tuple(sorted(set(duplicates))),
    )


def _iso(index: pd.DatetimeIndex) -> tuple[str, ...]:
    return tuple(index.to_numpy(dtype="datetime64[D]").astype(str).tolist())


def _price_values(path: Path, frame: pd.DataFrame, fields: dict[str, str]) -> dict:
    """Adjusted close and O/H/L scaled to it; fields maps frame column -> yfinance field key.
    O/H/L are left blank (unknown) where the raw Close is not positive, as the factor is then
    unknown, and where scaling would make them implausible."""
    raw = {
        key: numbers(path, frame, column, " of ".join(column.split("|")), _KINDS[key])
        for column, key in fields.items()
    }
    nan = np.full(len(frame), np.nan)
    close = raw.get("adj_close", raw.get("raw_close"))
    if close is None:
        raise ImportFormatError(path, 1, "the header has no Close or Adj Close column")
    factor: float | np.ndarray = 1.0
    if "adj_close" in raw and "raw_close" in raw:
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            factor = np.where(raw["raw_close"] > 0, raw["adj_close"] / raw["raw_close"], np.nan)
    values = {"close": close}
    for key in ("open", "high", "low"):
        with np.errstate(over="ignore", invalid="ignore"):
            scaled = raw[key] * factor if key in raw else nan
        values[key] = np.where(bad_prices(scaled), np.nan, scaled)
    values["volume"] = raw.get("volume", nan)
    return values


def _read_classic(path: Path, header: list[str]) -> ParsedSeries:
    unknown = [c for c in header[1:] if c not in _YF_FIELDS and c not in _YF_IGNORED | {"Ticker"}]
    if unknown:
        raise ImportFormatError(
            path, 1, f"unexpected column(s) {', '.join(unknown)} in a Date,...,Close price file"
        )
    frame = read_cells(path, 1, header)
    name = series_name(path)
    if "Ticker" in header:
        tickers = frame["Ticker"].dropna().unique()
        if len(tickers) > 1:
            raise ImportFormatError(path, None, f"the Ticker column names several: {tickers[:3]}")
        name = str(tickers[0]) if len(tickers) else name
    dates = dates_of(path, frame["Date"])
    fields = {c: _YF_FIELDS[c] for c in header[1:] if c in _YF_FIELDS}
    layout = "date-close" if header == ["Date", "Close"] else "yfinance-classic"
    return _finish(path, "price", name, layout, dates, _price_values(path, frame, fields))


def _read_multiheader(path: Path, head: list[list[str]]) -> tuple[ParsedSeries, ...]:
    """Newer yfinance CSV: fields row, ticker row(s), a Date row, then data."""
    fields_row = head[0]
    ticker_rows = [row for row in head[1:] if row[0] == "Ticker"]
    date_line = 2 + len(ticker_rows)
    if len(head) < date_line or head[date_line - 1][0] != "Date":
        raise ImportFormatError(path, date_line, "expected the 'Date,,,' row after the Ticker rows")
    if any(row != ticker_rows[0] for row in ticker_rows):
        raise ImportFormatError(path, 3, "the Ticker rows disagree")
    # yfinance names the adjusted-close column 'Price' when a frame is re-saved without its
    # level names; its values are the adjusted closes.
    fields = ["Adj Close" if f == "Price" else f for f in fields_row[1:]]
    tickers = ticker_rows[0][1:]
    bad = [f for f in fields if f not in _YF_FIELDS and f not in _YF_IGNORED]
    if bad or len(tickers) != len(fields):
        raise ImportFormatError(path, 1, f"unrecognised price field(s): {', '.join(bad)}")
    columns = ["Date", *(f"{f}|{t}" for f, t in zip(fields, tickers, strict=True))]
    frame = read_cells(path, date_line, columns)
    dates = dates_of(path, frame["Date"])
    parsed = []
    for ticker in dict.fromkeys(tickers):
        own = {
            f"{f}|{t}": _YF_FIELDS[f]
            for f, t in zip(fields, tickers, strict=True)
            if t == ticker and f in _YF_FIELDS
        }
        values = _price_values(path, frame, own)
        parsed.append(_finish(path, "price", ticker, "yfinance-multiheader", dates, values))
    return tuple(parsed)


def _read_fred(path: Path, header: list[str], fred_id: str) -> ParsedSeries:
    """A FRED file. Series the signals read are stored under their canonical id, in its unit and
    dated by publication (FRED dates by reference period: storing that would leak the future);
    any other series keeps its FRED id, units and dates."""
    frame = read_cells(path, 1, header)
    dates = dates_of(path, frame[header[0]])
    actual = numbers(path, frame, header[1], "value", "macro")
    name = fred_id
    if (source := fred_source(fred_id)) is not None:
        released = fred_releases(fred_id, dates, actual)
        name = str(released["series"].iloc[0]) if len(released) else source[0]
        dates, actual = pd.DatetimeIndex(released["date"]), released["actual"].to_numpy()
    values = {"actual": actual, "consensus": np.full(len(dates), np.nan)}
    return _finish(path, "macro", name, "fred", dates, values)


def _read_releases(path: Path, header: list[str]) -> tuple[ParsedSeries, ...]:
    """Hand-entered releases: date,actual,consensus (+ series); one ParsedSeries per series."""
    frame = read_cells(path, 1, header)
    if "series" not in header:
        frame["series"] = series_name(path)
    parsed = []
    for name, rows in frame.groupby("series", sort=True):
        dates = dates_of(path, rows["date"])
        values = {k: numbers(path, rows, k, k, "macro") for k in MACRO_FIELDS}
        parsed.append(_finish(path, "macro", str(name), "releases", dates, values))
    return tuple(parsed)
