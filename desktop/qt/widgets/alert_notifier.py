"""Fired alerts told to the user: a tray notification where the platform has a system tray,
and always a line in the status bar (the Alerts tab's log keeps them all).

The tray icon appears with the first alert that fires (none clutters the tray before); clicking
it or its message opens the Alerts tab. Without a tray (the offscreen platform, some desktops)
`tray` stays None and nothing is lost: the status bar and the log say the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from desktop import APP_NAME

MAX_LINES = 3  # events spelled out in one notification; the rest are counted


class AlertNotifier(QObject):
    """Tells of fired alerts; `opened` is called when the user clicks the notification."""

    def __init__(
        self, note: Callable[[str], None], opened: Callable[[], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._note, self._opened = note, opened
        self.tray: QSystemTrayIcon | None = None
        self.last_text = ""

    def notify(self, events: Sequence) -> None:
        """Tell of `events` (FiredAlerts, each told once: the store fires each event once)."""
        if not events:
            return
        lines = [e.message for e in events[:MAX_LINES]]
        if len(events) > MAX_LINES:
            lines.append(f"and {len(events) - MAX_LINES} more in the Alerts tab")
        count = f"{len(events)} alert{'s' if len(events) > 1 else ''} fired"
        self.last_text = f"{count}: {'; '.join(lines)}"
        self._note(self.last_text)
        if self.tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(QApplication.windowIcon(), self)
            self.tray.setToolTip(APP_NAME)
            self.tray.messageClicked.connect(self._opened)
            self.tray.activated.connect(lambda _reason: self._opened())
            self.tray.show()
        if self.tray is not None:
            self.tray.showMessage(f"{APP_NAME}: {count}", "\n".join(lines))
