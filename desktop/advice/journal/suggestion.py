"""A suggestion as the history keeps it, taken from the window's state, and the diff of two.

Plain values only (no Qt, no database): `desktop.data.history` stores them, the History tab shows
them. Units follow `desktop.advice.state`: weights in percent, active weights in percentage points,
views and scores in [-1, 1]; settings are the knobs under their `Knobs` field names, plus one
key per asset-class limit, "class_min_pct:bonds" and "class_max_pct:bonds" (percent), so every
setting is one number that the diff, the CSV export and the database store alike.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from desktop.advice.knobs import Knobs
from desktop.advice.state import AppState, class_label

if TYPE_CHECKING:
    from desktop.advice.advisor import Advice
    from desktop.advice.allocation_table import AllocationTable

SETTING_NAMES = (
    "risk_aversion", "te_cap_pct", "turnover_penalty", "portfolio_value", "max_active_pct",
)  # fmt: skip
SETTING_LABELS = {
    "risk_aversion": "Risk aversion",
    "te_cap_pct": "Tracking-error cap (%)",
    "turnover_penalty": "Turnover penalty",
    "portfolio_value": "Portfolio value (USD)",
    "max_active_pct": "Max active per asset (pts)",
}
CLASS_LIMITS = {"class_min_pct:": ("min", 0), "class_max_pct:": ("max", 1)}  # prefix: word, end


@dataclass(frozen=True, slots=True)
class SavedReading:
    """A signal's reading when the suggestion was saved; score in [-1, 1]."""

    name: str
    score: float
    sentence: str
    stale: bool


@dataclass(frozen=True, slots=True)
class SavedWeight:
    """A held asset's weights: model and suggested in percent, active = suggested - model (pts)."""

    ticker: str
    model_pct: float
    suggested_pct: float
    active_pts: float


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What was advised and from what.

    as_of: YYYY-MM-DD, the last date of the data used. source: the data source label.
    settings: setting key -> value (see the module docstring).
    signal_views: theme -> the signals' view.
    overrides: theme -> the user's view where they set one (it replaced the signals' view).
    """

    as_of: str
    source: str
    settings: Mapping[str, float]
    signal_views: Mapping[str, float]
    overrides: Mapping[str, float]
    readings: tuple[SavedReading, ...] = ()
    weights: tuple[SavedWeight, ...] = ()

    def __post_init__(self) -> None:
        for name in ("settings", "signal_views", "overrides"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def view(self, theme: str) -> float:
        """The view the optimiser used: the override if there was one, else the signals'."""
        return self.overrides.get(theme, self.signal_views.get(theme, 0.0))


@dataclass(frozen=True, slots=True)
class SavedSuggestion:
    """A stored suggestion: its id, when it was saved (ISO 8601 UTC), the user's note."""

    id: int
    saved_at: str
    note: str
    suggestion: Suggestion


def settings_from_knobs(knobs: Knobs) -> dict[str, float]:
    """Every knob as one number each (see the module docstring), overrides aside."""
    settings = {name: float(getattr(knobs, name)) for name in SETTING_NAMES}
    for asset_class, bounds in knobs.class_bounds.items():
        for prefix, (_, end) in CLASS_LIMITS.items():
            settings[prefix + asset_class] = bounds[end]
    return settings


def knobs_from_settings(settings: Mapping[str, float], overrides: Mapping[str, float]) -> Knobs:
    """The knobs `settings_from_knobs` saved, with `overrides`; a knob missing from an older
    suggestion keeps its default, and unknown keys are ignored."""
    values = {k: float(v) for k, v in settings.items() if k in SETTING_NAMES}
    bounds: dict[str, list[float]] = {}
    for key, value in settings.items():
        for prefix, (_, end) in CLASS_LIMITS.items():
            if key.startswith(prefix):
                bounds.setdefault(key.removeprefix(prefix), [0.0, 100.0])[end] = float(value)
    limits = {name: (lo, hi) for name, (lo, hi) in bounds.items()}
    return Knobs(**values, overrides=dict(overrides), class_bounds=limits)


def setting_label(key: str) -> str:
    """A settings key as the History tab shows it: "class_min_pct:bonds" -> "Bonds min (%)"."""
    for prefix, (word, _) in CLASS_LIMITS.items():
        if key.startswith(prefix):
            return f"{class_label(key.removeprefix(prefix))} {word} (%)"
    return SETTING_LABELS.get(key, key)


