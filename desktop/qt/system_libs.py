"""Before Qt starts on Linux: are the system libraries its X11 (xcb) plugin needs installed?

Without them Qt aborts the process with its own message ("Could not load the Qt platform plugin
"xcb" in "" even though it was found"), which does not say what to install. `missing_library`
loads the plugin as Qt would (the dynamic loader resolves its dependencies), so the window can
stop first and `explanation` can name the missing library and print the command that installs
all of Qt's X11 libraries for the platform (from /etc/os-release).
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

EXIT_MISSING_LIBRARIES = 1

INSTALL_COMMANDS = {
    "debian": "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-image0 "
    "libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 "
    "libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3",
    "fedora": "sudo dnf install -y xcb-util-cursor xcb-util-wm xcb-util-image xcb-util-keysyms "
    "xcb-util-renderutil libxkbcommon-x11 mesa-libEGL mesa-libGL fontconfig dbus-libs",
    "arch": "sudo pacman -S --needed xcb-util-cursor xcb-util-wm xcb-util-image "
    "xcb-util-keysyms xcb-util-renderutil libxkbcommon-x11 libglvnd fontconfig dbus",
    "suse": "sudo zypper install -y libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 "
    "libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 "
    "libxkbcommon-x11-0 libEGL1 Mesa-libGL1 fontconfig libdbus-1-3",
}
"""Qt 6's X11 run-time libraries (doc.qt.io, "Qt for X11 Requirements"), per package family."""
_FAMILIES = {
    "debian": "debian", "ubuntu": "debian", "linuxmint": "debian", "pop": "debian",
    "fedora": "fedora", "rhel": "fedora", "centos": "fedora", "rocky": "fedora",
    "almalinux": "fedora", "arch": "arch", "manjaro": "arch", "endeavouros": "arch",
    "opensuse": "suse", "suse": "suse", "sles": "suse",
}  # fmt: skip
_SONAME = re.compile(r"([\w.+-]+\.so(?:\.\d+)*)")


def missing_library(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    load: Callable[[str], object] = ctypes.CDLL,
) -> str | None:
    """The library that stops Qt's xcb plugin from loading ("libxcb-icccm.so.4"), or None when
    it loads, when Qt will not use it (not Linux, another QT_QPA_PLATFORM, a Wayland session)
    or when the plugin is not where PySide6 keeps it."""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if not platform.startswith("linux") or chosen not in ("", "xcb"):
        return None
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        return None
    plugin = _xcb_plugin()
    if plugin is None:
        return None
    try:
        load(str(plugin))
    except OSError as exc:
        found = _SONAME.search(str(exc))
        return found.group(1) if found else str(exc)
    return None


def install_command(os_release: str) -> str:
    """The command that installs Qt's X11 libraries on the system `os_release` (the text of
    /etc/os-release) describes; the Debian/Ubuntu one when the family is unknown."""
    fields = dict(line.split("=", 1) for line in os_release.splitlines() if "=" in line)
    names = f"{fields.get('ID', '')} {fields.get('ID_LIKE', '')}".replace('"', "").split()
    family = next((_FAMILIES[n] for n in names if n in _FAMILIES), "debian")
    return INSTALL_COMMANDS[family]


def explanation(library: str, os_release: str) -> str:
    """What to tell the user when `library` is missing, with the command to run."""
    return (
        f"Rotation Advisor cannot open its window: {library}, a system library Qt needs to "
        "draw on X11, is not installed. Install Qt's X11 libraries with\n\n"
        f"    {install_command(os_release)}\n\n"
        "and start it again. The command-line tools work without them "
        "(rotation-advisor --help)."
    )


def check() -> str | None:
    """The explanation when Qt could not open a window on this machine, else None."""
    library = missing_library()
    return None if library is None else explanation(library, read_os_release())


def read_os_release() -> str:
    for path in (Path("/etc/os-release"), Path("/usr/lib/os-release")):
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            continue
    return ""


def _xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(spec.submodule_search_locations[0]) / "Qt/plugins/platforms/libqxcb.so"
    return plugin if plugin.exists() else None
