"""`allocate`: holdings files, flag validation, and the CSV/JSON it produces end to end."""

from __future__ import annotations

import csv
import dataclasses
import errno
import json
import os
from pathlib import Path

import pandas as pd
import pytest

from allocator import Settings, Source, TiltProblem
from desktop import app
from desktop.cli import allocate as cli_allocate
from desktop.data import source as data_source
from desktop.data.demo import load_demo
from desktop.data.exports import allocation_csv, atomic_file
from desktop.data.holdings import HoldingsError, read_holdings
from desktop.data.source import DataSource
from desktop.data.user_files import bundled_universe_path, load_universe
from desktop.engine import pipeline


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


# The command end to end ---------------------------------------------------------------------

AS_OF = "2025-06-13"
JSON_KEYS = {
    "out", "as_of", "source", "views", "overridden", "neutral", "tracking_error_pct",
    "expected_active_return_pct", "answer", "solver", "solver_status", "solve_time_ms",
    "cash_left_over_usd", "notes", "csv", "data_age", "settings_file", "headline",
    "one_way_turnover_pct", "turnover_against",
}  # fmt: skip


@pytest.fixture(scope="module")
def demo():
    return load_demo()


@pytest.fixture
def source(monkeypatch, demo):
    """The demo market as a cached database would serve it, cut where a test asks."""

    def use(until=None):
        prices = demo.prices if until is None else demo.prices.loc[:until]
        found = DataSource("cached", "Test data", prices, demo.macro, frozenset(), ())
        monkeypatch.setattr(data_source, "open_data_source", lambda *_a, **_k: found)

    use()
    return use


def allocate(tmp_path, *extra, out="alloc.csv"):
    path = tmp_path / out
    code = app.main(["--db", str(tmp_path / "db"), "allocate", "--out", str(path), *extra])
    return code, path


