"""Without Qt's X11 libraries the window says what to install instead of Qt aborting."""

from __future__ import annotations

import pytest

from desktop import app
from desktop.qt import system_libs
from desktop.qt.system_libs import explanation, install_command, missing_library

DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'
UBUNTU = "NAME=Ubuntu\nID=ubuntu\nID_LIKE=debian\n"
FEDORA = 'NAME="Fedora Linux"\nID=fedora\n'
ROCKY = 'ID="rocky"\nID_LIKE="rhel centos fedora"\n'
ARCH = "NAME=Arch Linux\nID=arch\n"


def refuse(path: str) -> None:
    raise OSError("libxcb-icccm.so.4: cannot open shared object file: No such file or directory")


@pytest.mark.parametrize(
    ("release", "start"),
    [
        (DEBIAN, "sudo apt-get install -y libxcb-cursor0 "),
        (UBUNTU, "sudo apt-get install -y "),
        (FEDORA, "sudo dnf install -y xcb-util-cursor "),
        (ROCKY, "sudo dnf install -y "),
        (ARCH, "sudo pacman -S --needed "),
        ("", "sudo apt-get install -y "),
    ],
)
def test_the_install_command_fits_the_platform(release, start):
    assert install_command(release).startswith(start)


def test_a_library_the_plugin_cannot_load_is_named():
    env = {"QT_QPA_PLATFORM": "", "DISPLAY": ":0"}
    assert missing_library(env, "linux", refuse) == "libxcb-icccm.so.4"
    assert missing_library(env, "linux", lambda path: None) is None


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),
        ({}, "darwin"),
        ({}, "win32"),
    ],
)
def test_nothing_is_checked_where_qt_does_not_use_xcb(env, platform):
    assert missing_library(env, platform, refuse) is None


def test_the_window_stops_with_the_command_before_starting_anything(monkeypatch, capsys):
    """Issue 10: `make run` without Qt's X libraries aborted with Qt's own message."""
    monkeypatch.setattr(system_libs, "missing_library", lambda: "libxcb-icccm.so.4")
    monkeypatch.setattr(system_libs, "read_os_release", lambda: DEBIAN)
    monkeypatch.setattr("desktop.qt.launch.start_engine", pytest.fail)
    assert app.main([]) == system_libs.EXIT_MISSING_LIBRARIES
    err = capsys.readouterr().err
    assert err == explanation("libxcb-icccm.so.4", DEBIAN) + "\n"
    assert "\n    sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 " in err
