"""Why each weight moved, as one sentence per asset (no Qt).

    "IWM +4.1 pts: small caps +3.6 (breakout, 10-day streak; RSI 72 overbought held it back),
     cyclicals +0.5"

The points come from the allocator's attribution (percentage points of portfolio weight): Shapley
values, which share the effect of limits among the themes that pushed into them, or for many
themes leave-one-out. The words in brackets come from the theme's readings: the strongest ones
pushing the same way as the theme's view, and the strongest one pushing against it ("held it
back"). A hand-set view says so instead. At most three themes are named per asset, the rest are
summed as "other themes"; the part no theme explains is named for what causes it, so the parts
add up to the headline. An asset held at the active-weight cap or sold out says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from allocator import Allocation, Attribution
from desktop.advice.tables.tilts import Contribution, ThemeView
from signals import Reading

AT_MODEL_PTS = 0.05
"""Active weights smaller than this (percentage points) read "at model weight"."""
AT_MODEL = "at model weight"
ZERO_TE_CAP = "tracking-error cap is 0 %"
_DRIVERS = 2  # readings named as pushing a theme
_HOLDBACKS = 1  # readings named as holding it back
_THEMES = 3  # themes named per asset; the rest are summed as _OTHER
_OTHER = "other themes"
_UNEXPLAINED = {
    # Shapley: where the weight sits with no view at all.
    "shapley": "current holdings and limits",
    # Leave-one-out: themes pushing into the same limit, or overlapping, are not separable.
    "leave_one_out": "themes overlapping at limits",
}
_AT_LIMIT = 1e-6  # a weight this close (decimal) to a limit is at it


def _phrase(positive: str, negative: str) -> Callable[[Reading], str]:
    return lambda r: positive if r.score > 0 else negative


def _streak(r: Reading) -> str:
    sessions = r.evidence.get("streak_sessions")
    if isinstance(sessions, int | float) and sessions > 0:
        return f"{sessions:.0f}-day streak"
    return "small-cap lead" if r.score > 0 else "small caps lagging"


def _rsi(r: Reading) -> str:
    rsi = r.evidence.get("rsi")
    if not isinstance(rsi, int | float):
        return "RSI"
    line = r.evidence.get("overbought_line")
    overbought = rsi > (line if isinstance(line, int | float) else 70.0)
    return f"RSI {rsi:.0f}" + (" overbought" if overbought else "")


LABELS: dict[str, Callable[[Reading], str]] = {
    "small_cap_breakout": _phrase("breakout", "no breakout"),
    "small_cap_streak": _streak,
    "small_cap_rsi": _rsi,
    "rates": _phrase("falling yields", "rising yields"),
    "consumer_sentiment": _phrase("sentiment near lows", "sentiment not depressed"),
    "cyclicals_vs_defensives": _phrase("cyclicals leading", "defensives leading"),
    "breadth": _phrase("broad participation", "weak breadth"),
    "dow_theory": _phrase("Dow Theory confirmed", "Dow Theory non-confirmation"),
    "energy_breakout": _phrase("energy breakout", "energy lagging"),
    "macro_surprise": _phrase("data beating forecasts", "data missing forecasts"),
    "liquidity": _phrase("money-market cash leaving", "money-market cash building"),
    "industrial_metals": _phrase("copper uptrend", "metals downtrend"),
    "commodity_breakout": _phrase("commodity breakout", "commodities still basing"),
    "dollar": _phrase("weak dollar", "strong dollar"),
    "precious_metals_stretch": _phrase("metals not stretched", "gold/silver stretched"),
    "broadening": _phrase("market broadening", "mega caps leading"),
    "speculation_appetite": _phrase("speculation returning", "speculation subdued"),
    "global_equities": _phrase("non-US strength", "non-US lagging"),
    "small_cap_quality": _phrase("quality leading", "junk leading"),
    "fed_path": _phrase("cuts priced", "hikes priced"),
    "inflation_trend": _phrase("inflation cooling", "inflation heating up"),
    "real_yields": _phrase("real yields falling", "real yields rising"),
    "credit_conditions": _phrase("credit easy", "credit stress"),
    "net_liquidity": _phrase("liquidity growing", "liquidity slowing"),
    "hard_vs_soft": _phrase("hard data above surveys", "surveys above hard data"),
    "crypto_sequence": _phrase("crypto following small caps", "crypto lagging"),
}
"""Short label of a reading for the brackets; signals not listed use their name."""


def short_label(reading: Reading) -> str:
    label = LABELS.get(reading.name)
    return label(reading) if label else reading.name.replace("_", " ")


def theme_drivers(
    view: ThemeView, readings: Mapping[str, Reading], override: float | None = None
) -> str:
    """The bracketed part for one theme, e.g. "breakout, 10-day streak; RSI 72 ... held it back"."""
    if override is not None:
        return f"your view {override:+.2f}"
    sign = 1.0 if view.view >= 0 else -1.0
    live = [c for c in view.contributions if not c.stale and c.share != 0 and c.signal in readings]
    pushing = _strongest([c for c in live if c.share * sign > 0], _DRIVERS)
    against = _strongest([c for c in live if c.share * sign < 0], _HOLDBACKS)
    text = ", ".join(short_label(readings[c.signal]) for c in pushing)
    if against:
        held = ", ".join(short_label(readings[c.signal]) for c in against)
        text = f"{text}; {held} held it back" if text else f"{held} held it back"
    return text


def asset_reasons(
    allocation: Allocation,
    attribution: Attribution | None,
    labels: Mapping[str, str],
    signal_views: Mapping[str, ThemeView],
    readings: Sequence[Reading],
    overrides: Mapping[str, float],
    max_active: float | None = None,
    max_te: float | None = None,
) -> dict[str, str]:
    """Ticker -> sentence for every held asset (see module docstring).

    max_active: the cap on |active weight| (decimal), to say when an asset sits at it.
    max_te: the tracking-error cap (decimal); at 0 every asset is at model weight because of
        it, and its sentence says so.
    """
    at_model = AT_MODEL if max_te is None or max_te > 0 else f"{AT_MODEL}: the {ZERO_TE_CAP}"
    themes = {}
    if attribution is not None:
        by_name = {r.name: r for r in readings}
        themes = {
            t: _theme_words(t, labels, signal_views, by_name, overrides) for t in attribution.themes
        }
    out = {}
    rows = zip(allocation.tickers, allocation.weights, allocation.active, strict=True)
    for i, (ticker, weight, active) in enumerate(rows):
        pts = 100 * float(active)
        if abs(pts) < AT_MODEL_PTS:
            out[ticker] = at_model
            continue
        parts = []
        if attribution is not None:
            shares = dict(zip(attribution.themes, 100 * attribution.contributions[i], strict=True))
            parts = _theme_parts(shares, themes)
            parts += _rest(100 * float(attribution.interaction[i]), attribution.method)
        head = f"{ticker} {pts:+.1f} pts" + _limit_note(weight, active, max_active)
        out[ticker] = head + (": " + ", ".join(parts) if parts else "")
    return out


def _limit_note(weight: float, active: float, max_active: float | None) -> str:
    """Why the themes' pull stopped here: the active-weight cap, or nothing left to sell."""
    if max_active is not None and abs(active) >= max_active - _AT_LIMIT:
        return f" (at the {100 * max_active:g}-pt cap)"
    if weight <= _AT_LIMIT and active < 0:
        return " (all sold)"
    return ""


