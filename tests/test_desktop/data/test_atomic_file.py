"""Files the app writes are replaced whole, even with two writers at once."""

import errno
import os
import threading
import time
from pathlib import Path

import pytest

from desktop.data.exports import atomic_file
from desktop.data.exports.atomic_file import NotRegularFileError, write_atomically


def test_readers_see_one_whole_version_while_two_writers_race(tmp_path):
    target = tmp_path / "tilts.toml"
    versions = [b"a" * 200_000, b"b" * 300_000]
    write_atomically(target, versions[0])
    seen = set()

    def writer(payload):
        for _ in range(30):
            write_atomically(target, payload)

    threads = [threading.Thread(target=writer, args=(v,)) for v in versions]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        seen.add(target.read_bytes())
    for thread in threads:
        thread.join()
    assert seen <= set(versions)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tilts.toml"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "allocation.csv"
    target.write_text("old\n")

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", full)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, "new\n")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["allocation.csv"]


def test_an_existing_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "universe.toml"
    target.write_text("x")
    target.chmod(0o600)
    write_atomically(target, "y")
    assert target.stat().st_mode & 0o777 == 0o600 and target.read_text() == "y"


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real" / "allocation.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    write_atomically(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest.csv", "real"]


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_anything_but_a_regular_file_is_refused_and_left_alone(tmp_path, kind):
    if kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
    elif kind == "folder":
        target = tmp_path / "folder"
        target.mkdir()
    else:
        target = Path("/dev/null")
    before = os.stat(target).st_mode
    with pytest.raises(NotRegularFileError, match="not a regular file"):
        write_atomically(target, "x\n")
    assert os.stat(target).st_mode == before
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_temporaries_of_killed_writers_are_removed_by_the_next_write(tmp_path):
    target = tmp_path / "allocation.csv"
    dead = tmp_path / ".allocation.csv.999999999.x1y2.tmp"  # above any pid_max: no such process
    mine = tmp_path / f".allocation.csv.{os.getpid()}.a1b2.tmp"  # a writer still running
    old = tmp_path / ".allocation.csv.q9w8e7.tmp"  # an earlier version's name: no pid
    young = tmp_path / ".allocation.csv.r5t6y7.tmp"
    for path in (dead, mine, old, young):
        path.write_text("partial")
    hours_ago = time.time() - 2 * atomic_file.STALE_AGE_S
    os.utime(old, (hours_ago, hours_ago))
    write_atomically(target, "whole\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["allocation.csv", mine.name, young.name]
    )
