"""The engine in its own process: the same answers as in-process, errors cross back in their own
type, and the process never outlives the window, whether it closes or dies."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.advice.knobs import Knobs
from desktop.engine.engine import Engine, SettingsInfeasible
from desktop.engine.process import EngineProcess, EngineStopped

ROOT = Path(__file__).resolve().parents[3]
PARENT_SCRIPT = """
import os, signal, sys
from desktop.engine.process import EngineProcess

if __name__ == "__main__":
    engine = EngineProcess(sys.argv[1])
    print(engine.pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # the window's process dies without closing anything
"""


@pytest.fixture
def remote(tmp_path):
    engine = EngineProcess(tmp_path / "empty.db")
    yield engine
    engine.close()


def test_answers_match_the_in_process_engine(remote, tmp_path):
    local = Engine(tmp_path / "empty.db")
    assert remote.load() == local.load()
    assert remote.compute_signals(as_of="2024-03-15") == local.compute_signals(as_of="2024-03-15")
    assert remote.compute_signals() == local.compute_signals()
    knobs = Knobs(overrides={"small_caps": 1.0}, class_bounds={"us_equity": (40.0, 60.0)})
    assert (
        remote.solve(knobs, explain=False).summary.rows
        == local.solve(knobs, explain=False).summary.rows
    )


def test_an_error_in_the_engine_is_raised_here_with_its_type_and_words(remote):
    remote.load()
    remote.compute_signals()
    with pytest.raises(SettingsInfeasible, match="admit no portfolio"):
        remote.solve(Knobs(class_bounds={"bonds": (90.0, 100.0)}))
    assert remote.solve(Knobs(), explain=False).summary.rows  # still answering afterwards


def test_close_stops_and_reaps_the_process_even_while_it_warms_up(tmp_path):
    engine = EngineProcess(tmp_path / "empty.db")
    engine.close()
    engine.close()  # twice is harmless
    assert engine.exitcode is not None
    with pytest.raises(EngineStopped):
        engine.load()


def test_a_crashed_engine_is_reported_in_words_and_reaped(remote):
    remote.load()
    os.kill(remote.pid, signal.SIGKILL)
    with pytest.raises(EngineStopped, match=r"stopped unexpectedly.*restart"):
        remote.compute_signals()
    assert remote.exitcode == -signal.SIGKILL


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states in /proc")
def test_the_engine_exits_when_the_window_process_is_killed(tmp_path):
    script = tmp_path / "window.py"
    script.write_text(PARENT_SCRIPT, encoding="utf-8")
    window = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "empty.db")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    with window:
        pid = int(window.stdout.readline())
        assert window.wait(timeout=60) == -signal.SIGKILL
    deadline = time.monotonic() + 30
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")
