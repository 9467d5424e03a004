"""Read price and macro CSV files in the layouts real users have, and reject anything else.

Accepted layouts (the header decides, never the file name):
- yfinance classic: `Date,Open,High,Low,Close,Adj Close,Volume` (any subset holding Close or
  Adj Close, optionally a `Ticker` column); `Date,Close` is the two-column case of it.
- yfinance multi-line header: a `Price,...` row of fields, one or more `Ticker,...` rows, a
  `Date,,,` row; one file may hold several tickers.
- FRED: `observation_date,<SERIES_ID>` or `date,value`; blank or `.` is a missing value.
- Macro releases: `date,actual,consensus` with an optional `series` column.

Prices are adjusted closes: when a file has both Close and Adj Close, Adj Close is the close and
Open/High/Low are scaled by Adj Close / Close, as yfinance's auto_adjust does. Volume is shares.
Dates must be ISO `YYYY-MM-DD` (a trailing time such as ` 00:00:00` is ignored); monthly
`YYYY-MM` files and French factor files are rejected with the line that is wrong.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from desktop.data.quality import notable_blanks
from signals.macro_releases import fred_releases, fred_source

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
_NA_VALUES = [".", ""]

_SNIFF_BYTES = 8192
ALLOCATION_EXPORT = (
    "this is a Rotation Advisor allocation (suggested weights), not market data: import price "
    "files (Date,...,Close) or FRED series; to start from positions you hold, give a "
    "ticker,shares file to allocate --holdings or to Import holdings… in the window"
)


class ImportFormatError(ValueError):
    """A file that is not one of the accepted layouts; names the file and, when known, the line."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}, line {line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")


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
    """Parse one CSV (or .csv.gz) file into its series; raise ImportFormatError if it is not one."""
    head = _header_lines(path)
    first = head[0]
    if first[0] == "Price" and len(head) > 1 and head[1][0] == "Ticker":
        return _read_multiheader(path, head)
    if first[0] == "Date":
        return (_read_classic(path, first),)
    if first[0] == "observation_date" and len(first) == 2 and first[1]:
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


def _open_text(path: Path):
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def _header_lines(path: Path) -> list[list[str]]:
    """The first few lines split on commas; rejects empty and binary files."""
    try:
        with _open_text(path) as handle:
            text = handle.read(_SNIFF_BYTES)
    except (UnicodeDecodeError, gzip.BadGzipFile, EOFError) as exc:
        raise ImportFormatError(path, None, "not a text CSV file (binary content)") from exc
    if "\x00" in text:
        raise ImportFormatError(path, None, "not a text CSV file (binary content)")
    lines = [line.strip().split(",") for line in text.splitlines()[:6]]
    if not lines or lines[0] == [""]:
        raise ImportFormatError(path, 1, "the file is empty")
    return [[cell.strip().strip('"') for cell in line] for line in lines]


def _read_table(path: Path, skiprows: int, names: Sequence[str]) -> pd.DataFrame:
    """Raw cells as text or floats; positional index i is file line skiprows + i + 1."""
    try:
        frame = _read_csv(path, skiprows, names)
    except pd.errors.ParserError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        raise ImportFormatError(path, line, "a row has more fields than the header") from exc
    except UnicodeDecodeError as exc:
        raise ImportFormatError(path, None, "not a text CSV file (binary content)") from exc
    frame.index = np.arange(skiprows + 1, skiprows + 1 + len(frame))
    frame = frame.dropna(how="all")
    if frame.empty:
        raise ImportFormatError(path, skiprows + 1, "the file has a header but no data rows")
    return frame


def _read_csv(path: Path, skiprows: int, names: Sequence[str]) -> pd.DataFrame:
    return pd.read_csv(
        path,
        skiprows=skiprows,
        header=None,
        names=list(names),
        index_col=False,
        skip_blank_lines=False,
        na_values=_NA_VALUES,
        dtype={names[0]: "str"},
        compression="infer",
        encoding="utf-8-sig",
    )


