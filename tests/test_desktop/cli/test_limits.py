"""Sanity limits with clear messages: portfolio value and holdings' share counts (issue 12:
--portfolio-value 1e308 wrote 300-digit share counts; 1e20 shares were accepted)."""

from __future__ import annotations

import pytest

from desktop.app import main
from desktop.data.holdings import HoldingsError, read_holdings


@pytest.mark.parametrize("value", ["1e308", "1e12", "inf", "nan", "0", "-5"])
def test_an_absurd_portfolio_value_is_refused_by_the_parser(value, tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(["allocate", "--portfolio-value", value, "--out", str(tmp_path / "a.csv")])
    assert done.value.code == 2
    assert "give USD from 0 to 1e+11" in capsys.readouterr().err
    assert not (tmp_path / "a.csv").exists()


def test_an_absurd_share_count_is_refused_with_its_line(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("ticker,shares\nSPY,10\nIWM,1e20\n")
    with pytest.raises(
        HoldingsError, match=r"line 3: 1e20 shares of IWM is more than 1,000,000,000"
    ):
        read_holdings(path)


def test_holdings_worth_more_than_the_limit_are_refused(tmp_path, capsys):
    path = tmp_path / "h.csv"
    path.write_text("ticker,shares\nSPY,900000000\nQQQ,900000000\n")
    code = main(["allocate", "--holdings", str(path), "--out", str(tmp_path / "a.csv")])
    assert code == 2
    assert "more than the 100,000,000,000 USD this app sizes" in capsys.readouterr().err
    assert not (tmp_path / "a.csv").exists()


def test_a_holdings_cell_over_the_csv_field_limit_is_a_message(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("ticker,shares\nSPY," + "9" * 200_000 + "\n")
    with pytest.raises(HoldingsError, match="not a 'ticker,shares' CSV file: field larger"):
        read_holdings(path)
