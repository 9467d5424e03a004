"""The user's editable copies of the universe and the tilt table, in the data folder.

Each is copied from the bundled default on first use (an existing copy is never overwritten,
except a tilt table identical to an earlier default, which was never edited), read here and
validated by the pure parsers in `desktop.advice.tables.universe` and
`desktop.advice.tables.tilts`. Errors
are those parsers' typed errors (`UniverseError`, `TiltTableError`), naming the line to fix.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from pathlib import Path

from desktop.advice.tables.tilts import TiltTable, TiltTableError, parse_tilt_table
from desktop.advice.tables.toml_text import MAX_TOML_CHARS
from desktop.advice.tables.universe import (
    Universe,
    UniverseError,
    parse_universe_text,
    universe_to_toml,
    validate_universe_text,
)
from desktop.advice.tables.universe_check import Problem
from desktop.data import paths
from desktop.data.exports.atomic_file import write_atomically
from desktop.data.exports.regular_file import require_regular_file

UNIVERSE_FILENAME = "universe.toml"
_MAX_FILE_BYTES = 4 * MAX_TOML_CHARS
TILTS_FILENAME = "tilts.toml"
_RETIRED_DEFAULTS = frozenset(
    {
        # SHA-256 of earlier default tables, which set a flat alpha `scale` per theme.
        "8b093ce03f5bc5aef44e0cb990438c2a732e46168b2d19bf36a973fe2b953576",
        "20b65a74150d744db41897d66cf23cb228079531a8f6933df0df875f6faffc33",
    }
)


def bundled_universe_path() -> Path:
    return paths.resources_dir() / UNIVERSE_FILENAME


def user_universe_path() -> Path:
    return paths.data_dir() / UNIVERSE_FILENAME


def load_universe(path: Path | str | None = None) -> Universe:
    """Read and validate a universe file; raise `UniverseError` naming the bad line.

    Without `path`, read the user's copy in the data folder, first copying the bundled default
    there if the user has none (an existing copy is never overwritten, even an invalid one).
    """
    if path is None:
        path = user_universe_path()
        if not path.exists():
            _first_copy(path)
    path = Path(path)
    action = f"Fix {path} and reload (or delete it to start again from the default universe)."
    try:
        text = _read_text(path)
    except FileNotFoundError:
        raise UniverseError(path, [Problem(None, "file not found")], action) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UniverseError(path, [Problem(None, f"cannot read it ({exc})")], action) from None
    return parse_universe_text(text, source=path, action=action)


def _first_copy(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, bundled_universe_path().read_bytes())
    except OSError as exc:
        problem = Problem(None, f"could not create it from the default: {exc.strerror or exc}")
        action = "Free some space or fix the folder's permissions, then try again."
        raise UniverseError(path, [problem], action) from exc


def _read_text(path: Path) -> str:
    """A user file's text; ValueError for one far larger than a universe or tilt table (it is
    not read into memory), UnicodeDecodeError for one that is not UTF-8."""
    require_regular_file(path)
    if path.stat().st_size > _MAX_FILE_BYTES:
        raise ValueError(f"it is larger than {_MAX_FILE_BYTES // 1024} kB: not a TOML user file")
    return path.read_text(encoding="utf-8")


def save_universe(universe_or_text: Universe | str, path: Path | str) -> Path:
    """Write a universe atomically (temp file then rename); refuse invalid content.

    Raises `UniverseError` and leaves any existing file untouched when the content is invalid.
    """
    path = Path(path)
    if isinstance(universe_or_text, Universe):
        text = universe_to_toml(universe_or_text)
    else:
        text = universe_or_text
    problems = validate_universe_text(text)
    if problems:
        raise UniverseError(path, problems, f"Nothing was saved; {path} is unchanged.")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text)
    return path


def default_tilts_path() -> Path:
    return paths.resources_dir() / TILTS_FILENAME


def user_tilts_path() -> Path:
    """The user's editable table in the data folder, copied from the default on first use.

    A copy identical to an earlier default was never edited, so it is replaced by the current
    default (as package managers upgrade untouched config files). Raises TiltTableError when
    the copy cannot be written.
    """
    path = paths.data_dir() / TILTS_FILENAME
    if not path.exists() or _is_retired_default(path):
        # Atomic, with a temporary file of its own: the window's and the engine's processes may
        # both make the first copy at once (a shared ".partial" name let one read a torn file).
        try:
            write_atomically(path, default_tilts_path().read_bytes())
        except OSError as exc:
            raise TiltTableError(
                f"Could not create your tilt table {path} from the default: {exc.strerror}. "
                "Free some space or fix the folder's permissions."
            ) from exc
    return path


def _is_retired_default(path: Path) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() in _RETIRED_DEFAULTS
    except OSError:
        return False  # unreadable: load_tilt_table says so


def load_tilt_table(
    path: Path | None = None,
    *,
    known_signals: Collection[str],
    known_themes: Collection[str],
) -> TiltTable:
    """Read and validate a tilt table (default: the user's copy); raise TiltTableError."""
    path = user_tilts_path() if path is None else Path(path)
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise TiltTableError(f"Could not read the tilt table {path}: {exc}") from exc
    return parse_tilt_table(
        text, source=path, known_signals=known_signals, known_themes=known_themes
    )


def save_tilt_table(
    text: str,
    path: Path | str,
    *,
    known_signals: Collection[str],
    known_themes: Collection[str],
) -> Path:
    """Write a tilt table's text atomically (temp file then rename); refuse an invalid one.

    Raises `TiltTableError` and leaves any existing file untouched when the text is invalid.
    """
    path = Path(path)
    parse_tilt_table(text, source=path, known_signals=known_signals, known_themes=known_themes)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text)
    return path
