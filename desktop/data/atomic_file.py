"""Replace a file's content all at once: a reader sees the old file or the new one, never part.

Every writer gets its own temporary file beside the target (so two processes writing the same
file at once cannot interleave), fsyncs it, renames it over the target and fsyncs the folder.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path | str, data: bytes | str, *, mode: int | None = None) -> None:
    """Write `data` (str is UTF-8 encoded as is) to `path`, replacing it in one rename.

    mode: permission bits for the file; default keeps an existing file's, else rw-r--r--.
    Raises OSError (disk full, permission denied, missing folder); the old file is then left
    untouched and no temporary file remains.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
