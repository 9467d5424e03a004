"""The main window's menus, actions and keyboard shortcuts, in one place to read them all."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMenuBar, QSplitter, QTabWidget

    from desktop.qt.controller import Controller
    from desktop.qt.widgets.date_bar import DateBar


class MenuHost(Protocol):
    """What the menus need of the main window: its parts and the actions they trigger."""

    controller: Controller
    date_bar: DateBar
    tabs: QTabWidget
    home_split: QSplitter
    export_allocation: Callable[[], None]
    import_holdings: Callable[[], None]
    save_suggestion: Callable[[], None]
    import_data: Callable[[], None]
    refresh_data: Callable[[], None]
    copy_allocation: Callable[[], None]
    show_about: Callable[[], None]
    close: Callable[[], bool]

    def menuBar(self) -> QMenuBar: ...


Std = QKeySequence.StandardKey


def build_menus(window: MenuHost) -> dict[str, QAction]:
    """Create the File, Edit, View and Help menus; returns the actions by name."""
    c = window.controller
    actions: dict[str, QAction] = {}

    def add(menu, name, text, slot, shortcut, tip):
        action = QAction(text, window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        actions[name] = action
        return action

    file_items = (
        ("export", "&Export allocation…", window.export_allocation, "Ctrl+E",
         "Write the allocation on screen to a CSV file (same layout as the allocate command)"),
        ("holdings", "Import &holdings…", window.import_holdings, "Ctrl+H",
         "Read your current holdings (ticker, shares) to plan the trades"),
        ("save", "&Save suggestion", window.save_suggestion, Std.Save,
         "Keep the allocation on screen, with its settings and readings, in the History"),
        None,
        ("import", "&Import price or macro files…", window.import_data, "Ctrl+I",
         "Import CSV files of prices or macro releases into the database (Data tab)"),
        ("refresh", "&Refresh prices online", window.refresh_data, "F5",
         "Download the missing days from Yahoo Finance (Data tab)"),
        None,
        ("quit", "&Quit", window.close, Std.Quit, "Close the window"),
    )  # fmt: skip
    file_menu = window.menuBar().addMenu("&File")
    for item in file_items:
        file_menu.addSeparator() if item is None else add(file_menu, *item)

    edit = window.menuBar().addMenu("&Edit")
    undo = c.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence(Std.Undo))
    redo = c.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts(_unique([QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(Std.Redo)]))
    edit.addActions([undo, redo])
    actions["undo"], actions["redo"] = undo, redo
    edit.addSeparator()
    copy = add(edit, "copy", "&Copy allocation rows", window.copy_allocation, Std.Copy,
               "Copy the selected allocation rows (all when none is selected) as tab-separated "
               "text")  # fmt: skip
    # Only while Home has focus, so Ctrl+C in the other tabs copies what they show.
    copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.home_split.addAction(copy)
    add(edit, "reset", "&Reset views to signals", lambda: c.reset_views(None), "Ctrl+R",
        "Put every theme back on the view its signals give")  # fmt: skip

    _date_menu(window.menuBar().addMenu("&Date"), window, add)

    view = window.menuBar().addMenu("&View")
    for index in range(window.tabs.count()):
        title = window.tabs.tabText(index)
        add(view, f"tab_{index}", title, lambda i=index: window.tabs.setCurrentIndex(i),
            f"Ctrl+{index + 1}", f"Show the {title} tab")  # fmt: skip

    help_menu = window.menuBar().addMenu("&Help")
    add(help_menu, "about", "&About", window.show_about, None, "Version, data source and licences")
    return actions


DATE_ITEMS = (
    ("day", -1, "Previous &day", "Alt+Left"), ("day", 1, "&Next day", "Alt+Right"),
    ("week", -1, "Previous &week", "Alt+Shift+Left"), ("week", 1, "Next w&eek", "Alt+Shift+Right"),
    ("month", -1, "Previous &month", "Alt+PgUp"), ("month", 1, "Next m&onth", "Alt+PgDown"),
)  # fmt: skip


def _date_menu(menu, window: MenuHost, add) -> None:
    """The time machine's steps, Latest, and a shortcut to type a date."""
    c = window.controller
    add(menu, "date", "&Go to date…", window.date_bar.focus_date, "Ctrl+G",
        "Type or pick the day to replay")  # fmt: skip
    for unit, direction, text, keys in DATE_ITEMS:
        when = "later" if direction > 0 else "earlier"
        add(menu, f"date_{unit}_{direction:+d}", text,
            lambda u=unit, d=direction: c.step_date(u, d), keys,
            f"Show the market one {unit} {when}")  # fmt: skip
    add(menu, "date_latest", "&Latest", lambda: c.set_date(""), "Alt+End",
        "Back to the data's last date")  # fmt: skip


def _unique(sequences: list[QKeySequence]) -> list[QKeySequence]:
    """Each key sequence once: Qt calls a shortcut given twice ambiguous and runs neither."""
    seen: dict[str, QKeySequence] = {}
    for sequence in sequences:
        seen.setdefault(sequence.toString(), sequence)
    return list(seen.values())
