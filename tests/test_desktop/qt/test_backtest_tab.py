"""The Backtest tab: Run shows both calibration modes side by side with a verdict a person can
read, the charts draw every run, runs are saved and compared, the sweep paints its heatmaps,
Cancel keeps nothing. On the demo data, backtests run inline (no worker processes)."""

from __future__ import annotations

import csv
import dataclasses

import pandas as pd
import pytest
from PySide6.QtCore import QDate

from desktop.advice.backtest.walk_forward import BacktestCancelled
from desktop.advice.knobs import Knobs
from desktop.engine.backtest_service import BacktestService
from desktop.engine.pipeline import Pipeline
from desktop.engine.research import PipelineRecipe
from desktop.engine.task_pool import InlinePool
from desktop.qt.controllers.backtest import BacktestController
from desktop.qt.widgets.backtest_tab import BacktestTab
from tests.test_desktop.fake_controller import FakeController


@pytest.fixture(scope="module")
def recipe(tmp_path_factory):
    folder = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROTATION_ADVISOR_HOME", str(folder))
        return PipelineRecipe.of(Pipeline.open(folder / "missing.db"))


def _tab(qtbot, tmp_path, recipe, service=None):
    home = FakeController(tmp_path / "market.db", research_recipe=lambda: recipe)
    service = service or BacktestService(lambda r, _scheduler: InlinePool(r))
    tab = BacktestTab(BacktestController(home, service=service))
    qtbot.addWidget(tab)
    tab.settings.start.setDate(QDate(2018, 1, 1))
    tab.settings.end.setDate(QDate(2021, 12, 31))
    return tab


@pytest.fixture
def ran(qtbot, tmp_path, recipe):
    tab = _tab(qtbot, tmp_path, recipe)
    tab.runner.run.click()
    return tab


def _header(table, column: int) -> str:
    return table.horizontalHeaderItem(column).text()


def test_run_shows_both_modes_against_the_model_with_a_verdict(ran):
    table = ran.stats.table
    headers = [_header(table, j) for j in range(table.columnCount())]
    assert headers == ["Advisor, as written", "Advisor, calibrated", "Model", "Equal weight"]
    rows = [table.verticalHeaderItem(i).text() for i in range(table.rowCount())]
    ir_row = rows.index("Information ratio")
    assert table.item(ir_row, 2).text() == "-"  # the model against itself
    ir = float(table.item(ir_row, 0).text())
    verdicts = ran.stats.verdicts.text()
    assert verdicts.startswith(f"As written: information ratio {ir:+.2f}")
    assert "Calibrated: information ratio" in verdicts
    assert "noise, not distinguishable from luck" in verdicts or "than luck" in verdicts
    assert ran.export_button.isEnabled() and not ran.runner.cancel.isEnabled()


def test_sub_periods_mark_the_in_sample_years(ran):
    # the demo data ends in January 2026, too early for a 2026 period: add one to each report
    runs = []
    for run in ran.runs:
        last = dict(run.report["periods"][-1], period="2026 on (in-sample)", in_sample=True)
        report = dict(run.report, periods=[*run.report["periods"], last])
        runs.append(dataclasses.replace(run, report=report))
    ran.show_runs(tuple(runs))
    periods = ran.stats.periods
    labels = [periods.verticalHeaderItem(i).text() for i in range(periods.rowCount())]
    assert labels == ["2014-2019", "2020-2025", "2026 on (in-sample)"]
    assert periods.item(2, 0).font().italic() and "in-sample" in periods.item(2, 0).toolTip()
    assert not periods.item(1, 0).font().italic()
    first = ran.runs[0].report["periods"][0]["portfolios"]["advisor"]
    assert periods.item(0, 0).text().startswith(f"{first['information_ratio']:.2f} (")


def test_the_charts_draw_every_run_and_the_weights_side_by_side(ran):
    growth = ran.plots.pages["growth"]
    visible = [c for c in growth.lines if c.isVisible()]
    assert len(visible) == 4  # as written, calibrated, model, equal weight
    assert growth.plot.getAxis("left").logMode
    x, y = visible[0].getOriginalDataset()
    assert len(x) > 900 and y[0] == pytest.approx(1.0)
    weights = ran.plots.pages["weights"]
    assert all(p.isVisible() for p in weights.plots)
    assert weights.plots[1].titleLabel.text == "Advisor, calibrated"
    ran.plots.picker.setCurrentIndex(4)
    assert ran.plots.current_key() == "contributions" and not ran.plots.message.isVisible()


def test_runs_are_saved_compared_and_deleted(ran):
    ran.saved.save_button.click()
    table = ran.saved.table
    assert table.rowCount() == 2 and not ran.saved.empty.isVisibleTo(ran.saved)
    assert "calibrated" in table.item(0, 2).text() and "as written" in table.item(1, 2).text()
    table.selectAll()
    ran.saved.show_button.click()
    headers = [_header(ran.stats.table, j) for j in range(ran.stats.table.columnCount())]
    assert headers[0].startswith("#") and headers[0].endswith("calibrated")
    ran.plots.picker.setCurrentIndex(4)
    assert "not its contributions" in ran.plots.message.text()
    table.selectRow(0)
    ran.saved.delete_button.click()
    assert ran.saved.table.rowCount() == 1


