"""The cells of an imported CSV file: read, parsed and range-checked, each problem with its line.

`read_cells` gives the raw cells of any file the importer is handed, whatever its shape (a
duplicated column, a row longer than the header, a truncated .gz, binary bytes), or raises
ImportFormatError naming the file and, when known, the line. `dates` and `numbers` parse a
column and apply the bounds of `desktop.data.market.plausible`: a date outside 1900..tomorrow, an
infinite or absurd price, a negative volume is refused with its line instead of being stored
(or wrapped round, as a year-1 date once became 1754).
"""

from __future__ import annotations

import gzip
import re
import unicodedata
import warnings
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from desktop.data.exports import regular_file
from desktop.data.market.plausible import (
    bad_days,
    bad_macro,
    bad_prices,
    bad_volumes,
    describe_range,
)

_NA_VALUES = [".", ""]
_SNIFF_BYTES = 8192
_MAX_NAME = 100
_UNREADABLE = (
    ValueError, EOFError, OSError, zlib.error, UnicodeError, pd.errors.ParserError,
    pd.errors.EmptyDataError, pd.errors.ParserWarning, OverflowError, MemoryError,
)  # fmt: skip
_CHECKS = {"price": bad_prices, "volume": bad_volumes, "macro": bad_macro}


class ImportFormatError(ValueError):
    """A file that is not one of the accepted layouts; names the file and, when known, the line."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}, line {line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")


@contextmanager
def unreadable_as_format_error(path: Path) -> Iterator[None]:
    """Whatever goes wrong reading `path` becomes ImportFormatError (pandas' own warnings about
    lost data included), so one odd file never aborts a batch of imports."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            yield
    except ImportFormatError:
        raise
    except FileNotFoundError as exc:
        raise ImportFormatError(path, None, "the file does not exist") from exc
    except _UNREADABLE as exc:
        why = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise ImportFormatError(path, None, f"cannot be read as a CSV file ({why})") from exc


def require_regular_file(path: Path) -> None:
    """Refuse a pipe, device or folder before opening it: reading a pipe would wait forever."""
    try:
        regular_file.require_regular_file(path)
    except regular_file.NotRegularFileError as exc:
        raise ImportFormatError(path, None, f"{exc.what}, not a regular file") from exc


def header_lines(path: Path) -> list[list[str]]:
    """The first few lines split on commas; rejects empty and binary files."""
    try:
        with _open_text(path) as handle:
            text = handle.read(_SNIFF_BYTES)
    except (UnicodeDecodeError, gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise ImportFormatError(path, None, "not a text CSV file (binary content)") from exc
    if "\x00" in text:
        raise ImportFormatError(path, None, "not a text CSV file (binary content)")
    lines = [line.strip().split(",") for line in text.splitlines()[:6]]
    if not lines or lines[0] == [""]:
        raise ImportFormatError(path, 1, "the file is empty")
    return [[cell.strip().strip('"') for cell in line] for line in lines]


def _open_text(path: Path):
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def read_cells(path: Path, skiprows: int, names: Sequence[str]) -> pd.DataFrame:
    """Raw cells as text or floats, one column per name; positional index i is file line
    skiprows + i + 1. Raises ImportFormatError for a repeated column name, a row with more
    fields than the header, or a file with no data rows."""
    repeated = sorted({n for n in names if list(names).count(n) > 1})
    if repeated:
        raise ImportFormatError(
            path, skiprows, f"the column {', '.join(repeated)} appears more than once"
        )
    try:
        frame = _read_csv(path, skiprows, names)
    except (pd.errors.ParserError, pd.errors.ParserWarning) as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else skiprows + 1
        raise ImportFormatError(path, line, "a row has more fields than the header") from exc
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


def dates(path: Path, cells: pd.Series) -> pd.DatetimeIndex:
    """ISO dates, optionally followed by a time, from 1900 to tomorrow; the first bad cell
    raises ImportFormatError with its line."""
    text = cells.astype("string")
    exact = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    if not exact.isna().any() and not bad_days(exact.to_numpy()).any():
        return pd.DatetimeIndex(exact.to_numpy().astype("datetime64[ns]"), name="date")
    text = text.fillna("").str.strip()
    days = pd.to_datetime(text.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    tail_ok = text.str.slice(10, 11).isin(["", " ", "T"])
    unparsed = (days.isna() | ~tail_ok).to_numpy()
    outside = ~unparsed & bad_days(days.to_numpy())
    if unparsed.any() or outside.any():
        first = int(np.flatnonzero(unparsed | outside)[0])
        line, value = int(cells.index[first]), text.iloc[first]
        if outside[first]:
            problem = f"the date {value} is implausible: {describe_range('date')}"
        else:
            hint = " (monthly files are not imported)" if len(value) == 7 else ""
            shown = f"'{value}'" if value else "an empty date"
            problem = f"{shown} is not a YYYY-MM-DD date{hint}"
        raise ImportFormatError(path, line, problem)
    return pd.DatetimeIndex(days.to_numpy().astype("datetime64[ns]"), name="date")


def numbers(path: Path, frame: pd.DataFrame, column: str, label: str, kind: str) -> np.ndarray:
    """A column as float64 (blank -> NaN), checked as `kind` ("price", "volume" or "macro");
    the first cell that is not a number, or not a plausible one, raises with its line."""
    cells = frame[column]
    if pd.api.types.is_numeric_dtype(cells) and not pd.api.types.is_bool_dtype(cells):
        values = cells.to_numpy(dtype="float64")
    else:
        parsed = pd.to_numeric(cells.astype("string"), errors="coerce")
        bad = parsed.isna() & cells.notna()
        if bad.any():
            line = int(bad.idxmax())
            raise ImportFormatError(path, line, f"{label} '{cells.loc[line]}' is not a number")
        values = parsed.to_numpy(dtype="float64")
    implausible = _CHECKS[kind](values)
    if implausible.any():
        i = int(np.flatnonzero(implausible)[0])
        problem = f"{label} {values[i]:g} is implausible: {describe_range(kind)}"
        raise ImportFormatError(path, int(cells.index[i]), problem)
    return values


def check_name(path: Path, name: str, line: int | None) -> str:
    """A series name (ticker or macro id) as read; refuses an empty one, one with control
    characters (which would reach the terminal) or one longer than _MAX_NAME characters."""
    if not name.strip():
        raise ImportFormatError(path, line, "the series has no name (an empty ticker)")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in name):
        raise ImportFormatError(
            path, line, f"the name {name!r} holds control characters; rename it"
        )
    if len(name) > _MAX_NAME:
        raise ImportFormatError(path, line, f"the name is longer than {_MAX_NAME} characters")
    return name
