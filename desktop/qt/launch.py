"""Start the desktop window: `run_gui(args)` is what `rotation-advisor` runs without a sub-command.

Start-up is ordered for a fast first paint and a fast first answer on a machine with two cores:
1. the engine's process starts first, before Qt is even imported, and imports pandas, cvxpy and
   the signals on the second core (about 1 s; `desktop.engine.process`);
2. meanwhile this process imports Qt, builds the window from the last session's state (plain
   JSON in QSettings; no pandas, no cvxpy) and paints it (`desktop.qt.application`);
3. after the first frame the controller asks the engine for the data, the signals and the
   answer, which wait in the pipe until the engine's imports are done.
Only light modules are imported at the top of this file, so step 1 starts at once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.engine.process import EngineProcess


def run_gui(args: argparse.Namespace) -> int:
    """Open the window; returns the exit code (`desktop.qt.self_test` runs `--self-test`)."""
    from desktop.qt import system_libs

    if (problem := system_libs.check()) is not None:  # Qt would abort with its own words
        print(problem, file=sys.stderr)
        return system_libs.EXIT_MISSING_LIBRARIES
    engine = start_engine(args.db)
    try:
        from PySide6.QtCore import QSettings

        from desktop.qt.application import build_window, make_application, start_after_first_paint

        app = make_application()
        window = build_window(app, engine, QSettings())
        window.show()
        start_after_first_paint(window)
        return app.exec()
    finally:
        engine.close()


def start_engine(db_path: str | Path | None = None) -> EngineProcess:
    """The engine in its own process (`desktop.engine.process.EngineProcess`), started now, on
    `db_path` or the default database; close it when done."""
    from desktop.data.paths import default_db_path
    from desktop.engine.process import EngineProcess

    return EngineProcess(db_path or default_db_path())
