"""The tilt table: validation messages, the user's copy, theme views from readings."""

from __future__ import annotations

import errno
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from desktop.advice.tables import tilts
from desktop.advice.tables.tilts import TiltTable, TiltTableError, ViewError
from desktop.data import user_files
from desktop.data.exports import atomic_file
from signals import Reading

# The default table users were given before alpha followed volatility (a flat `scale`).
OLD_DEFAULT = Path(__file__).parents[2] / "fixtures" / "tilts" / "default_flat_scale.toml"
SIGNALS = {"breakout", "streak", "rsi", "rates", "stretch", "dollar"}
THEMES = {"small_caps", "gold"}

TABLE_TEXT = """\
[themes.small_caps]
ic = 0.10
[themes.small_caps.signals]
breakout = 0.5
streak = 0.3
rsi = 0.2

[themes.gold]
ic = 0.05
[themes.gold.signals]
stretch = 0.6
dollar = -0.4
"""


def write(tmp_path, text):
    path = tmp_path / "tilts.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load(path):
    return user_files.load_tilt_table(path, known_signals=SIGNALS, known_themes=THEMES)


def reading(name, score, stale=False):
    return Reading(
        name, score, f"{name} says {score}", as_of=pd.Timestamp("2026-01-16"), stale=stale
    )


def test_valid_table_loads_weights_and_ics(tmp_path):
    table = load(write(tmp_path, TABLE_TEXT))
    assert table.rule("small_caps").ic == 0.10
    assert dict(table.rule("gold").weights) == {"stretch": 0.6, "dollar": -0.4}


def test_problems_name_their_lines(tmp_path):
    text = TABLE_TEXT.replace("streak = 0.3", "streek = 0.3").replace("rsi = 0.2", 'rsi = "high"')
    text += "\n[themes.bitcoin]\nic = 0.1\n"
    with pytest.raises(TiltTableError) as info:
        load(write(tmp_path, text))
    message = str(info.value)
    assert "line 5: unknown signal 'streek'" in message
    assert "line 6: weight of rsi in small_caps must be a number" in message
    assert "line 14: unknown theme 'bitcoin'; known: gold, small_caps" in message


def test_a_renamed_signal_keeps_working_under_its_new_name(tmp_path):
    """energy_breadth became energy_breakout (it reads one fund's breakout, not breadth)."""
    text = "[themes.cyclicals]\n[themes.cyclicals.signals]\nenergy_breadth = 0.15\n"
    table = user_files.load_tilt_table(
        write(tmp_path, text), known_signals={"energy_breakout"}, known_themes={"cyclicals"}
    )
    assert dict(table.rule("cyclicals").weights) == {"energy_breakout": 0.15}


def test_out_of_range_ic_is_rejected_with_its_line(tmp_path):
    with pytest.raises(TiltTableError, match="line 2: ic of small_caps must be a number"):
        load(write(tmp_path, TABLE_TEXT.replace("ic = 0.10", "ic = 4")))


def test_a_flat_alpha_scale_from_an_older_table_says_what_replaces_it(tmp_path):
    with pytest.raises(TiltTableError) as info:
        load(write(tmp_path, TABLE_TEXT.replace("ic = 0.10", "scale = 0.04")))
    assert "line 2: 'scale' is no longer read" in str(info.value)
    assert "e.g. ic = 0.08" in str(info.value)


def test_broken_toml_reports_the_line(tmp_path):
    with pytest.raises(TiltTableError, match="line 5"):
        load(write(tmp_path, TABLE_TEXT.replace("streak = 0.3", "streak = = 0.3")))


def test_user_copy_is_created_from_the_default(_isolated_home):
    path = user_files.user_tilts_path()
    assert path.parent == _isolated_home
    assert path.read_bytes() == user_files.default_tilts_path().read_bytes()


def test_default_table_covers_the_default_universe_themes():
    data = tomllib.loads(user_files.default_tilts_path().read_text(encoding="utf-8"))
    universe = tomllib.loads((user_files.default_tilts_path().parent / "universe.toml").read_text())
    assert set(data["themes"]) == set(universe["themes"])
    for body in data["themes"].values():
        assert 0 < body["ic"] <= tilts.MAX_IC
        assert body["signals"]


def test_view_is_weighted_mean_of_scores(tmp_path):
    table = load(write(tmp_path, TABLE_TEXT))
    readings = [reading("breakout", 1.0), reading("streak", 0.5), reading("rsi", -0.5)]
    view = tilts.signal_views(readings, table, ["small_caps"])["small_caps"]
    assert view.view == pytest.approx(0.5 * 1.0 + 0.3 * 0.5 + 0.2 * -0.5)
    assert view.stale == ()


def test_negative_weight_flips_the_signal(tmp_path):
    table = load(write(tmp_path, TABLE_TEXT))
    view = tilts.signal_views([reading("stretch", 0.0), reading("dollar", 1.0)], table, ["gold"])
    assert view["gold"].view == pytest.approx(-0.4)


def test_stale_and_missing_readings_count_as_zero_and_are_listed(tmp_path):
    table = load(write(tmp_path, TABLE_TEXT))
    readings = [reading("breakout", 0.0, stale=True), reading("rsi", 1.0)]
    view = tilts.signal_views(readings, table, ["small_caps"])["small_caps"]
    assert view.view == pytest.approx(0.2)
    assert set(view.stale) == {"breakout", "streak"}


def test_theme_without_rules_has_zero_view_and_default_ic():
    table = TiltTable(rules={})
    assert tilts.signal_views([reading("rsi", 1.0)], table, ["gold"])["gold"].view == 0.0
    assert table.rule("gold").ic == tilts.DEFAULT_IC


def test_overrides_are_checked():
    assert tilts.check_overrides({"gold": -1}, THEMES) == {"gold": -1.0}
    with pytest.raises(ViewError, match="Known themes: gold, small_caps"):
        tilts.check_overrides({"bitcoin": 0.5}, THEMES)
    with pytest.raises(ViewError, match="from -1 to 1"):
        tilts.check_overrides({"gold": 1.5}, THEMES)


def test_a_user_copy_that_cannot_be_written_is_explained(monkeypatch, _isolated_home):
    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", full)
    with pytest.raises(TiltTableError, match="Could not create your tilt table"):
        user_files.user_tilts_path()
    assert list(_isolated_home.iterdir()) == []


def test_an_untouched_copy_of_an_older_default_is_upgraded(_isolated_home):
    old = OLD_DEFAULT.read_bytes()
    path = _isolated_home / user_files.TILTS_FILENAME
    _isolated_home.mkdir(parents=True, exist_ok=True)
    path.write_bytes(old)
    assert user_files.user_tilts_path().read_bytes() == user_files.default_tilts_path().read_bytes()


def test_an_edited_copy_is_never_replaced(_isolated_home):
    edited = OLD_DEFAULT.read_bytes() + b"\n# my note\n"
    path = _isolated_home / user_files.TILTS_FILENAME
    _isolated_home.mkdir(parents=True, exist_ok=True)
    path.write_bytes(edited)
    assert user_files.user_tilts_path().read_bytes() == edited
