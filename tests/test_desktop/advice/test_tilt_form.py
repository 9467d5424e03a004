"""The tilt table as a form and back: values patched in, comments kept, the format unchanged."""

from dataclasses import replace

from desktop.advice.tables.tilt_form import ThemeForm, form_from_text, patch_text
from desktop.advice.tables.tilts import parse_tilt_table
from desktop.data.user_files import default_tilts_path, load_universe
from signals import REGISTRY


def _default() -> str:
    return default_tilts_path().read_text(encoding="utf-8")


def test_an_unchanged_form_writes_the_file_back_byte_for_byte():
    text = _default()
    assert patch_text(text, form_from_text(text)) == text


def test_changes_come_back_from_the_written_text_and_it_still_validates():
    text = _default()
    form = form_from_text(text)
    theme = form.themes[0]
    changed = replace(theme, ic=0.12, signals=(*theme.signals[1:], ("breadth", 0.25)))
    form = form.with_theme(changed).covering(("unlisted",))
    written = patch_text(text, form)
    assert form_from_text(written).theme(theme.theme) == changed
    assert "[themes.unlisted]" not in written  # an untouched omitted theme stays omitted
    themes = [t.name for t in load_universe().themes]
    parse_tilt_table(written, known_signals=[s.name for s in REGISTRY], known_themes=themes)


def test_comments_stay_beside_the_values_they_explain():
    text = "[themes.gold]\nic = 0.06  # modest\n\n[themes.gold.signals]\n# why\nrates = -0.3\n"
    form = form_from_text(text).with_theme(ThemeForm("gold", 0.08, (("rates", -0.5),)))
    assert patch_text(text, form) == (
        "[themes.gold]\nic = 0.08  # modest\n\n[themes.gold.signals]\n# why\nrates = -0.5\n"
    )


def test_a_theme_with_no_ic_line_gets_one_under_its_header():
    text = "[themes.gold.signals]\nrates = 1.0\n\n[themes.gold]\n# gold\n"
    form = form_from_text(text).with_theme(ThemeForm("gold", 0.07, (("rates", 1.0),)))
    assert form_from_text(patch_text(text, form)).theme("gold").ic == 0.07


def test_saving_an_invalid_table_leaves_the_file_untouched(tmp_path):
    import pytest

    from desktop.advice.tables.tilts import TiltTableError
    from desktop.data.user_files import save_tilt_table

    path = tmp_path / "tilts.toml"
    path.write_text("[themes.gold]\nic = 0.06\n", encoding="utf-8")
    known = {"known_signals": ["rates"], "known_themes": ["gold"]}
    with pytest.raises(TiltTableError, match="ic of gold"):
        save_tilt_table("[themes.gold]\nic = 0.9\n", path, **known)
    assert path.read_text(encoding="utf-8") == "[themes.gold]\nic = 0.06\n"
    save_tilt_table("[themes.gold]\nic = 0.1\n", path, **known)
    assert path.read_text(encoding="utf-8") == "[themes.gold]\nic = 0.1\n"
