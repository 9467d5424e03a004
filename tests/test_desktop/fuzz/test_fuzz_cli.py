"""Fuzzing the command line of the data, signals and allocate commands: every argument list ends
in an exit code (argparse's 2 for a malformed one), never a traceback or a hang.

Paths are drawn from a set of odd places made once for the module (a sound database, a damaged
one, a folder, a pipe, a device, a missing file, a file under a file ...); refresh runs offline.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from desktop.app import build_parser, main
from desktop.data.market import store as store_module
from tests.test_desktop.fake_yahoo import offline_download
from tests.test_desktop.fuzz.budget import budget, count

PLACES = (
    "sound.db", "damaged.db", "missing.db", "folder", "pipe", "/dev/null", "a.csv", "bad.csv",
    "holdings.csv", "bad_holdings.csv", "under/a.csv/x", "", "-", "\x1b[2J.csv", "é€ x.csv",
    "nofolder/out.csv",
)  # fmt: skip
DATES = ("2025-01-02", "2024-13-01", "0001-01-01", "9999-12-31", "2099-01-01", "1899-12-31",
         "", "yesterday", "2024-02-30", "2025-06", "\x00", "2025-01-02T00:00")  # fmt: skip
NUMBERS = ("1", "0", "-1", "1e308", "inf", "nan", "-0", "", "abc", "1e-320", "4", "100",
           "0x10", "1,5", "1e11", "99999999999")  # fmt: skip
VIEWS = ("small_caps=0.5", "small_caps=2", "=", "small_caps=", "nosuch=0.1", "small_caps=nan",
         "gold=-1", "x" * 300, "small_caps=0.5=1", " small_caps = 1 ")  # fmt: skip
TICKERS = ("SPY", "", "\x1b[31mRED", "spy", "BRK-B", "^TNX", "x" * 200, "--json")
OPTIONS = {
    "import": [("path", PLACES), ("path", PLACES)],
    "refresh": [("ticker", TICKERS)],
    "status": [("--json", None)],
    "reset-db": [],
    "signals": [("--as-of", DATES), ("--json", None)],
    "allocate": [
        ("--out", PLACES), ("--as-of", DATES), ("--view", VIEWS), ("--neutral", None),
        ("--risk-aversion", NUMBERS), ("--max-te", NUMBERS), ("--portfolio-value", NUMBERS),
        ("--holdings", PLACES), ("--json", None),
    ],
}  # fmt: skip
JUNK = ("--nope", "-x", "--db", "--", "--as-of", "\x00", "🙂", "--help")


@pytest.fixture(scope="module")
def places():
    """The odd places, made once; refresh is offline while the module runs."""
    root = Path(tempfile.mkdtemp(prefix="fuzz-cli-"))
    (root / "folder").mkdir()
    os.mkfifo(root / "pipe")
    (root / "a.csv").write_text("Date,Close\n2024-01-02,10\n2024-01-03,11\n")
    (root / "bad.csv").write_text("Date,Close,Close\n0001-01-01,inf\n")
    (root / "holdings.csv").write_text("ticker,shares\nSPY,10\nZZ,=2+2\n")
    (root / "bad_holdings.csv").write_text("ticker,shares\nSPY,1e20\n\x1b[2J,1\n")
    (root / "damaged.db").write_bytes(b"not a database " * 500)
    (root / "under").mkdir()
    (root / "under" / "a.csv").write_text("x")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_module, "_yahoo_download", offline_download)
        patch.setenv("ROTATION_ADVISOR_HOME", str(root / "home"))
        yield root
    shutil.rmtree(root, ignore_errors=True)


def _place(root: Path, name: str) -> str:
    if name in ("", "-") or name.startswith("/"):
        return name
    if name == "sound.db" and not (root / name).exists():
        main(["--db", str(root / name), "import", str(root / "a.csv")])
    return str(root / name)


@st.composite
def argv_lists(draw) -> list[str]:
    """A command with 0 to 3 of its options (odd values), maybe --db and a junk token."""
    argv = []
    if draw(st.integers(0, 3)):
        argv += ["--db", draw(st.sampled_from(("sound.db", "damaged.db", "missing.db", "folder",
                                               "pipe", "under/a.csv/x", "")))]  # fmt: skip
    command = draw(st.sampled_from(sorted(OPTIONS)))
    argv.append(command)
    options = OPTIONS[command]
    for name, values in draw(st.lists(st.sampled_from(options), max_size=3)) if options else []:
        value = draw(st.sampled_from(values)) if values else None
        argv += [value] if name in ("path", "ticker") else [name] + ([value] if values else [])
    if command == "allocate" and "--out" not in argv and draw(st.integers(0, 4)):
        argv += ["--out", "out.csv"]
    if draw(st.integers(0, 5)) == 0:
        argv.insert(draw(st.integers(0, len(argv))), draw(st.sampled_from(JUNK)))
    return argv


def _names_a_command(argv: list[str]) -> bool:
    try:
        return build_parser().parse_args(argv).command is not None
    except SystemExit:
        return True  # malformed: main exits with argparse's code before opening anything


@budget(suite=8, fuzz=200)
@given(argv_lists())
def test_every_argument_list_ends_in_an_exit_code(places, capsys, argv):
    resolved = [_place(places, a) if a in PLACES or a == "out.csv" else a for a in argv]
    if resolved and resolved[-1] == "--help":
        resolved.pop()
    assume(_names_a_command(resolved))  # without one, main opens the window and waits
    try:
        code = main(resolved)
    except SystemExit as done:  # argparse: a malformed command line, with its usage message
        code = done.code
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    assert code in (0, 1, 2, 3), (resolved, code)
    count("command lines", f"exit {code}")
