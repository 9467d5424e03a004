"""The tilt table: validation messages, theme views from readings, alpha per asset."""

from __future__ import annotations

import errno
import tomllib

import numpy as np
import pandas as pd
import pytest

from desktop import tilts
from desktop.tilts import ThemeRule, TiltTable, TiltTableError, ViewError
from signals import Reading

SIGNALS = {"breakout", "streak", "rsi", "rates", "stretch", "dollar"}
THEMES = {"small_caps", "gold"}

TABLE_TEXT = """\
[themes.small_caps]
scale = 0.04
[themes.small_caps.signals]
breakout = 0.5
streak = 0.3
rsi = 0.2

[themes.gold]
scale = 0.02
[themes.gold.signals]
stretch = 0.6
dollar = -0.4
"""


def write(tmp_path, text):
    path = tmp_path / "tilts.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load(path):
    return tilts.load_tilt_table(path, known_signals=SIGNALS, known_themes=THEMES)


def reading(name, score, stale=False):
    return Reading(
        name, score, f"{name} says {score}", as_of=pd.Timestamp("2026-01-16"), stale=stale
    )


def test_valid_table_loads_weights_and_scales(tmp_path):
    table = load(write(tmp_path, TABLE_TEXT))
    assert table.rule("small_caps").scale == 0.04
    assert dict(table.rule("gold").weights) == {"stretch": 0.6, "dollar": -0.4}


def test_problems_name_their_lines(tmp_path):
    text = TABLE_TEXT.replace("streak = 0.3", "streek = 0.3").replace("rsi = 0.2", 'rsi = "high"')
    text += "\n[themes.bitcoin]\nscale = 0.1\n"
    with pytest.raises(TiltTableError) as info:
        load(write(tmp_path, text))
    message = str(info.value)
    assert "line 5: unknown signal 'streek'" in message
    assert "line 6: weight of rsi in small_caps must be a number" in message
    assert "line 14: unknown theme 'bitcoin'; known: gold, small_caps" in message


def test_out_of_range_scale_is_rejected_with_its_line(tmp_path):
    with pytest.raises(TiltTableError, match="line 2: scale of small_caps must be a number"):
        load(write(tmp_path, TABLE_TEXT.replace("scale = 0.04", "scale = 4")))


def test_broken_toml_reports_the_line(tmp_path):
    with pytest.raises(TiltTableError, match="line 5"):
        load(write(tmp_path, TABLE_TEXT.replace("streak = 0.3", "streak = = 0.3")))


def test_user_copy_is_created_from_the_default(_isolated_home):
    path = tilts.user_tilts_path()
    assert path.parent == _isolated_home
    assert path.read_bytes() == tilts.default_tilts_path().read_bytes()


def test_default_table_covers_the_default_universe_themes():
    data = tomllib.loads(tilts.default_tilts_path().read_text(encoding="utf-8"))
    universe = tomllib.loads((tilts.default_tilts_path().parent / "universe.toml").read_text())
    assert set(data["themes"]) == set(universe["themes"])
    for body in data["themes"].values():
        assert 0 < body["scale"] <= tilts.MAX_SCALE
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


def test_theme_without_rules_has_zero_view_and_default_scale():
    table = TiltTable(rules={})
    assert tilts.signal_views([reading("rsi", 1.0)], table, ["gold"])["gold"].view == 0.0
    assert table.rule("gold").scale == tilts.DEFAULT_SCALE


def test_overrides_are_checked():
    assert tilts.check_overrides({"gold": -1}, THEMES) == {"gold": -1.0}
    with pytest.raises(ViewError, match="Known themes: gold, small_caps"):
        tilts.check_overrides({"bitcoin": 0.5}, THEMES)
    with pytest.raises(ViewError, match="from -1 to 1"):
        tilts.check_overrides({"gold": 1.5}, THEMES)


def test_exposures_split_each_side_equally_and_net_to_zero():
    frame = tilts.exposures(
        ["SPY", "QQQ", "IWM", "GLD", "IEF"],
        buys={"small_caps": ["IWM"], "gold": ["GLD"]},
        funded_by={"small_caps": ["SPY", "QQQ"], "gold": ["IEF", "BIL"]},
    )
    assert frame.loc["small_caps"].tolist() == [-0.5, -0.5, 1.0, 0.0, 0.0]
    # BIL is not held here, so IEF alone funds gold.
    assert frame.loc["gold"].tolist() == [0.0, 0.0, 0.0, 1.0, -1.0]
    assert np.allclose(frame.sum(axis=1), 0.0)


def test_alpha_is_view_times_scale_times_exposure():
    table = TiltTable(rules={"small_caps": ThemeRule("small_caps", 0.04)})
    frame = tilts.exposures(["SPY", "IWM"], {"small_caps": ["IWM"]}, {"small_caps": ["SPY"]})
    alphas = tilts.theme_alphas({"small_caps": 0.5}, table, frame)
    assert alphas.loc["small_caps"].tolist() == pytest.approx([-0.02, 0.02])
    assert tilts.theme_alphas({}, table, frame).to_numpy().tolist() == [[0.0, 0.0]]


def test_a_user_copy_that_cannot_be_written_is_explained(monkeypatch, _isolated_home):
    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tilts.shutil, "copyfile", full)
    with pytest.raises(TiltTableError, match="Could not create your tilt table"):
        tilts.user_tilts_path()
    assert list(_isolated_home.iterdir()) == []
