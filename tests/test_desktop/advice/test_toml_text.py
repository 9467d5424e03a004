"""Both TOML loaders refuse deep nesting and huge files with a message, and every problem names
its line (issue 12: a value nested ~500 levels deep crashed both with RecursionError; the tilt
table's "unknown section" error named no line)."""

from __future__ import annotations

import errno
import re

import pytest

from desktop.advice.advisor import default_registry
from desktop.advice.tables.tilts import TiltTableError, parse_tilt_table
from desktop.advice.tables.toml_text import MAX_NESTING, TomlTextError, load_toml
from desktop.advice.tables.universe import UniverseError, parse_universe_text
from desktop.data import user_files
from desktop.data.user_files import bundled_universe_path, default_tilts_path

UNIVERSE = bundled_universe_path().read_text(encoding="utf-8")
TILTS = default_tilts_path().read_text(encoding="utf-8")
DEEP = {
    "array": "x = " + "[" * 500 + "]" * 500,
    "inline table": "x = " + "{a = " * 500 + "1" + "}" * 500,
}


def parse_tilts(text: str):
    signals = [spec.name for spec in default_registry()]
    themes = parse_universe_text(UNIVERSE).theme_names
    return parse_tilt_table(text, source="t.toml", known_signals=signals, known_themes=themes)


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deep_nesting_is_refused_with_its_line_by_both_loaders(kind):
    text = UNIVERSE + "\n" + DEEP[kind] + "\n"
    line = text.count("\n")
    with pytest.raises(UniverseError) as universe:
        parse_universe_text(text)
    assert universe.value.problems[0].line == line
    assert f"nested more than {MAX_NESTING} levels" in str(universe.value)
    with pytest.raises(TiltTableError, match=rf"line {TILTS.count(chr(10)) + 2}: values nested"):
        parse_tilts(TILTS + "\n" + DEEP[kind] + "\n")


def test_brackets_inside_strings_and_comments_are_not_nesting():
    text = 'a = "' + "[" * 40 + '"\n# ' + "{" * 40 + "\nb = [[1], [2]]\n"
    assert load_toml(text) == {"a": "[" * 40, "b": [[1], [2]]}


def test_a_huge_text_is_refused_without_parsing_it():
    with pytest.raises(TomlTextError, match="longer than 256 kB"):
        load_toml("# pad\n" * 100_000)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "universe.toml"
    path.write_bytes(b"#" * (5 * 1024 * 1024))
    with pytest.raises(UniverseError, match="larger than 1024 kB"):
        user_files.load_universe(path)


def test_an_unknown_tilt_section_names_its_line():
    text = TILTS + "\n[[asset]]\nticker = 'SPY'\n"
    with pytest.raises(TiltTableError) as caught:
        parse_tilts(text)
    line = text.count("\n") - 1
    assert f"line {line}: unknown section 'asset'" in str(caught.value)


def test_every_universe_problem_has_a_line():
    text = UNIVERSE.replace("weight = 5.0", "weight = 1.0", 1)
    with pytest.raises(UniverseError) as caught:
        parse_universe_text(text)
    assert all(p.line for p in caught.value.problems)
    assert re.search(r"line \d+: the model weights sum to", str(caught.value))


def test_a_full_disk_on_the_first_copy_of_the_universe_is_a_message(monkeypatch):
    def full(path, data, **_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(user_files, "write_atomically", full)
    with pytest.raises(UniverseError, match="could not create it from the default: No space"):
        user_files.load_universe()
