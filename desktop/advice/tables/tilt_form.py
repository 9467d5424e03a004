"""The tilt table as a form: each theme's IC and its signals with weights, and back to the
file's text with the user's comments kept (pure).

    form = form_from_text(text)            # TiltForm: the file's values, themes in file order
    text = patch_text(text, form)          # the same file with the form's values written in

`patch_text` changes only what the form changed: a value line keeps its comment, a removed
signal's line goes, a new signal goes at the end of its theme's [themes.X.signals] section (a
new section is added when the theme has none), an IC is added under its theme's header; a theme
the file omits is written only once it has signals or an IC other than DEFAULT_IC. So the
file stays the format the app reads (`desktop.advice.tables.tilts.parse_tilt_table` validates it)
and
keeps the reasoning written beside each weight. A form may hold values the table refuses (an
IC above MAX_IC): validating the patched text says so, as the user types.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from desktop.advice.tables.tilts import DEFAULT_IC
from desktop.advice.tables.toml_text import load_toml

_HEADER = re.compile(r"^\s*\[\s*themes\s*\.\s*([A-Za-z0-9_-]+)\s*(\.\s*signals\s*)?\]\s*(#.*)?$")
_VALUE = re.compile(r"""^(\s*["']?([A-Za-z0-9_-]+)["']?\s*=\s*)([^#\n]*?)(\s*#.*)?$""")


@dataclass(frozen=True, slots=True)
class ThemeForm:
    """One theme: ic (the information coefficient prior) and (signal, weight) pairs in order."""

    theme: str
    ic: float = DEFAULT_IC
    signals: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class TiltForm:
    """Every theme's form, in the file's order (themes the file omits: appended)."""

    themes: tuple[ThemeForm, ...] = ()

    def theme(self, name: str) -> ThemeForm:
        return next((t for t in self.themes if t.theme == name), ThemeForm(name))

    def with_theme(self, changed: ThemeForm) -> TiltForm:
        """This form with `changed` in its theme's place (appended when new)."""
        names = [t.theme for t in self.themes]
        if changed.theme not in names:
            return TiltForm((*self.themes, changed))
        return TiltForm(tuple(changed if t.theme == changed.theme else t for t in self.themes))

    def covering(self, themes: tuple[str, ...]) -> TiltForm:
        """With an empty form for each of `themes` the table omits (they get DEFAULT_IC)."""
        form = self
        for name in themes:
            if name not in [t.theme for t in form.themes]:
                form = form.with_theme(ThemeForm(name))
        return form


def form_from_text(text: str) -> TiltForm:
    """The values of a tilt table's text; TomlTextError when it does not parse. Values of the
    wrong type are read as DEFAULT_IC or left out (validation names them)."""
    themes = load_toml(text).get("themes", {})
    forms = []
    for name, body in themes.items() if isinstance(themes, dict) else ():
        if not isinstance(body, dict):
            continue
        ic = body.get("ic", DEFAULT_IC)
        raw = body.get("signals", {})
        pairs = tuple(
            (signal, float(w))
            for signal, w in (raw.items() if isinstance(raw, dict) else ())
            if _number(w)
        )
        forms.append(ThemeForm(name, float(ic) if _number(ic) else DEFAULT_IC, pairs))
    return TiltForm(tuple(forms))


def patch_text(text: str, form: TiltForm) -> str:
    """`text` with `form`'s values (see the module docstring)."""
    wanted = {t.theme: t for t in form.themes}
    written: dict[str, set[str]] = {t: set() for t in wanted}
    has_ic: set[str] = set()
    out: list[str] = []
    last_line: dict[tuple[str, bool], int] = {}  # (theme, signals?) -> index in out of its end
    theme, in_signals = "", False
    for line in text.splitlines():
        if header := _HEADER.match(line):
            theme, in_signals = header.group(1), bool(header.group(2))
            out.append(line)
            last_line[(theme, in_signals)] = len(out) - 1
            continue
        value = _VALUE.match(line)
        if value and theme in wanted:
            line = _patched(line, value, wanted[theme], in_signals, written[theme], has_ic)
            if line is None:
                continue
        out.append(line)
        if value or (theme, in_signals) not in last_line:
            last_line[(theme, in_signals)] = len(out) - 1
    return _with_additions(out, wanted, written, has_ic, last_line)


def _patched(line, value, theme: ThemeForm, in_signals: bool, written: set, has_ic: set):
    """The line with the form's value, or None when the form dropped its signal."""
    key, old = value.group(2), value.group(3)
    if in_signals:
        weights = dict(theme.signals)
        if key not in weights:
            return None
        written.add(key)
        new = weights[key]
    elif key == "ic":
        has_ic.add(theme.theme)
        new = theme.ic
    else:
        return line
    if _number_text(old) == new:
        return line
    return f"{value.group(1)}{_format(new)}{value.group(4) or ''}"


def _with_additions(out, wanted, written, has_ic, last_line) -> str:
    """Insert what the text lacks: ICs under their headers, new signals at their section's
    end, whole sections at the end; inserting from the bottom keeps the indices right."""
    inserts: list[tuple[int, list[str]]] = []
    tail: list[str] = []
    for name, theme in wanted.items():
        new = [f"{s} = {_format(w)}" for s, w in theme.signals if s not in written[name]]
        untouched = not theme.signals and theme.ic == DEFAULT_IC  # as if the table omitted it
        if (name, False) not in last_line and (name, True) not in last_line and untouched:
            continue
        if (name, False) not in last_line:
            tail += ["", f"[themes.{name}]", f"ic = {_format(theme.ic)}"]
        elif name not in has_ic:
            header = min(i for (t, s), i in last_line.items() if t == name and not s)
            inserts.append((_header_index(out, name, header), [f"ic = {_format(theme.ic)}"]))
        if new and (name, True) in last_line:
            inserts.append((last_line[(name, True)] + 1, new))
        elif new:
            tail += ["", f"[themes.{name}.signals]", *new]
    for index, lines in sorted(inserts, key=lambda pair: pair[0], reverse=True):
        out[index:index] = lines
    return "\n".join(out + tail) + "\n"


def _header_index(out: list[str], theme: str, fallback: int) -> int:
    for i, line in enumerate(out):
        match = _HEADER.match(line)
        if match and match.group(1) == theme and not match.group(2):
            return i + 1
    return fallback + 1


def _format(value: float) -> str:
    text = f"{value:.4f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _number_text(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
