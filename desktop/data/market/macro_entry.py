"""Macro releases typed by hand: check each row, and turn the good ones into the store's frame.

A release is (date, actual, consensus) for one series; units are those of
`signals.inputs.MACRO_SERIES` (claims in thousands, fund assets in USD billions, indexes as
published). Consensus is optional: an empty cell means "not known", never zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from desktop.data.market.plausible import EARLIEST_DATE, MAX_MACRO, describe_range, latest_date


@dataclass(frozen=True, slots=True)
class EntryProblem:
    """What is wrong with one cell; `row` is 1-based as the table shows it."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}, {self.column}: {self.message}"


def parse_releases(rows: Sequence[tuple[str, str, str]]) -> tuple[pd.DataFrame, list[EntryProblem]]:
    """Check (date, actual, consensus) text rows; return the releases and every problem.

    The frame (columns date, actual, consensus; consensus NaN when blank) holds only rows
    without problems, so it is what `MarketStore.upsert_macro` should receive once the problem
    list is empty.
    """
    good: list[tuple[pd.Timestamp, float, float]] = []
    problems: list[EntryProblem] = []
    seen: dict[pd.Timestamp, int] = {}
    for number, (date_text, actual_text, consensus_text) in enumerate(rows, start=1):
        row_problems: list[EntryProblem] = []
        date = _date(date_text, number, row_problems)
        actual = _number(actual_text, number, "actual", row_problems, required=True)
        consensus = _number(consensus_text, number, "consensus", row_problems, required=False)
        if date is not None and date in seen:
            row_problems.append(
                EntryProblem(number, "date", f"{date:%Y-%m-%d} is also on row {seen[date]}")
            )
        if date is not None:
            seen.setdefault(date, number)
        problems += row_problems
        if not row_problems:
            good.append((date, actual, consensus))
    frame = pd.DataFrame(good, columns=["date", "actual", "consensus"]).astype(
        {"actual": "float64", "consensus": "float64"}
    )
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    return frame, problems


def _date(text: str, row: int, problems: list[EntryProblem]) -> pd.Timestamp | None:
    text = text.strip()
    try:  # strptime, not pd.to_datetime: a few microseconds a row, so every keystroke re-checks
        day = datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        shown = f"'{text}'" if text else "empty"
        problems.append(EntryProblem(row, "date", f"{shown} is not a date; write it as 2026-01-15"))
        return None
    if not EARLIEST_DATE <= day <= latest_date():
        problems.append(EntryProblem(row, "date", f"{text}: {describe_range('date')}"))
        return None
    return pd.Timestamp(day)


def _number(
    text: str, row: int, column: str, problems: list[EntryProblem], *, required: bool
) -> float:
    text = text.strip()
    if not text:
        if required:
            problems.append(EntryProblem(row, column, "is empty; type the released value"))
        return math.nan
    try:
        value = float(text)
    except ValueError:
        hint = " (use . for decimals, no thousands separators)" if "," in text else ""
        problems.append(EntryProblem(row, column, f"'{text}' is not a number{hint}"))
        return math.nan
    if not math.isfinite(value):
        problems.append(EntryProblem(row, column, f"'{text}' is not a finite number"))
    elif abs(value) > MAX_MACRO:
        problems.append(EntryProblem(row, column, f"{text}: {describe_range('macro')}"))
    return value
