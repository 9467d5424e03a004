"""`rotation-advisor portfolio` and --portfolio: two portfolios side by side on shared data."""

from __future__ import annotations

import csv
import json

from desktop import app
from desktop.data.portfolios import get_portfolio


def cli(tmp_path, *args):
    return app.main(["--db", str(tmp_path / "shared.db"), *args])


def model_weights(path) -> dict[str, float]:
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["ticker"]: float(row["model_weight"]) for row in csv.DictReader(handle)}


def test_two_portfolios_advise_from_their_own_universes(tmp_path, capsys):
    assert cli(tmp_path, "portfolio", "create", "growth") == 0
    growth = get_portfolio("growth")
    text = growth.universe_file.read_text()
    text = text.replace("weight = 20.0", "weight = 12.0", 1).replace(
        "weight = 8.0", "weight = 16.0", 1
    )
    growth.universe_file.write_text(text)

    assert cli(tmp_path, "allocate", "--neutral", "--out", str(tmp_path / "default.csv")) == 0
    out = str(tmp_path / "growth.csv")
    assert cli(tmp_path, "--portfolio", "growth", "allocate", "--neutral", "--out", out) == 0

    default, mine = model_weights(tmp_path / "default.csv"), model_weights(out)
    assert (default["SPY"], default["QQQ"]) == (20.0, 8.0)
    assert (mine["SPY"], mine["QQQ"]) == (12.0, 16.0)
    assert {k: v for k, v in mine.items() if k not in ("SPY", "QQQ")} == {
        k: v for k, v in default.items() if k not in ("SPY", "QQQ")
    }


def test_list_shows_every_portfolio_and_what_it_holds(tmp_path, capsys):
    cli(tmp_path, "portfolio", "create", "income", "--from", "default")
    cli(tmp_path, "--portfolio", "income", "alert", "add", "--drift", "3")
    capsys.readouterr()
    assert cli(tmp_path, "portfolio", "list", "--json") == 0
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert list(rows) == ["default", "income"]
    assert rows["income"]["alert_rules"] == 1 and rows["default"]["alert_rules"] == 0
    assert rows["income"]["tilts"].endswith("portfolios/income/tilts.toml")


def test_bad_names_and_unknown_portfolios_exit_with_what_to_do(tmp_path, capsys):
    assert cli(tmp_path, "portfolio", "create", "My Growth") == 2
    assert "lower-case letters" in capsys.readouterr().err
    assert cli(tmp_path, "portfolio", "create", "x", "--from", "nope") == 2
    assert "no portfolio 'nope'" in capsys.readouterr().err
    assert cli(tmp_path, "--portfolio", "nope", "allocate", "--out", str(tmp_path / "x.csv")) == 2
    assert "portfolio create nope" in capsys.readouterr().err
