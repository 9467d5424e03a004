"""The universe file: defaults, the user's copy, validation messages with lines, atomic saves."""

from __future__ import annotations

import re

import pytest

from desktop.advice.tables.universe import (
    Universe,
    UniverseError,
    parse_universe_text,
    universe_to_toml,
    validate_universe_text,
)
from desktop.advice.tables.universe_check import is_known_ticker
from desktop.data.user_files import (
    bundled_universe_path,
    load_universe,
    save_universe,
    user_universe_path,
)

DEFAULT_TEXT = bundled_universe_path().read_text(encoding="utf-8")

SMALL = """\
[[asset]]
ticker = "SPY"
name = "S&P 500"
asset_class = "us_equity"
themes = []
weight = 60

[[asset]]
ticker = "IWM"
name = "Russell 2000"
asset_class = "us_equity"
themes = ["small_caps"]
weight = 40.0

[[signal]]
ticker = "^TNX"
name = "10-year yield"

[themes.small_caps]
label = "Small caps"
funded_by = ["SPY"]
"""


def line_of(text: str, fragment: str | int) -> int:
    """1-based line of the first line containing `fragment` (an int is a line number already)."""
    if isinstance(fragment, int):
        return fragment
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def only_problem(text: str):
    problems = validate_universe_text(text)
    assert len(problems) == 1, problems
    return problems[0]


def test_bundled_default_is_valid_and_balanced():
    universe = load_universe(bundled_universe_path())
    weights = universe.model_weights()
    assert validate_universe_text(DEFAULT_TEXT) == []
    assert list(weights.index) == list(universe.held_tickers)
    assert weights.sum() == pytest.approx(1.0)
    assert set(universe.held_tickers) < set(universe.all_tickers)
    assert "^TNX" in universe.all_tickers and "BTC-USD" in universe.all_tickers
    assert all(is_known_ticker(t) for t in universe.all_tickers)


def test_theme_helpers_name_buyers_and_funders():
    universe = parse_universe_text(SMALL)
    assert universe.theme_buys("small_caps") == ("IWM",)
    assert universe.theme_funds("small_caps") == ("SPY",)
    assert universe.model_weights().to_dict() == {"SPY": 0.6, "IWM": 0.4}
    with pytest.raises(KeyError, match="not defined"):
        universe.theme_buys("gold")


def test_first_load_copies_the_default_and_later_edits_are_kept(_isolated_home):
    assert not user_universe_path().exists()
    first = load_universe()
    assert user_universe_path().read_text(encoding="utf-8") == DEFAULT_TEXT
    assert first == load_universe(bundled_universe_path())

    user_universe_path().write_text(SMALL, encoding="utf-8")
    assert load_universe().held_tickers == ("SPY", "IWM")


def test_an_invalid_user_copy_is_reported_and_left_alone():
    broken = SMALL.replace("weight = 40.0", "weight = 30.0")
    user_universe_path().parent.mkdir(parents=True, exist_ok=True)
    user_universe_path().write_text(broken, encoding="utf-8")
    with pytest.raises(UniverseError) as caught:
        load_universe()
    message = str(caught.value)
    assert str(user_universe_path()) in message
    assert "sum to 90.00 %" in message and "delete it" in message
    assert user_universe_path().read_text(encoding="utf-8") == broken


@pytest.mark.parametrize(
    ("old", "new", "line_fragment", "phrase"),
    [
        ("weight = 40.0", "weight = -40.0", "weight = -40.0", "0 or more"),
        ('ticker = "IWM"', 'ticker = "SPY"', 9, "listed twice (first on line 2)"),
        ('ticker = "^TNX"', 'ticker = "IWM"', 16, "listed twice (first on line 9)"),
        (
            'asset_class = "us_equity"\nthemes = ["small',
            'asset_class = "stocks"\nthemes = ["small',
            'asset_class = "stocks"',
            "not one of us_equity",
        ),
        ('themes = ["small_caps"]', 'themes = ["small_cap"]', 'small_cap"]', "not defined"),
        ('funded_by = ["SPY"]', 'funded_by = ["^TNX"]', "funded_by", "not a held asset"),
        ('funded_by = ["SPY"]', 'funded_by = ["IWM"]', "funded_by", "both buys and is funded"),
        ('ticker = "^TNX"', 'ticker = "tnx"', 'ticker = "tnx"', "did you mean 'TNX'"),
        ('ticker = "^TNX"', 'ticker = "  "', 'ticker = "  "', "non-empty"),
        ('name = "10-year yield"', 'nmae = "10-year yield"', "nmae", "unknown key 'nmae'"),
        ("weight = 60", 'weight = "60"', 'weight = "60"', "must be a number"),
    ],
)
def test_each_problem_names_its_line(old, new, line_fragment, phrase):
    text = SMALL.replace(old, new)
    assert text != SMALL
    problems = validate_universe_text(text)
    assert any(p.line == line_of(text, line_fragment) and phrase in p.message for p in problems), (
        problems
    )


def test_weight_sum_tolerance_is_a_hundredth_of_a_point():
    assert validate_universe_text(SMALL.replace("weight = 40.0", "weight = 40.005")) == []
    problem = only_problem(SMALL.replace("weight = 40.0", "weight = 40.02"))
    assert problem.line == line_of(SMALL, "[[asset]]") and "sum to 100.02 %" in problem.message