def read(path):
    """The settings written beside the CSV, and the CSV's rows (it starts with its header)."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("ticker,name,model_weight,")
    settings = json.loads(allocation_csv.settings_path(path).read_text(encoding="utf-8"))
    return settings, list(csv.DictReader(text.splitlines()))


def hundredths(rows, column):
    return [round(float(r[column]) * 100) for r in rows]


def test_neutral_writes_the_model_portfolio(source, tmp_path):
    code, path = allocate(tmp_path, "--as-of", AS_OF, "--neutral", "--view", "gold=1")
    assert code == 0
    settings, rows = read(path)
    assert (settings["as_of"], settings["source"]) == (AS_OF, "Test data")
    assert settings["views"].startswith("neutral: small_caps +0.00")
    assert hundredths(rows, "suggested_weight") == hundredths(rows, "model_weight")
    assert {r["reason"] for r in rows} == {"at model weight"}
    model = {a.ticker: round(a.weight * 100) for a in load_universe().assets}
    tickers = [r["ticker"] for r in rows]
    assert dict(zip(tickers, hundredths(rows, "model_weight"), strict=True)) == model


def test_default_views_sum_exactly_and_explain_every_move(source, tmp_path):
    code, path = allocate(tmp_path, "--as-of", AS_OF, "--max-te", "3", "--risk-aversion", "4")
    assert code == 0
    settings, rows = read(path)
    assert [settings[k] for k in ("risk_aversion", "turnover_penalty", "max_te_pct")] == [
        "4", "0.001", "3",
    ]  # fmt: skip
    assert (
        sum(hundredths(rows, "model_weight")) == sum(hundredths(rows, "suggested_weight")) == 10_000
    )
    moved = 0
    for r in rows:
        active = round(float(r["suggested_weight"]) * 100) - round(float(r["model_weight"]) * 100)
        assert round(float(r["active_weight"]) * 100) == active
        if r["reason"] != "at model weight":
            moved += 1
            assert r["reason"].startswith(f"{r['ticker']} ") and " pts" in r["reason"]
    assert moved > 0


def test_rows_after_as_of_change_nothing(source, tmp_path):
    source(until=AS_OF)
    allocate(tmp_path, "--as-of", AS_OF, out="cut.csv")
    source()
    allocate(tmp_path, "--as-of", AS_OF, out="full.csv")
    assert (tmp_path / "cut.csv").read_text() == (tmp_path / "full.csv").read_text()
    (cut, _), (full, _) = read(tmp_path / "cut.csv"), read(tmp_path / "full.csv")
    assert cut.pop("data_age").startswith(f"Prices end {AS_OF}")  # the data's own last date
    assert "this advice is as of 2025-06-13, the date you chose" in full.pop("data_age")
    assert {**cut, "csv": ""} == {**full, "csv": ""}


def test_json_prints_the_csv_and_the_figures(source, tmp_path, capsys):
    code, path = allocate(tmp_path, "--as-of", AS_OF, "--view", "small_caps=0.8", "--json")
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == JSON_KEYS
    assert result["csv"] == path.read_text(encoding="utf-8")
    assert result["views"]["small_caps"] == 0.8 and result["overridden"] == ["small_caps"]
    assert result["answer"] == "optimal" and result["solver_status"] == "optimal"
    assert 0 < result["tracking_error_pct"] <= 4.0 + 1e-6
    assert result["solve_time_ms"] > 0
    assert result["settings_file"] == str(tmp_path / "alloc.settings.json")
    assert result["headline"].startswith("Overweight small caps")
    assert result["turnover_against"] == "model" and result["one_way_turnover_pct"] > 0


def test_the_summary_starts_with_what_the_advice_is(source, tmp_path, capsys):
    code, _ = allocate(tmp_path, "--as-of", AS_OF, "--view", "small_caps=1", "--view", "gold=-1")
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Allocation as of {AS_OF} (Test data)"
    assert lines[1].startswith("Prices end 2026-")
    assert "small caps" in lines[2].split(";")[0] and lines[2].startswith("Overweight ")
    assert "underweight gold" in lines[2]
    assert lines[3].startswith("Expected active return +")
    assert "one-way turnover" in lines[3] and lines[3].endswith("against the model.")


def test_the_export_opens_as_a_table_in_pandas_with_its_settings_beside_it(source, tmp_path):
    """Issue 10: the first line used to be a '#' comment with commas, which pandas.read_csv and
    spreadsheets read as the header row."""
    code, path = allocate(tmp_path, "--as-of", AS_OF, "--portfolio-value", "100000")
    assert code == 0
    frame = pd.read_csv(path)
    assert list(frame.columns) == [
        "ticker", "name", "model_weight", "suggested_weight", "active_weight", "reason",
        "price", "value", "shares", "trade_shares",
    ]  # fmt: skip
    assert frame["suggested_weight"].dtype == float
    assert frame["suggested_weight"].sum() == pytest.approx(100.0)
    settings, _ = read(path)
    assert settings["format"] == "Rotation Advisor allocation settings"
    assert (settings["csv"], settings["as_of"], settings["source"]) == (
        "alloc.csv", AS_OF, "Test data",
    )  # fmt: skip
    assert settings["portfolio_value_usd"] == "100000.00"
    assert settings["data_age"].startswith("Prices end 2026-")


def test_holdings_give_trades_and_a_cash_line(source, tmp_path):
    holdings = write(tmp_path, "ticker,shares\nSPY,100\nSMH,4\n")
    code, path = allocate(tmp_path, "--as-of", AS_OF, "--holdings", str(holdings))
    assert code == 0
    settings, rows = read(path)
    by_ticker = {r["ticker"]: r for r in rows}
    assert int(by_ticker["SPY"]["trade_shares"]) == int(by_ticker["SPY"]["shares"]) - 100
    assert by_ticker["SMH"]["trade_shares"] == "-4"  # held, not in the universe: sold
    value = sum(float(r["value"]) for r in rows)
    cash = float(settings["cash_left_over_usd"])
    total = float(settings["portfolio_value_usd"])
    assert value + cash == pytest.approx(total, abs=0.02)


def test_unknown_theme_lists_the_known_ones(source, tmp_path, capsys):
    code, path = allocate(tmp_path, "--view", "bitcoin=0.5")
    assert code == 2
    known = "Known themes: cyclicals, gold, high_growth, industrial_metals"
    assert known in capsys.readouterr().err
    assert not path.exists()


@pytest.mark.parametrize("view", ["small_caps=1.5", "small_caps", "small_caps=high"])
def test_malformed_view_is_a_usage_error(source, tmp_path, capsys, view):
    with pytest.raises(SystemExit) as info:
        allocate(tmp_path, "--view", view)
    assert info.value.code == 2
    assert "write THEME=X with X from -1 to 1" in capsys.readouterr().err


def test_bad_holdings_exit_2_naming_the_line(source, tmp_path, capsys):
    holdings = write(tmp_path, "ticker,shares\nSPY,lots\n")
    code, path = allocate(tmp_path, "--holdings", str(holdings))
    assert code == 2
    assert "line 2: shares for SPY must be a number" in capsys.readouterr().err
    assert not path.exists()


def test_disk_full_exits_1_and_keeps_the_old_file(source, tmp_path, monkeypatch, capsys):
    (tmp_path / "alloc.csv").write_text("previous export", encoding="utf-8")

    real_replace = os.replace

    def full(src, dst):
        if Path(dst).name != "alloc.csv":
            return real_replace(src, dst)  # the first-use copies of universe and tilt table
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", full)
    code, path = allocate(tmp_path)
    assert code == 1
    assert "disk is full" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "previous export"


def test_infeasible_settings_write_the_nearest_answer_with_a_warning(
    source, tmp_path, monkeypatch, capsys
):
    # No flag can make the limits clash, so ask for bounds no portfolio can meet directly.
    impossible = Settings(default_bounds=(0.0, 0.05))  # 17 assets at most 5 % each: 85 %
    monkeypatch.setattr(pipeline, "to_settings", lambda *_args: impossible)
    code, path = allocate(tmp_path, "--as-of", AS_OF)
    assert code == 0
    err = capsys.readouterr().err
    assert "warning: the settings admit no portfolio; this is the nearest feasible answer" in err
    assert "asset upper bounds had to be loosened" in err
    settings, rows = read(path)
    assert settings["answer"] == "relaxed"
    assert sum(hundredths(rows, "suggested_weight")) == 10_000


def test_help_states_the_allocator_defaults():
    defaults = Settings()
    assert (defaults.gamma_risk, 100 * defaults.max_te) == (2.0, 4.0)
    text = app.build_parser()._subparsers._group_actions[0].choices["allocate"].format_help()
    assert "default: 2" in text and "(default: 4)" in text


def test_formula_like_names_are_escaped_in_the_file(source, tmp_path, _isolated_home):
    bundled = bundled_universe_path().read_text(encoding="utf-8")
    evil = bundled.replace('name = "SPDR S&P 500 ETF"', 'name = "=HYPERLINK(\\"http://x\\")"')
    _isolated_home.mkdir(parents=True, exist_ok=True)
    (_isolated_home / "universe.toml").write_text(evil, encoding="utf-8")
    code, path = allocate(tmp_path, "--as-of", AS_OF, "--view", "small_caps=-1")
    assert code == 0
    _, rows = read(path)
    spy = next(r for r in rows if r["ticker"] == "SPY")
    assert spy["name"] == '\'=HYPERLINK("http://x")'
    actives = [float(r["active_weight"]) for r in rows]  # numbers stay numbers, minus or not
    assert min(actives) < 0


def test_solver_failure_writes_the_model_and_exits_3(source, tmp_path, monkeypatch, capsys):
    real_solve = TiltProblem.solve

    def failing(self, *args, **kwargs):
        # What TiltProblem answers when every solver fails and nothing earlier was solved.
        answer = real_solve(self, *args, **kwargs)
        note = "every solver failed (CLARABEL: error); showing the model portfolio"
        return dataclasses.replace(
            answer, weights=args[0].w_bench, active=answer.active * 0,
            source=Source.MODEL, notes=(note,),
        )  # fmt: skip

    monkeypatch.setattr(TiltProblem, "solve", failing)
    code, path = allocate(tmp_path, "--as-of", AS_OF)
    assert code == cli_allocate.EXIT_SOLVER_FAILED
    assert "warning: every solver failed; showing the model portfolio" in capsys.readouterr().err
    _, rows = read(path)
    assert hundredths(rows, "suggested_weight") == hundredths(rows, "model_weight")
