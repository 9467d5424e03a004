"""Suite-wide set-up: headless Qt and no writes to the real per-user data folder."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own data folder, so nothing touches the user's real files."""
    home = tmp_path / "app-home"
    monkeypatch.setenv("ROTATION_ADVISOR_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return home
