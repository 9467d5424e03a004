"""A pipe, device or folder named as a user file is refused at once, never read (a pipe would
wait forever for a writer: found by the command-line fuzzer with --holdings)."""

from __future__ import annotations

import os
import signal

import pytest

from desktop.advice.tables.tilts import TiltTableError
from desktop.advice.tables.universe import UniverseError
from desktop.data import user_files
from desktop.data.holdings import HoldingsError, read_holdings


@pytest.fixture
def pipe(tmp_path):
    path = tmp_path / "file"
    os.mkfifo(path)
    signal.alarm(20)  # a regression would block on the pipe: fail instead of hanging the suite
    yield path
    signal.alarm(0)


def test_holdings_from_a_pipe_are_refused(pipe):
    with pytest.raises(HoldingsError, match="a device or a pipe, not a regular file"):
        read_holdings(pipe)


def test_a_universe_or_tilt_table_from_a_pipe_is_refused(pipe):
    with pytest.raises(UniverseError, match="not a regular file"):
        user_files.load_universe(pipe)
    with pytest.raises(TiltTableError, match="not a regular file"):
        user_files.load_tilt_table(pipe, known_signals=[], known_themes=[])


def test_a_folder_as_holdings_is_refused(tmp_path):
    with pytest.raises(HoldingsError, match="a folder, not a regular file"):
        read_holdings(tmp_path)
