"""`rotation-advisor sweep`: one line (or JSON point) per setting, progress, the exit codes.

Runs on the bundled demo data (an empty data folder falls back to it), on one local worker.
"""

from __future__ import annotations

import json

from desktop import app

SPAN = ["--from", "2021-01", "--to", "2022-06"]


def run(capsys, tmp_path, *argv) -> tuple[int, str, str]:
    code = app.main(["--db", str(tmp_path / "none.db"), "sweep", *SPAN, *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_json_has_one_point_per_setting_with_its_figures(capsys, tmp_path):
    code, out, err = run(
        capsys, tmp_path, "--risk-aversion", "1,3", "--te-cap", "4", "--calibration", "none",
        "--workers", "1", "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert [p["risk_aversion"] for p in data["points"]] == [1.0, 3.0]
    point = data["points"][0]
    assert point["te_cap_pct"] == 4.0 and point["calibration"] == "none"
    assert point["turnover_penalty"] == 0.012  # from the 10 bp cost
    assert {"information_ratio", "t_stat", "turnover_pct_per_year", "max_drawdown_pct"} <= set(
        point
    )
    assert "over 2 settings" in data["summary"]
    assert "Sweeping 2 settings on 1 local processes" in err and "2 of 2 backtests done" in err


def test_a_value_that_is_not_a_number_is_named(capsys, tmp_path):
    code, out, err = run(capsys, tmp_path, "--te-cap", "4,lots")
    assert code == 2 and out == ""
    assert "'lots' is not a number" in err


def test_a_grid_value_out_of_range_says_what_to_change(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path, "--rebalance", "daily")
    assert code == 2 and "rebalance must be one of monthly, weekly" in err


def test_a_portfolio_that_does_not_exist_is_named(capsys, tmp_path):
    code = app.main(["--db", str(tmp_path / "none.db"), "sweep", "--portfolio", "nosuch"])
    err = capsys.readouterr().err
    assert code != 0 and "nosuch" in err
