"""Replace a file's content all at once: a reader sees the old file or the new one, never part.

Every writer gets its own temporary file beside the target (so two processes writing the same
file at once cannot interleave), fsyncs it, renames it over the target and fsyncs the folder.

The target is what the path finally names: a symbolic link is written through (its target is
replaced, the link stays), and anything but a regular file (a folder, a device such as
/dev/full, a pipe) is refused with NotRegularFileError instead of being replaced by a file.
Temporary files are named `.<name>.<pid>.<random>.tmp`; one left by a writer that was killed
(its process is gone) is removed by the next write of the same file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from desktop.data.exports.regular_file import NotRegularFileError, require_regular_file

__all__ = ["NotRegularFileError", "remove_stale_temporaries", "writable_target", "write_atomically"]

STALE_AGE_S = 3600.0
"""A temporary file whose writer cannot be told (no pid in its name, or no way to ask) is
removed once it is this old: no write takes an hour."""


def write_atomically(path: Path | str, data: bytes | str, *, mode: int | None = None) -> None:
    """Write `data` (str is UTF-8 encoded as is) to `path`, replacing it in one rename.

    mode: permission bits for the file; default keeps an existing file's, else rw-r--r--.
    Raises OSError (disk full, permission denied, missing folder, NotRegularFileError); the old
    file is then left untouched and no temporary file remains.
    """
    path = writable_target(Path(path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path) if mode is None else mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


def writable_target(path: Path) -> Path:
    """The file a write to `path` replaces: the end of its chain of links; NotRegularFileError
    when that is a folder, a device or a pipe."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    with contextlib.suppress(FileNotFoundError):
        require_regular_file(target)
    return target


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files of earlier writes of `path` whose writer is gone."""
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            name = entry.name
            ours = name.startswith(prefix) and name.endswith(".tmp")
            if ours and _abandoned(entry, name[len(prefix) : -len(".tmp")]):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _abandoned(entry: os.DirEntry, middle: str) -> bool:
    pid_text = middle.split(".", 1)[0]
    if pid_text.isdigit() and os.name == "posix":
        return not _alive(int(pid_text))
    return time.time() - entry.stat().st_mtime > STALE_AGE_S


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # POSIX only: signal 0 asks without sending (on Windows it would kill)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual rw-r--r--."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows opening a folder."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
