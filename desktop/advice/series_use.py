"""Which stored series the app reads: the signals' inputs and the portfolio's assets (pure).

`status` and the Data tab show it beside every series, so a user can tell the series that move
the advice from the ones that only sit in the database, and which needed series are missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from signals.spec import SignalSpec

PORTFOLIO = "portfolio"
"""What `series_uses` lists for a series that is an asset of the model portfolio."""
NAMED_USES = 2
"""`uses_text` names this many readers and counts the rest."""


def series_uses(
    registry: Sequence[SignalSpec], held: Iterable[str] = ()
) -> dict[str, tuple[str, ...]]:
    """Series id (ticker or canonical macro id) -> who reads it: PORTFOLIO first when it is a
    held asset, then the names of the signals that read it, in registry order."""
    uses: dict[str, list[str]] = {ticker: [PORTFOLIO] for ticker in held}
    for spec in registry:
        for series in spec.tickers:
            uses.setdefault(series, []).append(spec.name)
    return {series: tuple(dict.fromkeys(names)) for series, names in uses.items()}


def uses_text(names: Sequence[str]) -> str:
    """A table cell: "portfolio, breadth +3" ("" when nothing reads the series)."""
    shown = ", ".join(names[:NAMED_USES])
    more = len(names) - NAMED_USES
    return f"{shown} +{more}" if more > 0 else shown


def missing_series(uses: Mapping[str, Sequence[str]], stored: Iterable[str]) -> list[str]:
    """Series something reads that the database does not hold, sorted."""
    return sorted(set(uses) - set(stored))
