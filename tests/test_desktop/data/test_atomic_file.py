"""Files the app writes are replaced whole, even with two writers at once."""

import errno
import os
import threading

import pytest

from desktop.data import atomic_file
from desktop.data.atomic_file import write_atomically


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
