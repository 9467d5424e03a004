"""The value every signal returns: a score with the sentence and numbers behind it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd


@dataclass(frozen=True, slots=True)
class Reading:
    """One signal's verdict at one date.

    score: in [-1, 1]; > 0 favours overweighting the signal's subject, < 0 underweighting.
    explanation: one sentence a person can read, with the numbers.
    evidence: the numbers behind the sentence (plain floats, ints, strings or bools).
    as_of: the last date whose data the reading used.
    stale: True when an input is missing or older than the staleness limit; the score is then 0.
    """

    name: str
    score: float
    explanation: str
    evidence: Mapping[str, object] = field(default_factory=dict)
    as_of: pd.Timestamp | None = None
    stale: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.score, int | float) or not math.isfinite(self.score):
            raise ValueError(f"{self.name}: score must be a finite number, got {self.score!r}")
        if not -1.0 <= self.score <= 1.0:
            raise ValueError(f"{self.name}: score {self.score} is outside [-1, 1]")
        if not self.explanation.strip():
            raise ValueError(f"{self.name}: explanation is empty")
        object.__setattr__(self, "score", float(self.score) + 0.0)  # + 0.0: no -0.0
        object.__setattr__(self, "evidence", MappingProxyType(dict(self.evidence)))

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form with exactly the keys of the `signals` command's JSON."""
        return {
            "name": self.name,
            "score": round(self.score, 4),
            "explanation": self.explanation,
            "evidence": {k: _jsonable(v) for k, v in self.evidence.items()},
            "as_of": None if self.as_of is None else self.as_of.strftime("%Y-%m-%d"),
            "stale": self.stale,
        }


def iso_day(value: object) -> str:
    """A date as evidence and sentences show it, "2026-01-15"; "" for a missing date (NaT)."""
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def signed(value: float, decimals: int = 2) -> str:
    """A score or view with its sign, as shown everywhere: "+0.41", "-0.20", and "+0.00" for
    anything that rounds to zero (never "-0.00")."""
    return f"{round(value, decimals) + 0.0:+.{decimals}f}"


def moved(change: float) -> str:
    """A decimal change in words, as the trend signals phrase it: "rose 1.9%", "fell 0.4%"."""
    return f"{'rose' if change >= 0 else 'fell'} {abs(change):.1%}"


def _jsonable(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return None if not math.isfinite(value) else round(value, 6)
    if hasattr(value, "item"):  # numpy scalar
        return _jsonable(value.item())
    return value
