"""Save a PNG of every tab on the demo data (`make screenshots`), and the README's home view.

    python scripts/screenshots.py [--out screenshots] [--home docs/home.png] [--dark]
                                  [--db PATH] [--as-of YYYY-MM-DD] [--size 1366x768]

Runs offscreen with a fresh, temporary data folder, so by default it shows the bundled demo data
("Demo data (synthetic)") and never touches your own settings or database; `--db` runs on a
copy of a database instead (the README's home view is then left alone), `--as-of` replays a
past day. Each tab is shown, given time for its background jobs to finish, then grabbed at
1440 x 900 (or `--size`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1440, 900


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--home", type=Path, default=ROOT / "docs" / "home.png")
    parser.add_argument("--dark", action="store_true", help="force the dark palette")
    parser.add_argument("--db", type=Path, help="a database to show (a copy is used)")
    parser.add_argument("--as-of", default="", help="replay this day (YYYY-MM-DD)")
    parser.add_argument("--size", default=f"{WIDTH}x{HEIGHT}", help="window size, e.g. 1366x768")
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="rotation-advisor-shots-") as tmp:
        os.environ["ROTATION_ADVISOR_HOME"] = str(Path(tmp) / "home")
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        db = Path(tmp) / "empty.db"
        if args.db:
            shutil.copy(args.db, db)
        size = tuple(int(x) for x in args.size.lower().split("x"))
        home = None if args.db or args.as_of else args.home
        saved = take_screenshots(db, args.out, home, dark=args.dark, size=size, as_of=args.as_of)
    for path in saved:
        print(f"saved {path} ({path.stat().st_size // 1024} KB)")
    return 0


def take_screenshots(
    db: Path, out: Path, home: Path | None, *, dark: bool, size=(WIDTH, HEIGHT), as_of: str = ""
) -> list[Path]:
    from desktop.qt.launch import start_engine

    engine = start_engine(db)
    from PySide6.QtCore import QSettings

    from desktop.qt.application import build_window, make_application
    from desktop.qt.widgets import palette

    app = make_application()
    settings = QSettings(str(db.parent / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(app, engine, settings)
    if dark:
        palette.apply_theme(app, palette.DARK)
        window.set_theme(palette.DARK)
    window.resize(*size)
    window.show()
    window.controller.start()
    _settle(app, window, lambda: all(c.history for c in window.controller.state.cards))
    if as_of:
        window.controller.set_date(as_of)
        _settle(app, window, lambda: window.controller.state.dates.shown <= as_of)
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    suffix = ("-dark" if dark else "") + (f"-{as_of}" if as_of else "")
    suffix += "" if size == (WIDTH, HEIGHT) else f"-{size[0]}x{size[1]}"
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        _settle(app, window)
        name = window.tabs.tabText(index).lower()
        path = out / f"{index + 1}-{name}{suffix}.png"
        window.grab().save(str(path))
        saved.append(path)
        if index == 0 and not dark and home is not None:
            home.parent.mkdir(parents=True, exist_ok=True)
            _save_small(window.grab(), home)
            saved.append(home)
    saved += _backtest_shots(app, window, out, suffix)
    window.close()
    window.controller.jobs.shutdown()
    return saved


def _backtest_shots(app, window, out: Path, suffix: str) -> list[Path]:
    """The Backtest tab after a run (statistics, growth, weights) and after a sweep (heatmaps)."""
    tab = window.open_tab("backtest")
    index = window.tabs.currentIndex() + 1
    shots = []

    def grab(name: str) -> None:
        _settle(app, window)
        path = out / f"{index}-backtest-{name}{suffix}.png"
        window.grab().save(str(path))
        shots.append(path)

    tab.runner.run.click()
    _settle(app, window, lambda: bool(tab.runs), timeout_s=600.0)
    grab("statistics")
    tab.pages.setCurrentWidget(tab.plots)
    for row, name in ((0, "growth"), (3, "weights"), (4, "contributions")):
        tab.plots.picker.setCurrentIndex(row)
        grab(name)
    tab.sweeper.run.click()
    _settle(app, window, lambda: bool(tab.sweep.outcomes), timeout_s=900.0)
    grab("sweep")
    return shots


def _settle(app, window, ready=lambda: True, timeout_s: float = 30.0) -> None:
    """Process events until background jobs are idle and `ready()` holds, then a little more."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents()
        if not window.controller.jobs.busy and ready():
            break
        time.sleep(0.02)
    else:
        sys.exit(f"screenshots: the window did not settle within {timeout_s:.0f} s")
    end = time.monotonic() + 0.5  # let charts lay out and repaint
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _save_small(pixmap, path: Path, width: int = 1100) -> None:
    """The README's copy: scaled to `width` and reduced to 256 colours (well under 300 KB)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = pixmap.toImage().scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.AvoidDither)
    image.save(str(path), "PNG", 0)


if __name__ == "__main__":
    sys.exit(main())
