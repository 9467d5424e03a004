"""The status bar: where the data comes from, how many series are stale, what is running."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from desktop.advice.state import AppState, Phase

MESSAGE_MS = 6000


class StatusBar(QStatusBar):
    """Permanent fields on the right: data source, stale count, activity with progress/cancel."""

    cancel_requested = Signal(str)  # the key of the job to cancel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = QLabel()
        self.source.setToolTip("Where the prices come from, and the date of the latest one")
        self.source.setAccessibleName("Data source")
        self.stale = QLabel()
        self.stale.setToolTip("Price or macro series older than 5 business days (see the Data tab)")
        self.stale.setAccessibleName("Stale series")
        self.activity = QLabel()
        self.activity.setAccessibleName("Activity")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Progress")
        self.progress.hide()
        self.cancel = QToolButton()
        self.cancel.setText("Cancel")
        self.cancel.setToolTip("Stop the running download or import")
        self.cancel.setAccessibleName("Cancel the running job")
        self.cancel.hide()
        self.cancel.clicked.connect(lambda: self.cancel_requested.emit(self._job))
        self._job = ""
        for widget in (self.activity, self.progress, self.cancel, self.stale, self.source):
            self.addPermanentWidget(widget)

    def render(self, state: AppState) -> None:
        self.source.setText(state.data_label)
        count = state.stale_count
        self.stale.setText("no stale series" if count == 0 else f"{count} stale series")
        style = "" if count == 0 else "color: #b35900; font-weight: 600"
        if self.stale.styleSheet() != style:  # re-styling on every render costs a re-polish
            self.stale.setStyleSheet(style)
        busy = state.phase is not Phase.READY
        self.activity.setText(state.phase.value if busy else "")
        if busy and not self._job:
            self.progress.setRange(0, 0)  # indeterminate while computing
        self.progress.setVisible(busy or bool(self._job))

    def show_progress(self, job: str, fraction: float, text: str) -> None:
        """A cancellable job reports progress; fraction >= 1 ends it."""
        done = fraction >= 1.0
        self._job = "" if done else job
        self.progress.setRange(0, 100)
        self.progress.setValue(round(100 * min(1.0, fraction)))
        self.progress.setVisible(not done)
        self.cancel.setVisible(not done)
        self.activity.setText("" if done else text)

    def end_job(self) -> None:
        self._job = ""
        self.cancel.hide()
        self.progress.hide()
        self.activity.setText("")

    def note(self, text: str) -> None:
        self.showMessage(text, MESSAGE_MS)
