"""Prints what the fuzz and fault tests saw (counts per generator and outcome, and the
damaged-database table: case x command -> exit code and message) at the end of `make fuzz`."""

from tests.test_desktop.fuzz.budget import COUNTS, FAULTS, LONG


def pytest_terminal_summary(terminalreporter):
    if not LONG:
        return
    if COUNTS:
        terminalreporter.section("fuzz counts")
        for key in sorted(COUNTS):
            terminalreporter.write_line(f"{COUNTS[key]:>8,}  {key}")
    if FAULTS:
        terminalreporter.section("damaged databases: case x command -> exit code: message")
        for case in sorted({case for case, _ in FAULTS}):
            terminalreporter.write_line(case)
            for (name, command), outcome in FAULTS.items():
                if name == case:
                    terminalreporter.write_line(f"    {command:<9} {outcome}")
