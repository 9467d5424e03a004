"""Fuzzing both TOML loaders (universe, tilt table): any text is read or refused with typed
errors, every problem names its line, and nothing crashes (deep nesting, huge files)."""

from __future__ import annotations

import re

from hypothesis import given

from desktop.advice.advisor import default_registry
from desktop.advice.tables.tilts import TiltTableError, parse_tilt_table
from desktop.advice.tables.universe import UniverseError, parse_universe_text
from desktop.data.user_files import bundled_universe_path, default_tilts_path
from tests.test_desktop.fuzz.budget import budget, count
from tests.test_desktop.fuzz.mutations import toml_texts

UNIVERSE = bundled_universe_path().read_text(encoding="utf-8")
TILTS = default_tilts_path().read_text(encoding="utf-8")
SIGNALS = [spec.name for spec in default_registry()]
THEMES = list(parse_universe_text(UNIVERSE).theme_names)


@budget(suite=60, fuzz=1000)
@given(toml_texts(UNIVERSE))
def test_any_universe_text_is_read_or_refused_naming_each_line(mutated):
    text, _ = mutated
    try:
        parse_universe_text(text)
    except UniverseError as exc:
        assert exc.problems
        assert all(p.line is not None for p in exc.problems), exc.problems
        count("universe TOML texts", "refused, every problem with its line")
    else:
        count("universe TOML texts", "read")


@budget(suite=60, fuzz=1000)
@given(toml_texts(TILTS))
def test_any_tilt_table_text_is_read_or_refused_naming_each_line(mutated):
    text, _ = mutated
    try:
        parse_tilt_table(text, source="tilts.toml", known_signals=SIGNALS, known_themes=THEMES)
    except TiltTableError as exc:
        lines = str(exc).splitlines()
        problems = lines[1:-1] if len(lines) > 1 else lines
        assert all(re.search(r"line \d+", p) for p in problems), str(exc)
        count("tilt-table TOML texts", "refused, every problem with its line")
    else:
        count("tilt-table TOML texts", "read")
