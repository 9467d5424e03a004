"""The time machine: the day the window shows, how old the data is, and steps through time.

A date box with a calendar, buttons to step a day, week or month either way, and Latest. It
renders `AppState.dates` and emits what the user asks for; the controller recomputes the cards,
sparklines, views, allocation and reasons for that day. The sentence beside it says how old the
data is against today (amber when more than a week), and whether a past day is being replayed.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.advice.state import Dates
from desktop.qt.widgets.palette import Theme

ISO = "yyyy-MM-dd"
TYPING_PAUSE_MS = 600  # a date typed digit by digit is asked for once the typing pauses
STEPS = (("month", -1, "◀ Month"), ("week", -1, "◀ Week"), ("day", -1, "◀ Day"),
         ("day", 1, "Day ▶"), ("week", 1, "Week ▶"), ("month", 1, "Month ▶"))  # fmt: skip


class DateBar(QWidget):
    """Renders the shown day and the data's age; asks for other days."""

    date_chosen = Signal(str)  # YYYY-MM-DD, or "" for the data's last date
    step_requested = Signal(str, int)  # unit ("day", "week", "month"), direction (+1, -1)

    def __init__(self) -> None:
        super().__init__()
        self.date_box = QDateEdit(calendarPopup=True, displayFormat=ISO)
        self.date_box.setAccessibleName("As-of date")
        self.date_box.setToolTip("The day the advice is for: replay any day of the data")
        self.date_box.dateChanged.connect(self._on_date_box_date_changed)
        self.latest = QPushButton("Latest")
        self.latest.setToolTip("Back to the data's last date")
        self.latest.clicked.connect(lambda: self.date_chosen.emit(""))
        self.age = QLabel(wordWrap=True)
        self.age.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.age.setAccessibleName("Data age")
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._emit_box_date)
        self._rendering = False
        self.step_buttons = [self._step_button(*step) for step in STEPS]
        self._lay_out()

    def _step_button(self, unit: str, direction: int, text: str) -> QPushButton:
        button = QPushButton(text)
        when = "later" if direction > 0 else "earlier"
        button.setToolTip(f"Show the market one {unit} {when}")
        button.setAccessibleName(f"One {unit} {when}")
        button.clicked.connect(lambda: self.step_requested.emit(unit, direction))
        return button

    def _lay_out(self) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(QLabel("As of"))
        row.addWidget(self.date_box)
        for button in self.step_buttons:
            row.addWidget(button)
        row.addWidget(self.latest)
        row.addWidget(self.age, 1)

    def render(self, dates: Dates, theme: Theme) -> None:
        """Show `dates`: the range the box accepts, the day shown, the age sentence."""
        self._rendering = True
        try:
            if dates.first and dates.last:
                self.date_box.setDateRange(_qdate(dates.first), _qdate(dates.last))
            shown = dates.chosen or dates.shown or dates.last
            if shown and not self._typing.isActive():
                self.date_box.setDate(_qdate(shown))
        finally:
            self._rendering = False
        self.latest.setEnabled(not dates.is_latest)
        self.age.setText(_age_text(dates))
        amber = dates.old or not dates.is_latest
        self.age.setStyleSheet(
            f"QLabel {{ background: {theme.warning}; color: #000000; padding: 2px 6px; }}"
            if amber
            else ""
        )

    def focus_date(self) -> None:
        self.date_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.date_box.selectAll()

    def _on_date_box_date_changed(self, _date: QDate) -> None:
        if not self._rendering:
            self._typing.start()

    def _emit_box_date(self) -> None:
        self.date_chosen.emit(self.date_box.date().toString(ISO))


def _qdate(text: str) -> QDate:
    return QDate.fromString(text, ISO)


def _age_text(dates: Dates) -> str:
    parts = []
    if not dates.is_latest and dates.shown:
        parts.append(f"Replaying {dates.shown}: advice as the data stood that day.")
    if dates.age:
        parts.append(dates.age)
    parts += list(dates.notes)
    return " ".join(parts)
