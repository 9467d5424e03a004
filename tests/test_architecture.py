"""The layering contracts bite: a forbidden import seeded into each wing breaks `lint-imports`.

Each case copies the three packages and pyproject.toml into a scratch folder, adds one line to
one module (or a new module, which the contracts must cover the day it is added) and runs
import-linter there. The real tree's own check runs in `make test` (`make lint`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("desktop", "allocator", "signals")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

QT = "only the Qt wing imports Qt"
PURE = "the domain and the pure cores do no I/O"
DATA = "only the data wing talks to SQLite and Yahoo"
WINGS = "desktop's wings: app, then Qt and CLI, then engine, data, the advice domain"
CORES = "desktop on top; allocator and signals independent"
WIDGETS = "widgets ask their controllers: no store, file, engine or jobs lane in a widget"

SEEDS = [
    # (module to seed, import line, contract it must break)
    ("desktop/advice/advisor.py", "import PySide6.QtCore", QT),
    ("desktop/advice/tables/tilts.py", "import yfinance", PURE),
    ("desktop/advice/state.py", "import sqlite3", PURE),
    ("desktop/advice/brand_new_module.py", "import pyqtgraph", QT),
    ("desktop/advice/knobs.py", "import desktop.data.paths", WINGS),
    ("desktop/data/paths.py", "import desktop.engine.pipeline", WINGS),
    ("desktop/data/brand_new_module.py", "from PySide6 import QtWidgets", QT),
    ("desktop/engine/pipeline.py", "import PySide6", QT),
    ("desktop/engine/engine.py", "import sqlite_utils", DATA),
    ("desktop/engine/pipeline.py", "import desktop.cli.allocate", WINGS),
    ("desktop/cli/signals.py", "import desktop.qt.controller", WINGS),
    ("desktop/cli/allocate.py", "import sqlite3", DATA),
    ("desktop/qt/controller.py", "import yfinance", DATA),
    ("desktop/qt/jobs.py", "import desktop.app", WINGS),
    ("desktop/qt/widgets/charts_tab.py", "import desktop.engine.charts", WIDGETS),
    ("desktop/qt/widgets/data_tab.py", "import desktop.data.market.store", WIDGETS),
    ("desktop/qt/widgets/history_tab.py", "import desktop.data.history", WIDGETS),
    ("desktop/qt/widgets/brand_new_widget.py", "import desktop.data.source", WIDGETS),
    ("desktop/qt/widgets/universe_editor.py", "from desktop.qt.jobs import Lane", WIDGETS),
    ("signals/spec.py", "import allocator", CORES),
    ("allocator/risk.py", "import desktop", CORES),
    ("allocator/risk.py", "import sqlite3", PURE),
    ("signals/brand_new_module.py", "import PySide6", QT),
]


def _scratch_copy(tmp_path: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(folder: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(folder))
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_unseeded_copy_keeps_every_contract(tmp_path):
    result = _lint(_scratch_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "contract"), SEEDS)
def test_a_seeded_forbidden_import_breaks_its_contract(tmp_path, module, line, contract):
    folder = _scratch_copy(tmp_path)
    target = folder / module
    text = target.read_text(encoding="utf-8") if target.exists() else '"""Seeded."""\n'
    target.write_text(text + f"\n{line}  # seeded\n", encoding="utf-8")
    result = _lint(folder)
    assert result.returncode != 0, f"{module}: {line!r} passed every contract"
    assert f"{contract} BROKEN" in result.stdout, result.stdout
