"""What a suggestion amounts to, in one sentence and three figures, for the top of the table.

    headline(advice, universe).text
    -> "Overweight small caps, cyclicals and industrial metals; underweight gold and mega-cap tech"

It says what the portfolio does, not what the signals wish: a theme is named when the assets
it buys (those listing it in the universe) are together at least NAMED_MOVE over their model
weight for a positive view ("overweight"), or under it for a negative view ("underweight").
Themes are named largest position first. A theme whose assets another theme or a limit holds
at the model weight is not named, whatever its view.

Figures, all annualised or one-off percent of the portfolio:
- expected active return: alpha . d (the optimiser's estimate, not a promise);
- tracking error: ex-ante ||F d||;
- one-way turnover: the weight bought to get from the reference to the suggestion (equal to the
  weight sold), against the current holdings when given, else against the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from desktop.advice.advisor import Advice
    from desktop.advice.tables.universe import Universe

NAMED_MOVE = 0.005
"""A theme is named when its assets are together this far from their model weight (0.5 pts)."""
AT_MODEL = 0.0005
"""No active weight beyond this (0.05 points): the suggestion is the model portfolio."""


@dataclass(frozen=True, slots=True)
class Headline:
    """text: one sentence, no solver words. expected_active_pct, tracking_error_pct,
    turnover_pct: percent (annualised for the first two). against: "holdings" or "model", what
    the turnover is measured from."""

    text: str
    expected_active_pct: float
    tracking_error_pct: float
    turnover_pct: float
    against: str


def headline(advice: Advice, universe: Universe) -> Headline:
    """The headline of `advice` for the universe it was made for (theme labels and assets)."""
    allocation = advice.allocation
    w_prev = advice.settings.w_prev
    against = "model" if w_prev is None else "holdings"
    reference = advice.snapshot.market.w_bench if w_prev is None else w_prev
    return Headline(
        text=sentence(advice, universe),
        expected_active_pct=100 * allocation.expected_active_return,
        tracking_error_pct=100 * allocation.tracking_error,
        turnover_pct=100 * one_way_turnover(allocation.weights, reference),
        against=against,
    )


def sentence(advice: Advice, universe: Universe) -> str:
    """ "Overweight A and B; underweight C", or what holding the model means here."""
    if np.abs(advice.allocation.active).max(initial=0.0) < AT_MODEL:
        return "Hold the model portfolio: no view moves a weight" + (
            " (every view is 0)" if advice.neutral else ""
        )
    labels = {t.name: t.label for t in universe.themes}
    ranked = _ranked_themes(advice, universe)
    over = [_words(labels[t]) for t, v in ranked if v > 0]
    under = [_words(labels[t]) for t, v in ranked if v < 0]
    parts = [f"overweight {_join(over)}"] if over else []
    parts += [f"underweight {_join(under)}"] if under else []
    if not parts:
        return "Close to the model portfolio: no theme's assets move half a point"
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def one_way_turnover(
    weights: Sequence[float] | np.ndarray, reference: Sequence[float] | np.ndarray
) -> float:
    """Decimal share of the portfolio bought to move from `reference` to `weights` (n,) each;
    what is not in `weights`' tickers counts as sold."""
    change = np.asarray(weights, dtype=float) - np.asarray(reference, dtype=float)
    return float(np.clip(change, 0.0, None).sum())


def _ranked_themes(advice: Advice, universe: Universe) -> list[tuple[str, float]]:
    """(theme, view) of the themes whose assets sit NAMED_MOVE or more the view's way,
    largest position first."""
    allocation = advice.allocation
    active = dict(zip(allocation.tickers, allocation.active, strict=True))
    sizes = {}
    for theme in universe.theme_names:
        view = advice.views.get(theme, 0.0)
        position = sum(active.get(t, 0.0) for t in universe.theme_buys(theme))
        if view != 0 and np.sign(position) == np.sign(view) and abs(position) >= NAMED_MOVE:
            sizes[theme] = abs(position)
    order = sorted(sizes, key=lambda t: -sizes[t])
    return [(t, advice.views[t]) for t in order]


def _words(label: str) -> str:
    """A label inside a sentence: "Small caps" -> "small caps", "Non-US equities" stays
    capitalised where a word is an acronym ("non-US equities")."""
    words = label.split(" ")
    first = words[0]
    words[0] = first if first[1:2].isupper() else first[:1].lower() + first[1:]
    return " ".join(words)


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
