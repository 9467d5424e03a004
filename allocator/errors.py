"""Typed errors raised by the allocator's strict paths.

The default `TiltProblem.solve` never raises on user settings: it returns an `Allocation`
whose `source` says what happened. `solve(..., strict=True)` (tests, command line) raises
these instead. Malformed inputs (wrong shapes, NaN, unknown tickers) raise `ValueError`.
"""

from __future__ import annotations


class AllocatorError(Exception):
    """Base class for allocator failures a caller may want to show the user."""


class Infeasible(AllocatorError):
    """The settings admit no portfolio.

    `conflicts` lists, in words, the constraints found to clash (may be empty when the
    limits only clash in combination); `slack_report` says how far the nearest feasible
    answer had to loosen them, when it was computed.
    """

    def __init__(
        self, message: str, conflicts: tuple[str, ...] = (), slack_report: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.conflicts = tuple(conflicts)
        self.slack_report = tuple(slack_report)


class SolverFailed(AllocatorError):
    """Every configured solver failed on a problem that looked feasible.

    `attempts` records `(solver name, status or error text)` per try, in order.
    """

    def __init__(self, message: str, attempts: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(message)
        self.attempts = tuple(attempts)
