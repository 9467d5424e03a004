"""The universe as a table: rows of cells from the TOML text and back, problems on their cells."""

import pytest

from desktop.advice.tables.universe import (
    parse_universe_text,
    universe_to_toml,
    validate_universe_text,
)
from desktop.advice.tables.universe_table import (
    COLUMNS,
    DraftError,
    cell_problems,
    draft_from_text,
    draft_to_text,
)
from desktop.data.user_files import bundled_universe_path

DEFAULT_TEXT = bundled_universe_path().read_text(encoding="utf-8")
SMALL = """# My portfolio

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
max_weight = 45

[[signal]]
ticker = "^TNX"
name = "10-year yield"

[themes.small_caps]
label = "Small caps"
funded_by = ["SPY"]
"""
WEIGHT, MAX = COLUMNS.index("weight"), COLUMNS.index("max_weight")


def test_the_default_universe_round_trips_through_the_table_unchanged():
    draft = draft_from_text(DEFAULT_TEXT)
    text, _ = draft_to_text(draft)
    universe = parse_universe_text(DEFAULT_TEXT)
    assert parse_universe_text(text) == universe
    assert text == universe_to_toml(universe, header=draft.header)  # the file's layout
    assert draft.header.startswith("# Rotation Advisor")


def test_rows_hold_each_asset_as_typed():
    draft = draft_from_text(SMALL)
    assert draft.rows == (
        ("SPY", "S&P 500", "us_equity", "60", "", "", ""),
        ("IWM", "Russell 2000", "us_equity", "40", "", "45", "small_caps"),
    )
    assert draft.total_weight() == 100.0 and draft.header == "# My portfolio\n"


def test_an_edited_cell_becomes_toml_and_its_problem_lands_on_it():
    draft = draft_from_text(SMALL).with_cell(1, WEIGHT, "abc")
    text, cells = draft_to_text(draft)
    assert 'weight = "abc"' in text  # kept as typed, so the check can name it
    problems = validate_universe_text(text)
    on_cells = cell_problems(problems, cells)
    assert list(on_cells) == [(1, WEIGHT)]
    assert on_cells[(1, WEIGHT)][0].startswith("IWM: weight must be a number")


def test_bounds_and_themes_cells_are_written_as_numbers_and_lists():
    draft = draft_from_text(SMALL).with_cell(0, MAX, "70").with_cell(0, 6, " small_caps , x ")
    text, _ = draft_to_text(draft)
    assert "max_weight = 70.0" in text and 'themes = ["small_caps", "x"]' in text
    assert draft_from_text(text).with_cell(0, MAX, "").rows[0][MAX] == ""
    assert "max_weight" not in draft_to_text(draft.with_cell(0, MAX, "  "))[0].split("[[asset]]")[1]


def test_rows_can_be_added_and_removed_and_say_what_is_missing():
    draft = draft_from_text(SMALL).with_new_row()
    text, cells = draft_to_text(draft)
    on_cells = cell_problems(validate_universe_text(text), cells)
    assert (2, COLUMNS.index("ticker")) in on_cells and (2, COLUMNS.index("name")) in on_cells
    assert draft.without_rows({2}) == draft_from_text(SMALL)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[[asset]\nticker = 1", "line 1"),
        ("[extra]\nx = 1\n" + SMALL, "'extra'"),
        (SMALL.replace("max_weight = 45", "wieght = 3"), "'wieght'"),
    ],
)
def test_text_the_table_cannot_show_says_what_to_fix(text, words):
    with pytest.raises(DraftError, match="Text view") as raised:
        draft_from_text(text)
    assert words in str(raised.value)
