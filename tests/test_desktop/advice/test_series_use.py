"""Which series the signals and the portfolio read."""

import pandas as pd

from desktop.advice.series_use import missing_series, series_uses, uses_text
from signals.spec import SignalSpec


def spec(name, *tickers):
    return SignalSpec(name, "test", tickers, lambda i: None, lambda i: pd.Series(dtype=float))


def test_held_assets_come_first_then_signals_in_registry_order():
    uses = series_uses([spec("a", "SPY", "IWM"), spec("b", "SPY", "philly_fed")], held=["SPY"])
    assert uses == {
        "SPY": ("portfolio", "a", "b"),
        "IWM": ("a",),
        "philly_fed": ("b",),
    }
    assert uses_text(uses["SPY"]) == "portfolio, a +1"
    assert uses_text(()) == ""
    assert missing_series(uses, ["SPY", "DGS10"]) == ["IWM", "philly_fed"]