def _theme_words(
    theme: str,
    labels: Mapping[str, str],
    signal_views: Mapping[str, ThemeView],
    readings: Mapping[str, Reading],
    overrides: Mapping[str, float],
) -> tuple[str, str]:
    """(label, bracketed drivers or "") of one theme, e.g. ("small caps", "breakout, ...")."""
    why = ""
    if theme in signal_views:
        why = theme_drivers(signal_views[theme], readings, overrides.get(theme))
    return _lower_first(labels.get(theme, theme)), why


def _theme_parts(shares: Mapping[str, float], words: Mapping[str, tuple[str, str]]) -> list[str]:
    """The largest theme contributions (theme -> pts) in words, then the other themes summed."""
    shown = [t for t, pts in shares.items() if abs(pts) >= AT_MODEL_PTS]
    named = sorted(shown, key=lambda t: abs(shares[t]), reverse=True)[:_THEMES]
    parts = []
    for theme in named:
        label, why = words[theme]
        parts.append(f"{label} {shares[theme]:+.1f}" + (f" ({why})" if why else ""))
    others = sum(pts for t, pts in shares.items() if t not in named)
    if abs(others) >= AT_MODEL_PTS:
        parts.append(f"{_OTHER} {others:+.1f}")
    return parts


def _rest(pts: float, method: str) -> list[str]:
    """The part no theme explains (pts), named for its cause, when it shows at one decimal."""
    if abs(pts) < AT_MODEL_PTS:
        return []
    return [f"{_UNEXPLAINED.get(method, 'unexplained')} {pts:+.1f}"]


def _strongest(parts: list[Contribution], count: int) -> list[Contribution]:
    return sorted(parts, key=lambda c: abs(c.share), reverse=True)[:count]


def _lower_first(label: str) -> str:
    """ "Small caps" -> "small caps"; leaves acronyms such as "US equities" alone."""
    first = label.split(" ", 1)[0]
    return label if first.isupper() else label[:1].lower() + label[1:]
