"""The tilt panel: one slider per theme, the optimiser's knobs, and the portfolio value.

Theme sliders run from -100 to +100 (a view of -1 to +1). A triangle under the groove marks where
the signals put the view; the handle is where the optimiser takes it from. Dragging the handle
makes the theme an override (labelled as such) until "Reset" puts it back on the marker.
The panel only emits intents; the controller decides what they do, and `render` redraws it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.advice.state import AppState, class_label, signed
from desktop.qt.widgets.palette import Theme
from desktop.qt.widgets.theme_slider import ViewSlider


@dataclass(frozen=True, slots=True)
class KnobSpec:
    """How an optimiser knob maps to an integer slider position 0..steps.

    log: positions are spaced evenly in log(value) (for risk aversion, which spans decades).
    """

    name: str
    label: str
    lo: float
    hi: float
    steps: int
    log: bool
    fmt: str
    tooltip: str

    def to_position(self, value: float) -> int:
        value = min(self.hi, max(self.lo, value))
        if self.log:
            t = math.log(value / self.lo) / math.log(self.hi / self.lo)
        else:
            t = (value - self.lo) / (self.hi - self.lo)
        return round(t * self.steps)

    def to_value(self, position: int) -> float:
        t = position / self.steps
        if self.log:
            return float(self.lo * (self.hi / self.lo) ** t)
        return float(self.lo + t * (self.hi - self.lo))


KNOBS = (
    KnobSpec(
        "risk_aversion",
        "Risk aversion",
        0.1,
        100.0,
        120,
        True,
        "{:.2g}",
        "How strongly active risk is penalised (gamma). Higher keeps the portfolio closer to the "
        "model; lower lets the views move it further.",
    ),
    KnobSpec(
        "te_cap_pct",
        "Tracking-error cap",
        0.0,
        10.0,
        100,
        False,
        "{:.1f} %",
        "Hard limit on the expected annualised deviation from the model portfolio, in percent.",
    ),
    KnobSpec(
        "max_active_pct",
        "Max active per asset",
        0.5,
        25.0,
        49,
        False,
        "{:.1f} pts",
        "Largest allowed difference between an asset's suggested and model weight, in "
        "percentage points.",
    ),
    KnobSpec(
        "turnover_penalty",
        "Turnover penalty",
        0.0,
        0.02,
        100,
        False,
        "{:.2%}",
        "Cost charged per unit of weight traded (one way). Higher means fewer, smaller trades.",
    ),
)


class TiltPanel(QWidget):
    """Sliders and fields; emits what the user asked for, never changes the state itself."""

    view_changed = Signal(str, float)  # theme, view in [-1, 1]
    views_reset = Signal(object)  # tuple of theme names, or None for all
    knob_changed = Signal(str, float)  # Knobs field name, value in that field's unit
    gesture_finished = Signal()  # a slider was released: the next change is a new undo step
    holdings_requested = Signal()
    holdings_cleared = Signal()
    class_bounds_changed = Signal(str, float, float)  # asset class, min %, max %

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Tilt panel")
        self._theme_box = QGroupBox("Theme views (−1 underweight … +1 overweight)")
        self._theme_grid = QGridLayout(self._theme_box)
        self._theme_grid.setColumnStretch(1, 1)
        self.sliders: dict[str, ViewSlider] = {}
        self._values: dict[str, QLabel] = {}
        self._resets: dict[str, QToolButton] = {}
        self.reset_all = QPushButton("Reset to signals")
        self.reset_all.setToolTip("Put every theme back on the view its signals give (Ctrl+R)")
        self.reset_all.setAccessibleName("Reset all views to the signals")
        self.reset_all.clicked.connect(lambda: self.views_reset.emit(None))
        self._theme_grid.addWidget(self.reset_all, 99, 0, 1, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._theme_box)
        layout.addWidget(self._knob_box())
        self._limits_box = QGroupBox("Asset-class limits (% of the portfolio)")
        self._limits = QGridLayout(self._limits_box)
        self._bounds: dict[str, tuple[QDoubleSpinBox, QDoubleSpinBox]] = {}
        self._rows_of: tuple[tuple, tuple] = ((), ())  # the themes and classes the rows show
        layout.addWidget(self._limits_box)
        layout.addWidget(self._money_box())
        layout.addStretch(1)

    def _knob_box(self) -> QGroupBox:
        box = QGroupBox("Optimiser")
        form = QFormLayout(box)
        self.knob_sliders: dict[str, QSlider] = {}
        self._knob_values: dict[str, QLabel] = {}
        for spec in KNOBS:
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, spec.steps)
            slider.setToolTip(spec.tooltip)
            slider.setAccessibleName(spec.label)
            value = QLabel()
            value.setMinimumWidth(54)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            slider.valueChanged.connect(
                lambda pos, s=spec: self.knob_changed.emit(s.name, s.to_value(pos))
            )
            slider.sliderReleased.connect(self.gesture_finished)
            row = QHBoxLayout()
            row.addWidget(slider, stretch=1)
            row.addWidget(value)
            form.addRow(spec.label, row)
            self.knob_sliders[spec.name], self._knob_values[spec.name] = slider, value
        return box

    def _money_box(self) -> QGroupBox:
        box = QGroupBox("Portfolio")
        form = QFormLayout(box)
        self.value = QDoubleSpinBox()
        self.value.setRange(0, 1e11)
        self.value.setDecimals(0)
        self.value.setSingleStep(1000)
        self.value.setPrefix("$ ")
        self.value.setGroupSeparatorShown(True)
        self.value.setSpecialValueText("not set")
        self.value.setKeyboardTracking(False)
        self.value.setToolTip("Money to allocate, in USD; the table then shows values and shares")
        self.value.setAccessibleName("Portfolio value in US dollars")
        self.value.valueChanged.connect(lambda v: self.knob_changed.emit("portfolio_value", v))
        form.addRow("Value", self.value)
        self.holdings = QPushButton("Import holdings…")
        self.holdings.setToolTip(
            "Read your current holdings (CSV: ticker, shares) for the trade list"
        )
        self.holdings.setAccessibleName("Import holdings")
        self.holdings.clicked.connect(self.holdings_requested)
        self.holdings_label = QLabel("none")
        self.holdings_label.setToolTip("The holdings file the trade list starts from")
        self.clear_holdings = QToolButton()
        self.clear_holdings.setText("✕")
        self.clear_holdings.setToolTip("Forget the holdings: plan the trades from cash")
        self.clear_holdings.setAccessibleName("Clear holdings")
        self.clear_holdings.clicked.connect(self.holdings_cleared)
        holdings_row = QHBoxLayout()
        holdings_row.addWidget(self.holdings_label, stretch=1)
        holdings_row.addWidget(self.clear_holdings)
        form.addRow(self.holdings, holdings_row)
        return box

    def render(self, state: AppState, theme: Theme) -> None:
        self._forget_old_rows(state)
        for t in state.themes:
            if t.name not in self.sliders:
                self._add_theme_row(t.name, t.label)
            self._render_theme(t.name, t.label, t.signal_view, state, theme)
        for spec in KNOBS:
            value = getattr(state.knobs, spec.name)
            _set_quietly(self.knob_sliders[spec.name], spec.to_position(value))
            self._knob_values[spec.name].setText(spec.fmt.format(value))
        if not self.value.hasFocus():
            self.value.blockSignals(True)
            self.value.setValue(state.knobs.portfolio_value)
            self.value.blockSignals(False)
        self.holdings_label.setText(state.holdings_file.rsplit("/", 1)[-1] or "none")
        self.clear_holdings.setEnabled(bool(state.holdings_file))
        for asset_class in state.asset_classes:
            if asset_class.name not in self._bounds:
                self._add_class_row(asset_class.name, asset_class.model_pct)
            lo, hi = state.knobs.class_bounds.get(asset_class.name, (0.0, 100.0))
            for spin, value in zip(self._bounds[asset_class.name], (lo, hi), strict=True):
                if not spin.hasFocus():
                    spin.blockSignals(True)
                    spin.setValue(value)
                    spin.blockSignals(False)
        self._limits_box.setVisible(bool(state.asset_classes))
        self.reset_all.setEnabled(bool(state.knobs.overrides))

    def _forget_old_rows(self, state: AppState) -> None:
        """Another portfolio (or an edited universe) has other themes or asset classes: drop
        the old rows, so `render` builds the new ones."""
        themes = tuple((t.name, t.label) for t in state.themes)
        classes = tuple((c.name, c.model_pct) for c in state.asset_classes)
        old_themes, old_classes = self._rows_of
        if themes and themes != old_themes:
            _clear(self._theme_grid, keep=self.reset_all)
            self.sliders.clear()
            self._values.clear()
            self._resets.clear()
        if classes and classes != old_classes:
            _clear(self._limits)
            self._bounds.clear()
        self._rows_of = (themes or old_themes, classes or old_classes)

    def _add_class_row(self, name: str, model_pct: float) -> None:
        row = len(self._bounds)
        label = class_label(name)
        spins = []
        for which, value in (("minimum", 0.0), ("maximum", 100.0)):
            spin = QDoubleSpinBox()
            spin.setRange(0.0, 100.0)
            spin.setDecimals(0)
            spin.setSuffix(" %")
            spin.setValue(value)
            spin.setKeyboardTracking(False)
            spin.setToolTip(
                f"{which.capitalize()} total weight of {label} (model: {model_pct:g} %)"
            )
            spin.setAccessibleName(f"{label} {which} weight")
            spins.append(spin)
        lo, hi = spins
        emit = lambda _=0.0, n=name: self.class_bounds_changed.emit(n, lo.value(), hi.value())  # noqa: E731
        lo.valueChanged.connect(emit)
        hi.valueChanged.connect(emit)
        self._limits.addWidget(QLabel(f"{label} ({model_pct:g} %)"), row, 0)
        self._limits.addWidget(lo, row, 1)
        self._limits.addWidget(QLabel("to"), row, 2)
        self._limits.addWidget(hi, row, 3)
        self._bounds[name] = (lo, hi)

    def _add_theme_row(self, name: str, label: str) -> None:
        row = len(self.sliders)
        slider = ViewSlider()
        slider.valueChanged.connect(lambda pos, n=name: self.view_changed.emit(n, pos / 100))
        slider.sliderReleased.connect(self.gesture_finished)
        value = QLabel()
        value.setMinimumWidth(96)
        reset = QToolButton()
        reset.setText("↺")
        reset.setToolTip(f"Reset {label} to the signals' view")
        reset.setAccessibleName(f"Reset {label} to signals")
        reset.clicked.connect(lambda _=False, n=name: self.views_reset.emit((n,)))
        self._theme_grid.addWidget(QLabel(label), row, 0)
        self._theme_grid.addWidget(slider, row, 1)
        self._theme_grid.addWidget(value, row, 2)
        self._theme_grid.addWidget(reset, row, 3)
        self.sliders[name], self._values[name], self._resets[name] = slider, value, reset

    def _render_theme(
        self, name: str, label: str, signal_view: float, state: AppState, theme: Theme
    ) -> None:
        slider, override = self.sliders[name], state.is_override(name)
        view = state.view(name)
        slider.set_colours(theme)
        slider.set_signal_position(round(signal_view * 100))
        if not slider.isSliderDown():
            _set_quietly(slider, round(view * 100))
        tag = f" <b style='color:{theme.highlight}'>override</b>" if override else ""
        self._values[name].setText(f"{signed(view)}{tag}")
        self._resets[name].setEnabled(override)
        source = "your override" if override else "the signals"
        slider.setToolTip(
            f"{label}: view {signed(view)} from {source}; the signals say {signed(signal_view)} "
            "(triangle). Drag to override."
        )
        slider.setAccessibleName(f"{label} view")
        slider.setAccessibleDescription(f"{signed(view)}, signals {signed(signal_view)}")


def _clear(grid: QGridLayout, keep: QWidget | None = None) -> None:
    for index in reversed(range(grid.count())):
        widget = grid.itemAt(index).widget()
        if widget is not None and widget is not keep:
            grid.removeWidget(widget)
            widget.deleteLater()


def _set_quietly(slider: QSlider, position: int) -> None:
    if slider.value() != position and not slider.isSliderDown():
        slider.blockSignals(True)
        slider.setValue(position)
        slider.blockSignals(False)
