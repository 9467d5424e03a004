"""Exports and the clipboard never let a spreadsheet run a formula or start a row mid-cell
(issue 12: a CR inside a name, theme label or history note was written unquoted, so the text
after it ran as a formula; the guard did not look past leading spaces or control characters)."""

from __future__ import annotations

import csv
import io
import re

from hypothesis import given
from hypothesis import strategies as st

from desktop.advice.csv_text import csv_field, csv_rows, escape_text, tsv_field

FORMULA = ("=", "+", "-", "@")


def dangerous_cells(text: str) -> list[str]:
    """Cells a careless reader would run: split the text at every CR and LF (even inside
    quotes), read each piece as CSV, and keep text cells starting (after spaces, quotes and
    control characters) with = + - or @."""
    found = []
    for piece in re.split(r"\r\n|\r|\n", text):
        for cell in next(csv.reader([piece]), []):
            shown = cell.lstrip(' "\t\x00\x01\x1b\u200b')
            if shown.startswith(FORMULA) and not _number(cell):
                found.append(cell)
    return found


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_a_line_break_in_a_text_cell_becomes_a_space_so_no_row_starts_there():
    rows = [["ticker", "name"], ["SPY", "S&P\r=1+1"], ["X", "'\r=1+1"], ["Y", "a\n\n@b"]]
    text = csv_rows([[escape_text(cell) for cell in row] for row in rows])
    assert text == "ticker,name\nSPY,S&P =1+1\nX,' =1+1\nY,a  @b\n"
    assert dangerous_cells(text) == []


def test_fields_holding_a_separator_quote_cr_or_lf_are_quoted():
    assert [csv_field(c) for c in ("a,b", 'a"b', "a\rb", "a\nb", "ab")] == [
        '"a,b"',
        '"a""b"',
        '"a\rb"',
        '"a\nb"',
        "ab",
    ]


def test_the_guard_looks_past_leading_spaces_and_control_characters():
    for text in ("  =1+1", "\x00=1+1", "\u200b@SUM(A1)", '"=1', "\t-2+3", "\r+1", "\n\n=1"):
        assert escape_text(text).startswith("'"), text
    for text in ("SPY +2.0 pts", "Gold", "a=b", "5-3"):
        assert escape_text(text) == text


def test_clipboard_cells_have_no_tabs_or_breaks_and_are_guarded():
    assert tsv_field("a\tb\r\n=c") == "a b =c"
    assert tsv_field("\r\n=1+1") == "' =1+1"


CELL_TEXT = st.text(alphabet=st.sampled_from('=+-@ \t\r\n,"\x00\x1babc1.'), max_size=12)


@given(st.lists(st.lists(CELL_TEXT, min_size=1, max_size=4), min_size=1, max_size=4))
def test_no_text_cell_ever_becomes_a_formula_or_changes_what_it_says(rows):
    escaped = [[escape_text(cell) for cell in row] for row in rows]
    text = csv_rows(escaped)
    assert dangerous_cells(text) == []
    assert list(csv.reader(io.StringIO(text, newline=""))) == escaped
    for row, out in zip(rows, escaped, strict=True):
        for cell, shown in zip(row, out, strict=True):
            assert shown.removeprefix("'") == " ".join(cell.splitlines())
