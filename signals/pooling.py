"""Signals that pool several members (metal funds, macro series) and leave out unusable ones.

A member is usable when its inputs are fresh and its value is defined. The signal averages the
usable members and says, in its sentence and evidence, which members it left out and why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from signals.freshness import stale_reason
from signals.indicators import on_index
from signals.reading import Reading


@dataclass(frozen=True, slots=True)
class Pool:
    """The members usable at one date, each with its row, and why the others are not.

    used: (member, row) in the order the members were given.
    left_out: one reason per unusable member, in the same order.
    """

    used: tuple[tuple[str, pd.Series], ...]
    left_out: tuple[str, ...]

    @property
    def reasons(self) -> str:
        """The left-out reasons as one clause, separated by semicolons."""
        return "; ".join(self.left_out)

    @property
    def aside(self) -> str:
        """The left-out reasons in brackets, for the end of a sentence ("" when none)."""
        return f" ({self.reasons})" if self.left_out else ""

    def noted(self, evidence: dict[str, object]) -> dict[str, object]:
        """`evidence` with the left-out reasons under "not_used", when there are any."""
        if self.left_out:
            evidence["not_used"] = self.reasons
        return evidence


def pool(members: Iterable[str], row_or_stale: Callable[[str], pd.Series | Reading]) -> Pool:
    """Each member's row at the reading's date, or the reason from the stale Reading it gave."""
    used, left_out = [], []
    for member in members:
        row = row_or_stale(member)
        if isinstance(row, Reading):
            left_out.append(stale_reason(row))
        else:
            used.append((member, row))
    return Pool(tuple(used), tuple(left_out))


def member_columns(
    index: pd.DatetimeIndex,
    members: Iterable[str],
    fresh: Callable[[str], pd.Series],
    values: Callable[[str], pd.Series],
) -> pd.DataFrame:
    """(n_dates, n_members) float: each member's values where it is fresh, NaN elsewhere.

    `fresh(member)` is a bool Series on `index`; `values(member)` is indexed by the member's own
    dates (trading days, release dates) and each date of `index` takes its last value on or
    before it. `values` is not called for a member that is never fresh.
    """
    members = list(members)
    columns = pd.DataFrame(index=index, columns=members, dtype=float)
    for member in members:
        usable = fresh(member)
        if usable.any():
            columns[member] = on_index(values(member), index).where(usable)
    return columns