def suggestion_from_state(state: AppState) -> Suggestion:
    """The suggestion on screen; raises ValueError when there is no allocation to save yet."""
    if state.allocation is None:
        raise ValueError("There is no allocation to save yet; wait until one is shown.")
    knobs = state.knobs
    return Suggestion(
        as_of=state.allocation.as_of,
        source=state.data_label,
        settings=settings_from_knobs(knobs),
        signal_views={t.name: t.signal_view for t in state.themes},
        overrides=dict(knobs.overrides),
        readings=tuple(SavedReading(c.name, c.score, c.sentence, c.stale) for c in state.cards),
        weights=tuple(
            SavedWeight(r.ticker, r.model_pct, r.suggested_pct, r.active_pts)
            for r in state.allocation.rows
        ),
    )


def suggestion_from_advice(
    advice: Advice, table: AllocationTable, knobs: Knobs, source: str
) -> Suggestion:
    """The suggestion a command saves from the pipeline's answer, as `suggestion_from_state`
    takes it from the window: `table` is the answer's allocation table (percent), `source` the
    data source label."""
    snap = advice.snapshot
    return Suggestion(
        as_of=f"{snap.as_of:%Y-%m-%d}",
        source=source,
        settings=settings_from_knobs(knobs),
        signal_views={theme: view.view for theme, view in snap.signal_views.items()},
        overrides={theme: advice.views[theme] for theme in advice.overridden},
        readings=tuple(
            SavedReading(r.name, r.score, r.explanation, r.stale) for r in snap.readings
        ),
        weights=tuple(
            SavedWeight(r.ticker, r.model_weight, r.suggested_weight, r.active_weight)
            for r in table.rows
        ),
    )


@dataclass(frozen=True, slots=True)
class Change:
    """One compared item: `before` from the first suggestion, `after` from the second.

    None means the item is absent from that suggestion (a ticker not held, a theme not defined).
    """

    key: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def changed(self) -> bool:
        if self.before is None or self.after is None:
            return self.before is not self.after
        return not math.isclose(self.before, self.after, rel_tol=0.0, abs_tol=1e-9)


@dataclass(frozen=True, slots=True)
class SuggestionDiff:
    """Side by side: every ticker, setting, theme and signal in either suggestion, in order.

    suggested: per ticker, suggested weight (%). active: per ticker, active weight (pts).
    views: per theme, the view used. overrides: per theme, the user's override (None = none).
    readings: per signal, the score.
    """

    suggested: tuple[Change, ...] = ()
    active: tuple[Change, ...] = ()
    settings: tuple[Change, ...] = ()
    views: tuple[Change, ...] = ()
    overrides: tuple[Change, ...] = ()
    readings: tuple[Change, ...] = ()


def diff(a: Suggestion, b: Suggestion) -> SuggestionDiff:
    """Compare `a` (before) with `b` (after); keys keep a's order, then b's new ones."""
    weights_a = {w.ticker: w for w in a.weights}
    weights_b = {w.ticker: w for w in b.weights}
    themes = _union(a.signal_views, a.overrides, b.signal_views, b.overrides)
    return SuggestionDiff(
        suggested=_changes(_pick(weights_a, "suggested_pct"), _pick(weights_b, "suggested_pct")),
        active=_changes(_pick(weights_a, "active_pts"), _pick(weights_b, "active_pts")),
        settings=_changes(a.settings, b.settings),
        views=tuple(Change(t, a.view(t), b.view(t)) for t in themes),
        overrides=tuple(Change(t, a.overrides.get(t), b.overrides.get(t)) for t in themes),
        readings=_changes(
            {r.name: r.score for r in a.readings}, {r.name: r.score for r in b.readings}
        ),
    )


def _pick(weights: Mapping[str, SavedWeight], attribute: str) -> dict[str, float]:
    return {ticker: getattr(w, attribute) for ticker, w in weights.items()}


def _changes(a: Mapping[str, float], b: Mapping[str, float]) -> tuple[Change, ...]:
    return tuple(Change(key, a.get(key), b.get(key)) for key in _union(a, b))


def _union(*mappings: Mapping[str, object]) -> list[str]:
    return list(dict.fromkeys(key for mapping in mappings for key in mapping))
