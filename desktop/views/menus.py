"""The main window's menus, actions and keyboard shortcuts, in one place to read them all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from desktop.views.main_window import MainWindow


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Create the File, Edit, View and Help menus; returns the actions by name."""
    c = window.controller
    actions: dict[str, QAction] = {}

    def add(menu, name, text, slot, shortcut=None, tip=""):
        action = QAction(text, window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        actions[name] = action
        return action

    file = window.menuBar().addMenu("&File")
    add(
        file,
        "export",
        "&Export allocation…",
        window.export_allocation,
        "Ctrl+E",
        "Write the allocation on screen to a CSV file (same layout as the allocate command)",
    )
    add(
        file,
        "holdings",
        "Import &holdings…",
        window.import_holdings,
        "Ctrl+H",
        "Read your current holdings (ticker, shares) to plan the trades",
    )
    file.addSeparator()
    add(file, "quit", "&Quit", window.close, QKeySequence.StandardKey.Quit, "Close the window")

    edit = window.menuBar().addMenu("&Edit")
    undo = c.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = c.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
    edit.addActions([undo, redo])
    actions["undo"], actions["redo"] = undo, redo
    edit.addSeparator()
    copy = add(
        edit,
        "copy",
        "&Copy allocation rows",
        window.copy_allocation,
        QKeySequence.StandardKey.Copy,
        "Copy the selected allocation rows (all when none is selected) as tab-separated text",
    )
    # Only while Home has focus, so Ctrl+C in the other tabs copies what they show.
    copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.home_split.addAction(copy)
    add(
        edit,
        "reset",
        "&Reset views to signals",
        lambda: c.reset_views(None),
        "Ctrl+R",
        "Put every theme back on the view its signals give",
    )

    view = window.menuBar().addMenu("&View")
    for index in range(window.tabs.count()):
        title = window.tabs.tabText(index)
        add(
            view,
            f"tab_{index}",
            title,
            lambda _=False, i=index: window.tabs.setCurrentIndex(i),
            f"Ctrl+{index + 1}",
            f"Show the {title} tab",
        )

    help_menu = window.menuBar().addMenu("&Help")
    add(help_menu, "about", "&About", window.show_about, None, "Version, data source and licences")
    return actions
