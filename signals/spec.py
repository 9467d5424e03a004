"""How a signal is registered: its stable name, its subject, and its two functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from signals.inputs import SignalInputs
from signals.reading import Reading


@dataclass(frozen=True, slots=True)
class SignalSpec:
    """A registered signal.

    name: stable id used by the CLI, the tilt mapping and saved history.
    subject: what a positive score favours overweighting, in words.
    tickers: price series the signal reads (macro signals list their macro series ids instead).
    reading: the point function, `reading(inputs) -> Reading` at `inputs.as_of`.
    history: the vectorised score history, `history(inputs) -> pd.Series` of scores in [-1, 1]
        indexed by date; equal to `reading(inputs.upto(t)).score` at every date t it covers.
    title: what the window calls it, named for what a positive score favours when the name
        alone would mislead ("Weak dollar": > 0 when the dollar falls); "" derives it from name.
    """

    name: str
    subject: str
    tickers: tuple[str, ...]
    reading: Callable[[SignalInputs], Reading]
    history: Callable[[SignalInputs], pd.Series]
    title: str = ""