def _parse_dates(path: Path, cells: pd.Series) -> pd.DatetimeIndex:
    """ISO dates, optionally followed by a time; the first bad cell raises with its line."""
    exact = pd.to_datetime(cells, format="%Y-%m-%d", errors="coerce")
    if not exact.isna().any():  # the common case, parsed in C without string slicing
        return pd.DatetimeIndex(exact.to_numpy(dtype="datetime64[ns]"), name="date")
    text = cells.fillna("").str.strip()
    dates = pd.to_datetime(text.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    tail_ok = text.str.slice(10, 11).isin(["", " ", "T"])
    bad = dates.isna() | ~tail_ok
    if bad.any():
        line = int(bad.idxmax())
        value = text.loc[line]
        hint = " (monthly files are not imported)" if len(value) == 7 else ""
        shown = f"'{value}'" if value else "an empty date"
        raise ImportFormatError(path, line, f"{shown} is not a YYYY-MM-DD date{hint}")
    return pd.DatetimeIndex(dates.to_numpy(dtype="datetime64[ns]"), name="date")


def _numeric(path: Path, frame: pd.DataFrame, column: str, label: str) -> np.ndarray:
    cells = frame[column]
    if pd.api.types.is_numeric_dtype(cells):
        return cells.to_numpy(dtype="float64")
    values = pd.to_numeric(cells, errors="coerce")
    bad = values.isna() & cells.notna()
    if bad.any():
        line = int(bad.idxmax())
        raise ImportFormatError(path, line, f"{label} '{cells.loc[line]}' is not a number")
    return values.to_numpy(dtype="float64")


def _finish(
    path: Path, kind: str, name: str, layout: str, dates: pd.DatetimeIndex, values: dict
) -> ParsedSeries:
    """Sort, keep the last of duplicated dates, and set aside rows without a value."""
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
    """Adjusted close and O/H/L scaled to it; fields maps frame column -> yfinance field key."""
    raw = {
        key: _numeric(path, frame, column, key.replace("_", " ")) for column, key in fields.items()
    }
    nan = np.full(len(frame), np.nan)
    close = raw.get("adj_close", raw.get("raw_close"))
    if close is None:
        raise ImportFormatError(path, 1, "the header has no Close or Adj Close column")
    factor = 1.0
    if "adj_close" in raw and "raw_close" in raw:
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = raw["adj_close"] / raw["raw_close"]
    values = {"close": close}
    for key in ("open", "high", "low"):
        values[key] = raw[key] * factor if key in raw else nan
    values["volume"] = raw.get("volume", nan)
    return values


def _read_classic(path: Path, header: list[str]) -> ParsedSeries:
    unknown = [c for c in header[1:] if c not in _YF_FIELDS and c not in _YF_IGNORED | {"Ticker"}]
    if unknown:
        raise ImportFormatError(
            path, 1, f"unexpected column(s) {', '.join(unknown)} in a Date,...,Close price file"
        )
    frame = _read_table(path, 1, header)
    name = series_name(path)
    if "Ticker" in header:
        tickers = frame["Ticker"].dropna().unique()
        if len(tickers) > 1:
            raise ImportFormatError(path, None, f"the Ticker column names several: {tickers[:3]}")
        name = str(tickers[0]) if len(tickers) else name
    dates = _parse_dates(path, frame["Date"])
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
    frame = _read_table(path, date_line, columns)
    dates = _parse_dates(path, frame["Date"])
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
    frame = _read_table(path, 1, header)
    dates = _parse_dates(path, frame[header[0]])
    actual = _numeric(path, frame, header[1], "value")
    name = fred_id
    if fred_source(fred_id) is not None:
        released = fred_releases(fred_id, dates, actual)
        name = str(released["series"].iloc[0]) if len(released) else fred_source(fred_id)[0]
        dates, actual = pd.DatetimeIndex(released["date"]), released["actual"].to_numpy()
    values = {"actual": actual, "consensus": np.full(len(dates), np.nan)}
    return _finish(path, "macro", name, "fred", dates, values)


def _read_releases(path: Path, header: list[str]) -> tuple[ParsedSeries, ...]:
    """Hand-entered releases: date,actual,consensus (+ series); one ParsedSeries per series."""
    frame = _read_table(path, 1, header)
    if "series" not in header:
        frame["series"] = series_name(path)
    parsed = []
    for name, rows in frame.groupby("series", sort=True):
        dates = _parse_dates(path, rows["date"])
        values = {k: _numeric(path, rows, k, k) for k in MACRO_FIELDS}
        parsed.append(_finish(path, "macro", str(name), "releases", dates, values))
    return tuple(parsed)
