"""Where the application keeps its files: the platform's per-user data folder, never the install."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from desktop import APP_ID, ORG_NAME

DB_FILENAME = "rotation-advisor.db"


def data_dir() -> Path:
    """The per-user data folder (created on demand); ROTATION_ADVISOR_HOME overrides it."""
    override = os.environ.get("ROTATION_ADVISOR_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_ID, ORG_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def resources_dir() -> Path:
    """The bundled resources folder (inside the package, or beside a frozen executable)."""
    import resources

    return Path(resources.__file__).resolve().parent
