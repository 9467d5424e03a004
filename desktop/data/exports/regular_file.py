"""Files the app reads or replaces must be regular files.

Reading a pipe waits forever for a writer, reading a device such as /dev/zero never ends, and
replacing a device or a folder destroys something that was not the user's file. Every reader of
a user-named file (holdings, universe, tilt table, price files) and every atomic write checks
first, with one stat.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path


class NotRegularFileError(OSError):
    """The path names a folder, a device or a pipe: nothing was read from or written to it."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(errno.EINVAL, f"{path} is {what}, not a regular file", str(path))
        self.what = what


def require_regular_file(path: Path) -> None:
    """Raise NotRegularFileError unless `path` is a regular file (a link to one counts);
    FileNotFoundError when nothing is there."""
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(path, "a folder" if stat.S_ISDIR(mode) else "a device or a pipe")
