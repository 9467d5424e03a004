"""Every damaged, odd or unusable database against every command and the window's engine.

No traceback anywhere: a command either works (healthy cases; reading commands on a read-only
database) or prints one message naming the file and exits non-zero, and `reset-db` leaves a
database every command can use (or says why it cannot touch the location).
"""

from __future__ import annotations

import shutil
import traceback

import pytest

from desktop.app import main
from desktop.data.demo import load_demo
from desktop.data.market import store as store_module
from desktop.data.market.db_errors import MarketDataError
from desktop.engine.engine import Engine
from tests.test_desktop import damage
from tests.test_desktop.fake_yahoo import offline_download
from tests.test_desktop.fuzz.budget import record_fault

COMMANDS = ("import", "refresh", "status", "signals", "allocate", "window", "reset-db")
READING = frozenset({"status", "signals", "allocate", "window"})


@pytest.fixture(scope="module")
def sound_db(tmp_path_factory):
    demo = load_demo()
    folder = tmp_path_factory.mktemp("sound")
    prices = demo.prices.iloc[-400:, :]
    return damage.build_sound_database(folder, prices, demo.macro)


def run(command: str, db, tmp_path, capsys) -> tuple[int, str]:
    """(exit code, everything printed); the window's engine counts 0 when it loads, 1 when it
    raises the data layer's typed error. Any other exception fails the test with its trace."""
    capsys.readouterr()
    if command == "window":
        try:
            Engine(db).load()
            code = 0
        except MarketDataError as exc:
            print(exc)
            code = 1
    else:
        args = {
            "import": ["import", str(damage_source(tmp_path))],
            "refresh": ["refresh", "SPY"],
            "allocate": ["allocate", "--out", str(tmp_path / "out.csv")],
        }.get(command, [command])
        code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def damage_source(tmp_path):
    path = tmp_path / "IWM.csv"
    path.write_text("Date,Close\n2024-01-02,190.5\n2024-01-03,191.0\n")
    return path


@pytest.mark.parametrize("case", sorted(damage.CASES))
def test_every_command_on_a_damaged_database_gives_a_message_not_a_traceback(
    case, sound_db, tmp_path, capsys, monkeypatch
):
    if case in damage.READ_ONLY and not damage.can_make_read_only():
        pytest.skip("this machine cannot make a path read-only for its own user")
    monkeypatch.setattr(store_module, "_yahoo_download", offline_download)
    home = tmp_path / "case"
    home.mkdir()
    target = damage.CASES[case](shutil.copy(sound_db, home / "market.db"))
    with damage.writable_again(home, home / "market.db"):
        for command in COMMANDS:
            try:
                code, printed = run(command, target, tmp_path, capsys)
            except Exception:  # the test's point: report which cell raised, with the trace
                pytest.fail(f"{case} x {command} raised:\n{traceback.format_exc()}")
            _check(case, command, code, printed, target)
            record_fault(case, command, code, printed, str(target))
        if case not in damage.READ_ONLY and target.is_file():
            for command in ("status", "signals", "window"):
                code, printed = run(command, target, tmp_path, capsys)
                assert code == 0, f"after reset-db, {case} x {command}: {printed}"


def _check(case: str, command: str, code: int, printed: str, target) -> None:
    cell = f"{case} x {command} -> {code}: {printed[-600:]}"
    assert "Traceback" not in printed, cell
    if case in damage.HEALTHY or (case in damage.READ_ONLY and command in READING):
        assert code == (2 if command == "refresh" else 0), cell
    elif code != 0:
        assert str(target) in printed, cell
