"""How long the fuzz tests run, and what they saw.

In the suite each generator runs a few dozen examples (a few seconds in all); `make fuzz` sets
ROTATION_ADVISOR_FUZZ=1 and they run thousands, then the counts are printed at the end of the
session (see conftest.py). A failing example fails the test as usual, with its input shown.
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, settings

LONG = os.environ.get("ROTATION_ADVISOR_FUZZ") == "1"
COUNTS: Counter[str] = Counter()
FAULTS: dict[tuple[str, str], str] = {}
"""(damaged-database case, command) -> exit code and the start of the message, for the table
`make fuzz` prints."""


def budget(suite: int, fuzz: int) -> settings:
    """Hypothesis settings running `suite` examples in the suite and `fuzz` under make fuzz."""
    return settings(
        max_examples=fuzz if LONG else suite,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,  # capsys, read after every example
        ],
    )


def count(what: str, outcome: str) -> None:
    COUNTS[f"{what}: {outcome}"] += 1


def record_fault(case: str, command: str, code: int, printed: str, path: str) -> None:
    shown = " ".join(printed.replace(path, "<db>").split())
    FAULTS[case, command] = f"{code}: {shown[:110]}"