def test_export_writes_the_weights_of_each_mode(ran, tmp_path):
    ran.controller.export_csv(ran.runs[1], tmp_path / "weights-calibrated.csv")
    with open(tmp_path / "weights-calibrated.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["portfolio"] for r in rows} == {"advisor", "model"}
    assert rows[0]["date"] == f"{ran.runs[1].targets['advisor'].index[0]:%Y-%m-%d}"


def test_a_sweep_paints_ir_and_turnover_per_setting(ran):
    ran.sweep.edits["risk_aversion"].setText("1, 4")
    ran.sweep.edits["te_cap_pct"].setText("3")
    ran.sweep.calibrations["walk-forward"].setChecked(False)
    ran.sweeper.run.click()
    ir = ran.sweep.ir_map
    assert (ir.rowCount(), ir.columnCount()) == (1, 2)
    assert [ir.horizontalHeaderItem(j).text() for j in range(2)] == ["1", "4"]
    assert "(" in ir.item(0, 0).text()  # the IR with its t-stat
    assert ran.sweep.turnover_map.item(0, 1).text() != "-"
    assert "over 2 settings" in ran.sweep.summary.text()


def test_a_grid_value_that_is_not_a_number_is_named(ran):
    ran.sweep.edits["te_cap_pct"].setText("3, lots")
    ran.sweeper.run.click()
    assert "'lots' is not a number" in ran.sweeper.words.text()


class _CancelledMidway(BacktestService):
    """The user presses Cancel while the run is under way."""

    def __init__(self) -> None:
        super().__init__(lambda r, _s: InlinePool(r))
        self.tab = None

    def run_pair(self, recipe, spec, report, cancelled):
        report(0.4, "92 of 231 rebalances")
        self.tab.runner.cancel.click()
        assert cancelled()
        raise BacktestCancelled("cancelled after 92 of 231 rebalances")


def test_cancel_keeps_nothing_and_says_so(qtbot, tmp_path, recipe):
    service = _CancelledMidway()
    tab = _tab(qtbot, tmp_path, recipe, service)
    service.tab = tab
    tab.runner.run.click()
    assert tab.runs == () and tab.runner.run.isEnabled() and not tab.runner.cancel.isEnabled()
    assert tab.runner.words.text() == "Backtest cancelled; nothing was kept."


def test_a_run_outside_the_data_says_why(qtbot, tmp_path, recipe):
    tab = _tab(qtbot, tmp_path, recipe)
    tab.settings.start.setDate(QDate(1995, 1, 1))
    tab.runner.run.click()
    assert tab.runner.words.text().startswith("Could not run:")
    assert "start on or after" in tab.runner.words.text()
    assert pd.Timestamp(tab.settings.spec().start).year == 1995


def test_each_portfolio_keeps_its_own_saved_runs(ran):
    ran.saved.save_button.click()
    home = ran.controller._home
    home.portfolio = "growth"
    ran.controller.refresh_saved()
    assert ran.saved.table.rowCount() == 0 and ran.saved.empty.isVisibleTo(ran.saved)
    home.portfolio = "default"
    ran.controller.refresh_saved()
    assert ran.saved.table.rowCount() == 2


def test_before_a_run_the_tab_says_what_a_run_does(qtbot, tmp_path, recipe):
    tab = _tab(qtbot, tmp_path, recipe)
    assert tab.stats.verdicts.text().startswith("Run a backtest to see how the advice would")
    assert not tab.stats.table.isVisibleTo(tab) and not tab.export_button.isEnabled()
    assert tab.plots.message.text() == "Run a backtest to draw its charts."


def test_a_sweep_given_a_scheduler_runs_on_that_dask_cluster(qtbot, tmp_path, recipe):
    distributed = pytest.importorskip("distributed")
    tab = _tab(qtbot, tmp_path, recipe, BacktestService())  # the app's pools: local or Dask
    tab.sweep.edits["risk_aversion"].setText("1, 4")
    tab.sweep.edits["te_cap_pct"].setText("3")
    tab.sweep.calibrations["walk-forward"].setChecked(False)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        tab.sweep.scheduler.setText(cluster.scheduler_address)
        tab.sweeper.run.click()
    assert [o.point.risk_aversion for o in tab.sweep.outcomes] == [1, 4]
    assert tab.sweep.ir_map.item(0, 1).text() != "-"
    tab.sweep.scheduler.setText("tcp://127.0.0.1:9")
    tab.sweeper.run.click()
    assert "No Dask scheduler answers at tcp://127.0.0.1:9" in tab.sweeper.words.text()


def test_homes_knobs_can_be_walked_through_history(qtbot, tmp_path, recipe):
    tab = _tab(qtbot, tmp_path, recipe)
    home = tab.controller._home
    home.state = dataclasses.replace(
        home.state, knobs=Knobs(risk_aversion=5, te_cap_pct=2.5, turnover_penalty=0.002)
    )
    tab.home_button.click()
    knobs = tab.settings.spec().knobs
    assert (knobs.risk_aversion, knobs.te_cap_pct, knobs.turnover_penalty) == (5, 2.5, 0.002)
    assert not tab.settings.from_cost.isChecked()
