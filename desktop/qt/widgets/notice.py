"""An inline notice: one line of text across the top of a tab, an optional action, a close button.

Used instead of dialogs for outcomes the user should see but need not acknowledge ("Deleted one
suggestion. [Undo]", "Offline: …"). `kind` picks the colour: info, warning or error.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

_STYLES = {  # light backgrounds with dark text in both palettes, so the text always reads
    "info": "background: #e7f0fd; border: 1px solid #9dbcf0;",
    "warning": "background: #fff4d6; border: 1px solid #e0b84a;",
    "error": "background: #fde8e6; border: 1px solid #e5928b;",
}


class InlineNotice(QFrame):
    """Hidden until `show_message`; the action button appears only when given an action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InlineNotice")
        self.setAccessibleName("Notice")
        self.text = QLabel(wordWrap=True)
        self.action = QPushButton()
        self.close_button = QToolButton(text="✕", autoRaise=True)
        self.close_button.setToolTip("Dismiss this notice")
        self.close_button.setAccessibleName("Dismiss notice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self._on_action: Callable[[], None] | None = None
        self.action.clicked.connect(self._on_action_clicked)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def show_message(
        self,
        text: str,
        kind: str = "info",
        action: str = "",
        on_action: Callable[[], None] | None = None,
        tip: str = "",
    ) -> None:
        self.setStyleSheet(
            f"#InlineNotice {{ {_STYLES[kind]} border-radius: 4px; }}"
            "#InlineNotice QLabel { color: #1d1f23; }"
        )
        self.text.setText(text)
        self._on_action = on_action
        self.action.setText(action)
        self.action.setToolTip(tip)
        self.action.setVisible(bool(action) and on_action is not None)
        self.show()

    def _on_action_clicked(self) -> None:
        callback = self._on_action
        self.hide()
        if callback is not None:
            callback()
