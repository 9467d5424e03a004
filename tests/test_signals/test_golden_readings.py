"""Characterisation: every registered signal reads exactly as recorded in golden_readings.json.

The seeded synthetic panel and macro releases of `conftest` are read in four scenarios - the full
data, its last 30 rows, some inputs flagged stale by the data layer, some inputs missing - at a
few dates each. For every signal the test pins the reading (score to 1e-9, explanation text
exactly, stale flag, as-of date, evidence) and a fingerprint of the score history. It guards
refactors of `signals/`: a change that moves any of these is a change of behaviour.

Regenerate the file only for an intended change of behaviour, and say so in the commit:
    .venv/bin/python -m tests.test_signals.test_golden_readings
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import signals
from signals.inputs import SignalInputs
from signals.reading import Reading
from tests.test_signals.conftest import make_macro, make_panel

GOLDEN = Path(__file__).with_name("golden_readings.json")
FLAGGED = frozenset({"ACWX", "DBB", "UUP", "empire_state"})
"""Exercises fallbacks: VEU for ACWX, two of three metal funds, macro without Empire State."""
DROPPED_TICKERS = ["ARKK", "CPER", "COPX", "^TNX"]
DROPPED_SERIES = ["jobless_claims", "mmf_assets"]


def scenarios() -> dict[str, tuple[SignalInputs, list[pd.Timestamp]]]:
    """name -> (inputs, dates at which every signal is read)."""
    panel = make_panel()
    macro = make_macro(panel.index)
    full = SignalInputs(prices=panel, macro=macro)
    dates = panel.index
    missing = SignalInputs(
        prices=panel.drop(columns=DROPPED_TICKERS),
        macro=macro.loc[~macro["series"].isin(DROPPED_SERIES)],
    )
    short = SignalInputs(prices=panel.iloc[-30:], macro=macro)
    return {
        # Warm-up, before BUZZ starts, inside the week-long hole, the last day.
        "full": (full, [dates[150], dates[400], dates[903], dates[-1]]),
        "short": (short, [dates[-1]]),
        "flagged": (SignalInputs(panel, macro, stale=FLAGGED), [dates[-1]]),
        "missing": (missing, [dates[400], dates[-1]]),
    }


def snapshot() -> dict[str, dict[str, object]]:
    """What the golden file records, computed from the current code."""
    result: dict[str, dict[str, object]] = {}
    for scenario, (inputs, dates) in scenarios().items():
        for spec in signals.REGISTRY:
            key = f"{scenario}/{spec.name}"
            result[key] = {
                "readings": [_reading_record(spec.reading(inputs.upto(d))) for d in dates],
                "history": _fingerprint(spec.history(inputs)),
            }
    return result


def _reading_record(reading: Reading) -> dict[str, object]:
    return {
        "name": reading.name,
        "score": reading.score,
        "explanation": reading.explanation,
        "stale": reading.stale,
        "as_of": None if reading.as_of is None else reading.as_of.isoformat(),
        "evidence": {k: _plain(v) for k, v in reading.evidence.items()},
    }


def _plain(value: object) -> object:
    """Evidence value in JSON: numbers and strings as they are, anything else by its repr."""
    if isinstance(value, bool | str | None):
        return value
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value)
    return repr(value)


def _fingerprint(history: pd.Series) -> dict[str, object]:
    """Dates, non-zero count and sums of a score history.

    Sums, not a hash of the bytes, so that rounding noise far below 1e-9 does not count as a
    change; the position-weighted sum catches scores that moved between dates.
    """
    x = history.to_numpy(dtype=float)
    weights = 1.0 + np.arange(len(x)) % 97
    return {
        "dates": len(x),
        "first": None if history.empty else history.index[0].isoformat(),
        "last": None if history.empty else history.index[-1].isoformat(),
        "nonzero": int(np.count_nonzero(x)),
        "sum": float(x.sum()),
        "sum_squares": float((x * x).sum()),
        "weighted_sum": float((weights * x).sum()),
    }


@pytest.fixture(scope="module")
def current() -> dict[str, dict[str, object]]:
    return snapshot()


@pytest.fixture(scope="module")
def golden() -> dict[str, dict[str, object]]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_golden_file_covers_every_registered_signal_in_every_scenario(golden):
    expected = {f"{s}/{spec.name}" for s in scenarios() for spec in signals.REGISTRY}
    assert set(golden) == expected


@pytest.mark.parametrize(
    "key", sorted(f"{s}/{spec.name}" for s in scenarios() for spec in signals.REGISTRY)
)
def test_readings_and_history_match_the_golden_record(key, current, golden):
    want, got = golden[key], current[key]
    assert len(got["readings"]) == len(want["readings"])
    for got_reading, want_reading in zip(got["readings"], want["readings"], strict=True):
        _assert_same_reading(got_reading, want_reading)
    _assert_same_fingerprint(got["history"], want["history"])


def _assert_same_reading(got: dict, want: dict) -> None:
    where = f"{want['name']} at {want['as_of']}"
    assert got["name"] == want["name"]
    assert got["score"] == pytest.approx(want["score"], abs=1e-9), where
    assert got["explanation"] == want["explanation"], where
    assert got["stale"] == want["stale"], where
    assert got["as_of"] == want["as_of"], where
    assert list(got["evidence"]) == list(want["evidence"]), where
    for name, value in want["evidence"].items():
        actual = got["evidence"][name]
        if isinstance(value, float) and not isinstance(actual, bool | str):
            assert actual == pytest.approx(value, rel=1e-9, abs=1e-12, nan_ok=True), (where, name)
        else:
            assert actual == value, (where, name)


def _assert_same_fingerprint(got: dict, want: dict) -> None:
    for name in ("dates", "first", "last", "nonzero"):
        assert got[name] == want[name], name
    for name in ("sum", "sum_squares", "weighted_sum"):
        assert math.isclose(got[name], want[name], rel_tol=1e-12, abs_tol=1e-9), name


if __name__ == "__main__":
    text = json.dumps(snapshot(), indent=1, ensure_ascii=False)
    GOLDEN.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