def test_syntax_error_reports_line_and_column():
    text = SMALL.replace("[[signal]]", "[[signal]")
    problem = only_problem(text)
    assert problem.line == line_of(text, "[[signal]")
    assert "syntax error at column" in problem.message


def test_a_misspelt_section_is_reported():
    problem = only_problem(SMALL + '\n[[assets]]\nticker = "QQQ"\n')
    assert problem.line == line_of(SMALL + "\n[[assets]]", "[[assets]]")
    assert "unknown section 'assets'" in problem.message


def test_no_assets_is_an_error():
    problems = validate_universe_text('[[signal]]\nticker = "SPY"\nname = "S&P"\n')
    assert [p.message for p in problems] == ["no [[asset]] entries: add at least one held asset"]


@pytest.mark.parametrize(
    "ticker", ["SPY", "^TNX", "BTC-USD", "BRK-B", "BRK.B", "EURUSD=X", "7203.T"]
)
def test_plausible_tickers_are_known(ticker):
    assert is_known_ticker(ticker)


@pytest.mark.parametrize("ticker", ["", " ", "SP Y", "spy", "^", "BRK--B", "-SPY", "A" * 21])
def test_implausible_tickers_are_rejected(ticker):
    assert not is_known_ticker(ticker)


def test_save_round_trips_and_leaves_no_temporary_files(tmp_path):
    universe = load_universe(bundled_universe_path())
    target = tmp_path / "edited" / "universe.toml"
    save_universe(universe, target)
    assert load_universe(target) == universe
    assert [p.name for p in target.parent.iterdir()] == ["universe.toml"]
    assert parse_universe_text(universe_to_toml(universe)) == universe


def test_save_refuses_invalid_text_and_keeps_the_old_file(tmp_path):
    target = tmp_path / "universe.toml"
    save_universe(SMALL, target)
    with pytest.raises(UniverseError, match="Nothing was saved"):
        save_universe(SMALL.replace("weight = 60", "weight = 70"), target)
    assert target.read_text(encoding="utf-8") == SMALL
    assert [p.name for p in tmp_path.iterdir()] == ["universe.toml"]


def test_missing_file_names_the_path(tmp_path):
    missing = tmp_path / "nope.toml"
    with pytest.raises(UniverseError, match=r"nope\.toml: file not found"):
        load_universe(missing)


def test_theme_label_defaults_to_its_name():
    universe = parse_universe_text(SMALL.replace('label = "Small caps"\n', ""))
    assert universe.theme("small_caps").label == "small_caps"
    assert isinstance(universe, Universe) and hash(universe) == hash(universe)


@pytest.mark.parametrize("value", ['["XYZ"]', "5", "{a = 1}", "true", "nan", "1979-05-27"])
@pytest.mark.parametrize(
    "key", ["ticker", "name", "asset_class", "themes", "weight", "label", "funded_by"]
)
def test_wrong_value_types_are_reported_never_raised(key, value):
    text = re.sub(rf"^{key} = .*$", f"{key} = {value}", SMALL, count=1, flags=re.MULTILINE)
    assert text != SMALL
    assert validate_universe_text(text)
    with pytest.raises(UniverseError):
        parse_universe_text(text)


BOUNDED = SMALL.replace("weight = 40.0\n", "weight = 40.0\nmin_weight = 30\nmax_weight = 45.5\n")


def test_asset_bounds_are_optional_percents_that_hold_the_model_weight():
    universe = parse_universe_text(BOUNDED)
    iwm = universe.asset("IWM")
    assert (iwm.min_weight, iwm.max_weight) == (30.0, 45.5) and iwm.bounded
    assert not universe.asset("SPY").bounded
    assert universe.asset_bounds() == {"IWM": (0.30, 0.455)}
    assert parse_universe_text(universe_to_toml(universe)) == universe


@pytest.mark.parametrize(
    ("edit", "replacement", "message"),
    [
        ("min_weight = 30", "min_weight = 50", "IWM: min_weight 50 % is above max_weight 45.5 %"),
        (
            "max_weight = 45.5",
            "max_weight = 35",
            "IWM: the model weight 40 % is outside its bounds",
        ),
        (
            "min_weight = 30",
            'min_weight = "ten"',
            "IWM: min_weight must be a percent from 0 to 100",
        ),
        (
            "max_weight = 45.5",
            "max_weight = 120",
            "IWM: max_weight must be a percent from 0 to 100",
        ),
    ],
)
def test_bad_bounds_name_their_line(edit, replacement, message):
    text = BOUNDED.replace(edit, replacement)
    problem = only_problem(text)
    assert problem.message.startswith(message)
    assert problem.line == line_of(text, replacement)


def test_the_toml_keeps_the_opening_comments_given():
    universe = parse_universe_text(SMALL)
    text = universe_to_toml(universe, header="# My portfolio\n# (edited)\n")
    assert text.startswith("# My portfolio\n# (edited)\n\n[[asset]]\n")
    assert universe_to_toml(universe, header="").startswith("[[asset]]\n")
