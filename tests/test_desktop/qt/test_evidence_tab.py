"""The Evidence tab: a row per theme and per signal with IC, t, n and the record in words, noise
greyed and wrong-way records in red, a chart per theme, the day Home shows. On the demo data."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.advice.state import AppState, Dates, Phase
from desktop.engine.engine import Engine
from desktop.qt.controllers.evidence import EvidenceController
from desktop.qt.widgets.evidence_tab import WRONG_WAY, EvidenceTab
from tests.test_desktop.fake_controller import FakeController


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROTATION_ADVISOR_HOME", str(folder))
        engine = Engine(folder / "missing.db")
        engine.load()
        engine.compute_signals()
        yield engine


@pytest.fixture
def home(tmp_path, engine):
    asked: list[str | None] = []

    def evidence(as_of=None):
        asked.append(as_of)
        return engine.evidence(as_of)

    controller = FakeController(tmp_path / "market.db", AppState(phase=Phase.READY),
                                evidence=evidence)  # fmt: skip
    controller.asked = asked
    return controller


def _text(table, row: int, column: str, columns) -> str:
    return table.item(row, columns.index(column)).text()


def test_each_theme_and_signal_has_its_figures_and_record(qtbot, home):
    tab = EvidenceTab(EvidenceController(home))
    qtbot.addWidget(tab)
    book = tab.view.book
    assert tab.themes.rowCount() == len(book.themes)
    assert tab.signals.rowCount() == len(book.signals)
    first = next(iter(book.themes.values()))
    columns = ("Theme", "IC", "t", "n", "Hit %", "Since", "Record")
    assert _text(tab.themes, 0, "Theme", columns) == tab.view.labels[first.theme]
    assert _text(tab.themes, 0, "IC", columns) == f"{first.ic.ic:+.3f}"
    assert _text(tab.themes, 0, "n", columns) == str(first.ic.n)
    assert _text(tab.themes, 0, "Record", columns) == first.sentence
    assert tab.heading.text().startswith(f"As of {book.as_of:%Y-%m-%d}")


def test_noise_is_grey_and_a_wrong_way_record_is_red(qtbot, home):
    tab = EvidenceTab(EvidenceController(home))
    qtbot.addWidget(tab)
    grey = tab.signals.palette().placeholderText().color()
    for row, record in enumerate(tab.view.book.signals):
        colour = tab.signals.item(row, 0).foreground().color()
        if record.sentence.endswith("wrong way"):
            assert colour == WRONG_WAY
        elif abs(record.ic.t_stat) < 2:
            assert colour == grey


def test_picking_a_row_draws_its_theme(qtbot, home):
    tab = EvidenceTab(EvidenceController(home))
    qtbot.addWidget(tab)
    tab.themes.setCurrentCell(1, 0)
    theme = list(tab.view.book.themes)[1]
    assert tab.chart.chart is tab.view.charts[theme]
    x, _ = tab.chart.curves["view"].getOriginalDataset()
    assert len(x) == len(tab.view.charts[theme].view) > 100
    assert tab.chart.title.text().startswith(tab.view.labels[theme])


def test_the_evidence_follows_the_day_home_shows(qtbot, home):
    tab = EvidenceTab(EvidenceController(home))
    qtbot.addWidget(tab)
    home.state = replace(home.state, dates=Dates(chosen="2016-03-15", shown="2016-03-15"))
    home.state_changed.emit(home.state)
    assert home.asked == [None, "2016-03-15"]
    assert tab.view.book.as_of.year == 2016 and "As of 2016-03-15" in tab.heading.text()
    home.state_changed.emit(home.state)  # the same day again: no new request
    assert len(home.asked) == 2


def test_a_picked_signal_shows_its_whole_record_and_sub_periods(qtbot, home):
    tab = EvidenceTab(EvidenceController(home))
    qtbot.addWidget(tab)
    tab.tables.setCurrentWidget(tab.signals)
    tab.signals.setCurrentCell(0, 0)
    record = tab.view.book.signals[0]
    text = tab.details.text()
    assert record.sentence in text and "IC at 1 month" in text and "6 months" in text
    assert "2007-2013" in text and "By sub-period" in text
