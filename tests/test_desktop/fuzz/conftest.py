"""Prints what the fuzz tests tried (per generator and outcome) at the end of `make fuzz`."""

from tests.test_desktop.fuzz.budget import COUNTS, LONG


def pytest_terminal_summary(terminalreporter):
    if not LONG or not COUNTS:
        return
    terminalreporter.section("fuzz counts")
    for key in sorted(COUNTS):
        terminalreporter.write_line(f"{COUNTS[key]:>8,}  {key}")
