"""`rotation-advisor backtest` and `evidence`: the exact JSON keys, the CSV, the exit codes.

Runs on the bundled demo data (an empty data folder falls back to it).
"""

from __future__ import annotations

import csv
import json

import pytest

from desktop import app

STATS = {
    "cagr_pct", "vol_pct", "sharpe", "max_drawdown_pct", "active_return_pct",
    "tracking_error_pct", "information_ratio", "t_stat", "turnover_pct_per_year",
    "cost_pct_per_year", "hit_rate_pct",
}  # fmt: skip
SPAN = ["--from", "2021-01", "--to", "2022-06"]


def run(capsys, tmp_path, *argv) -> tuple[int, str, str]:
    code = app.main(["--db", str(tmp_path / "none.db"), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_backtest_json_has_the_documented_keys(capsys, tmp_path):
    code, out, _ = run(
        capsys, tmp_path, "backtest", *SPAN, "--json", "--calibration", "walk-forward"
    )
    assert code == 0
    data = json.loads(out)
    assert {"from", "to", "rebalances", "calibration", "portfolios"} <= set(data)
    assert (data["from"], data["to"]) == ("2021-01-29", "2022-06-30")
    assert data["rebalances"] == 18 and data["calibration"] == "walk-forward"
    assert {"advisor", "model"} <= set(data["portfolios"])
    for stats in data["portfolios"].values():
        assert set(stats) >= STATS
    assert data["portfolios"]["model"]["information_ratio"] is None
    assert isinstance(data["portfolios"]["advisor"]["t_stat"], float)


def test_backtest_writes_the_target_weights_at_every_rebalance(capsys, tmp_path):
    out = tmp_path / "weights.csv"
    code, text, _ = run(
        capsys, tmp_path, "backtest", *SPAN, "--rebalance", "weekly", "--out", str(out)
    )
    assert code == 0 and f"Wrote {out}" in text and "information ratio" in text
    with out.open() as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["date", "portfolio", "ticker", "weight_pct"]
    assert {r["portfolio"] for r in rows} == {"advisor", "model"}
    dates = sorted({r["date"] for r in rows})
    assert dates[0] == "2021-01-08" and len(dates) == 77
    first = [r for r in rows if r["date"] == dates[0] and r["portfolio"] == "advisor"]
    assert sum(float(r["weight_pct"]) for r in first) == pytest.approx(100.0, abs=1e-3)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "1990-01-01"], "start on or after"),
        (["--from", "2021-13"], "YYYY-MM-DD or YYYY-MM"),
        (["--from", "31/01/2021"], "use YYYY-MM-DD"),
    ],
)
def test_backtest_bad_dates_exit_2_and_say_what_to_do(capsys, tmp_path, argv, message):
    code, _, err = run(capsys, tmp_path, "backtest", *argv)
    assert code == 2 and message in err


def test_backtest_out_to_a_missing_folder_exits_1(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path, "backtest", *SPAN, "--out", str(tmp_path / "no" / "w.csv"))
    assert code == 1 and "Could not write" in err


def test_evidence_json_has_the_documented_keys(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path, "evidence", "--as-of", "2024-12-31", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["as_of"] == "2024-12-31"
    assert set(data["themes"]) >= {"small_caps", "gold"}
    for row in data["themes"].values():
        assert {"ic", "t_stat", "n"} <= set(row)
    assert data["signals"] and all(
        {"signal", "theme", "ic", "t_stat", "n"} <= set(row) for row in data["signals"]
    )


def test_evidence_text_and_a_date_outside_the_data(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path, "evidence")
    assert code == 0 and out.startswith("Evidence as of 2026-01-30") and "Since " in out
    code, _, err = run(capsys, tmp_path, "evidence", "--as-of", "1999-01-01")
    assert code == 2 and "outside the loaded prices" in err
