"""`allocate`: holdings files, flag validation, and the CSV/JSON it produces end to end."""

from __future__ import annotations

import pytest

from desktop.holdings import HoldingsError, read_holdings


def write(tmp_path, text, name="holdings.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_holdings_with_header_in_any_order_and_extra_columns(tmp_path):
    text = "\ufeffAccount,Shares,Ticker\nA,120,iwm\n\n# cash is not a ticker\nA,3.5,GLD\n"
    assert read_holdings(write(tmp_path, text)) == {"IWM": 120.0, "GLD": 3.5}


def test_holdings_without_header(tmp_path):
    assert read_holdings(write(tmp_path, "SPY,10\nIEF,0\n")) == {"SPY": 10.0, "IEF": 0.0}


def test_holdings_problems_name_their_lines(tmp_path):
    text = "ticker,shares\nSPY,ten\nIWM,-5\n,3\nQQQ\nSPY,1\n"
    with pytest.raises(HoldingsError) as info:
        read_holdings(write(tmp_path, text))
    message = str(info.value)
    assert "line 2: shares for SPY must be a number, got 'ten'" in message
    assert "line 3: shares for IWM must be a number >= 0" in message
    assert "line 4: the ticker is empty" in message
    assert "line 5: needs a ticker and a number of shares" in message
    assert "line 6: SPY is listed twice (also on line 2)" in message


def test_duplicate_holdings_are_rejected(tmp_path):
    with pytest.raises(HoldingsError, match=r"line 3: SPY is listed twice \(also on line 1\)"):
        read_holdings(write(tmp_path, "SPY,1\nIWM,2\nspy,3\n"))


def test_empty_or_missing_holdings_file(tmp_path):
    with pytest.raises(HoldingsError, match="has no holdings"):
        read_holdings(write(tmp_path, "ticker,shares\n\n"))
    with pytest.raises(HoldingsError, match="Could not read"):
        read_holdings(tmp_path / "missing.csv")
