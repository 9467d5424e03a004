"""The worker side of the window: data, readings and the compiled optimiser, off the GUI thread.

`Engine` is one object with all the state (the open data, the `Advisor` and its snapshot) and is
used from one thread only. The app runs it in a process of its own (`desktop.engine.process`),
so pandas, cvxpy and the solves use the second core and never hold the window's GIL; tests run
it inline (`synchronous=True`). `export` and `read_holdings` touch none of that state and run on
the window's I/O lane. Everything returned is a frozen value that pickles, so it can cross to
the window's process. Heavy modules are imported inside the methods (or by `warm_up`), so
importing this module costs nothing on the way to the first paint.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.advice.knobs import Knobs
from desktop.advice.state import AllocationSummary, AssetClass, Card, Theme
from desktop.engine import display

if TYPE_CHECKING:
    import pandas as pd

    from desktop.advice.advisor import Advisor, MarketSnapshot
    from desktop.advice.allocation_table import AllocationTable
    from desktop.advice.charts.chart_data import ChartBook
    from desktop.data.source import DataSource
    from desktop.engine.alerting import AlertCheck
    from desktop.engine.charts import ScoreHistories
    from desktop.engine.evidence_view import EvidenceView
    from desktop.engine.journal_view import JournalView
    from desktop.engine.pipeline import Pipeline
    from desktop.engine.research import PipelineRecipe

WARM_UP_MODULES = (
    "desktop.advice.advisor",  # pandas, cvxpy (allocator), the signals
    "desktop.data.source",
    "desktop.data.market.store",  # sqlite_utils
    "desktop.data.demo",
    "desktop.data.exports.allocation_csv",
)
SPARK_POINTS = 64  # points per sparkline: about one a week over the last year
SPARK_DAYS = 260  # trading days a sparkline covers


class SettingsInfeasible(Exception):
    """The user's limits admit no portfolio; the message says which clash and by how much."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """What the status bar says about the data the engine opened.

    data_age: how old the data is against today, one sentence (`desktop.advice.data_age`);
    data_old: more than a week of business days old (show data_age prominently); first_date,
    last_date: YYYY-MM-DD range of the prices, the dates `compute_signals(as_of=...)` accepts.
    notice: why the demo data is used (no database at the path, no prices in it), else "".
    """

    label: str
    stale_count: int
    data_age: str = ""
    data_old: bool = False
    first_date: str = ""
    last_date: str = ""
    notice: str = ""


@dataclass(frozen=True, slots=True)
class Computed:
    """What the signals say: dashboard cards, themes with their signal views, asset classes.

    as_of: YYYY-MM-DD, the trading day the readings are for. data_age: the data's age against
    today for advice as of that day. date_notes: what moving to a chosen date means, in words
    (a holiday moved to the day before; series with no prices yet then).
    """

    cards: tuple[Card, ...]
    themes: tuple[Theme, ...]
    asset_classes: tuple[AssetClass, ...]
    as_of: str = ""
    data_age: str = ""
    date_notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Solved:
    """An answer: `summary` for the window, `table` (an `AllocationTable`) for Export and Copy."""

    summary: AllocationSummary
    table: AllocationTable


class Engine:
    """Loads data, computes readings and solves; not thread-safe (see the module docstring)."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        self._source: DataSource | None = None
        self._advisor: Advisor | None = None
        self._pipeline: Pipeline | None = None
        self._snapshot: MarketSnapshot | None = None
        self._histories: ScoreHistories | None = None  # of the data loaded, computed once
        self.portfolio = "default"  # whose universe, tilt table, suggestions and alerts
        self._recipe: tuple[Pipeline, PipelineRecipe] | None = None  # for backtest workers

    def warm_up(self) -> None:
        """Import what the first answer needs (about 1 s: pandas, cvxpy, the signals), so the
        engine's process can do it while the window is still being painted."""
        for name in WARM_UP_MODULES:
            importlib.import_module(name)

    def load(self) -> Loaded:
        """(Re)open the data: the database if it holds prices, else the demo data."""
        from desktop.data.source import open_data_source

        source = self._source = open_data_source(self.db_path)
        self._histories = None
        age, days = source.age(), source.prices.index
        return Loaded(
            source.label, len(source.stale), age.text, age.old,
            f"{days[0]:%Y-%m-%d}", f"{days[-1]:%Y-%m-%d}", source.notice,
        )  # fmt: skip

    def compute_signals(self, *, rebuild: bool = False, as_of: str | None = None) -> Computed:
        """Readings and signal views as of `as_of` (YYYY-MM-DD; None: the data's last date),
        from the data up to that day only; `solve` then answers for that day too.

        rebuild: re-read the universe and tilt table first (after the user edited them).
        Raises AsOfError for a date outside the data (the message gives the range).
        """
        from desktop.engine.pipeline import Pipeline, build_advisor

        if self._advisor is None or rebuild:
            from desktop.data.portfolios import get_portfolio

            files = get_portfolio(self.portfolio)
            self._advisor = build_advisor(files.universe_file, files.tilts_file)
        advisor = self._advisor
        pipeline, source = self._pipeline, self._loaded()
        if pipeline is None or pipeline.advisor is not advisor or pipeline.source is not source:
            # Its inputs once per data set; its score histories are the engine's, per load.
            pipeline = self._pipeline = Pipeline(advisor, source, scores=self._score_histories)
        snap = self._snapshot = pipeline.snapshot(as_of)
        specs = {spec.name: spec for spec in advisor.registry}
        cards = tuple(display.card(r, specs.get(r.name)) for r in snap.readings)
        themes = tuple(
            Theme(t.name, t.label, snap.signal_views[t.name].view) for t in advisor.universe.themes
        )
        return Computed(
            cards, themes, display.asset_classes(advisor.universe), f"{snap.as_of:%Y-%m-%d}",
            pipeline.data_age(snap.as_of).text, pipeline.date_notes(as_of),
        )  # fmt: skip

    def sparklines(self, as_of: str | None = None) -> dict[str, tuple[float, ...]]:
        """Each signal's score history over the SPARK_DAYS sessions up to `as_of` (None: the
        data's last date), thinned to SPARK_POINTS, oldest first. Histories use no data after
        each of their dates, so the slice is what the signals read then."""
        histories = self._score_histories()
        if histories.errors:  # the Charts tab names it; here it fails the job, as ever
            raise next(iter(histories.errors.values()))
        end = None if as_of is None else _trading_day(self._loaded(), as_of)
        lines = {}
        for name, series in histories.series.items():
            history = series.loc[:end].dropna().iloc[-SPARK_DAYS:]
            step = max(1, len(history) // SPARK_POINTS)
            lines[name] = tuple(float(x) for x in history.iloc[::-1][::step][::-1])
        return lines

    def chart_book(self) -> ChartBook:
        """Everything the Charts tab draws, from the loaded data and the score histories the
        sparklines computed (computed now if they have not been yet); every ticker of the
        universe gets a price chart."""
        from desktop.engine.charts import build_chart_book
        from signals import REGISTRY

        titles = {spec.name: display.spec_title(spec) for spec in REGISTRY}
        if self._advisor is None:  # the universe names the price charts
            from desktop.engine.pipeline import build_advisor

            self._advisor = build_advisor()
        universe = self._advisor.universe
        names = {a.ticker: a.name for a in universe.assets}
        names.update({s.ticker: s.name for s in universe.signal_tickers})
        return build_chart_book(self._loaded().prices, self._score_histories(), titles, names=names)

    def solve(
        self, knobs: Knobs, holdings: dict[str, float] | None = None, *, explain: bool = True
    ) -> Solved:
        """The allocation for `knobs` (views, limits, value) and `holdings` (ticker -> shares).

        explain=False skips splitting each weight across the themes (one solve instead of one
        per subset of themes): reasons then give the points only.

        Raises SettingsInfeasible when the limits admit no portfolio (the window then keeps
        its last good answer) and ValueError when trades cannot be sized.
        """
        from allocator import Source

        if self._pipeline is None or self._snapshot is None:
            raise RuntimeError("the engine has no signals yet: call compute_signals() first")
        answer = self._pipeline.advise(self._snapshot, knobs, holdings, explain=explain)
        if answer.advice.allocation.source == Source.RELAXED:
            raise SettingsInfeasible(display.infeasible_text(answer.advice))
        universe = self._pipeline.advisor.universe
        summary = display.summary(answer.advice, answer.table, answer.plan, universe)
        return Solved(summary, answer.table)

    def export(self, solved: Solved, path: Path) -> None:
        """I/O lane: write the answer on screen as the `allocate` command's CSV, atomically."""
        from desktop.data.exports import allocation_csv

        allocation_csv.write_csv(path, solved.table)

    def read_holdings(self, path: Path) -> dict[str, float]:
        """I/O lane: ticker -> shares from a CSV file; HoldingsError names bad lines."""
        from desktop.data.holdings import read_holdings

        return read_holdings(path)

    def set_portfolio(self, name: str) -> str:
        """Use portfolio `name` (`desktop.data.portfolios`) from the next `compute_signals` on:
        its universe and tilt table, and its suggestions and alerts. PortfolioError for none."""
        from desktop.data.portfolios import get_portfolio

        self.portfolio = get_portfolio(name).name
        self._advisor = None
        return self.portfolio

    def check_alerts(self, holdings: dict[str, float] | None = None) -> AlertCheck:
        """The portfolio's alert rules checked at the data's last date, the events fired
        stored each once (`desktop.engine.alerting`); holdings: ticker -> shares for the drift
        rules (None: the last saved suggestion held since it was saved)."""
        from desktop.data.alert_store import open_alerts
        from desktop.data.history import open_history
        from desktop.engine.alerting import check_alerts

        pipeline, name = self._ready_pipeline(), self.portfolio
        alerts, saved = open_alerts(self.db_path, name), open_history(self.db_path, name).list()
        return check_alerts(pipeline, alerts, saved=saved, holdings=holdings)

    def journal(self) -> JournalView:
        """The portfolio's saved suggestions scored on the loaded prices (the History tab's
        record, chart and sentence: `desktop.engine.journaling`)."""
        from desktop.data.history import open_history
        from desktop.engine.journal_view import journal_view
        from desktop.engine.journaling import journal

        saved = open_history(self.db_path, self.portfolio).list()
        return journal_view(self.portfolio, journal(self._ready_pipeline(), saved))

    def evidence(self, as_of: str | None = None) -> EvidenceView:
        """Each theme's and signal's record, with a chart per theme, from the data up to `as_of`
        (None: the data's last date; `desktop.engine.evidence_view`)."""
        from desktop.engine.evidence_view import evidence_view

        return evidence_view(self._ready_pipeline(), as_of)

    def evidence_lines(self, as_of: str | None = None) -> dict[str, str]:
        """Signal -> the one line of its record its card shows, from the data up to `as_of`."""
        from desktop.engine.evidence_view import record_lines

        return record_lines(self._ready_pipeline(), as_of)

    def research_recipe(self) -> PipelineRecipe:
        """Home's pipeline (data, universe, tilt table) as a recipe for backtest workers; the
        same recipe (and token) while the pipeline is the same."""
        from desktop.engine.research import PipelineRecipe

        pipeline = self._ready_pipeline()
        if self._recipe is None or self._recipe[0] is not pipeline:
            self._recipe = (pipeline, PipelineRecipe.of(pipeline))
        return self._recipe[1]

    def close(self) -> None:
        """Nothing to release in-process (`EngineProcess.close` stops its process)."""

    def _ready_pipeline(self) -> Pipeline:
        if self._pipeline is None:
            raise RuntimeError("the engine has no signals yet: call compute_signals() first")
        return self._pipeline

    def _loaded(self) -> DataSource:
        if self._source is None:
            raise RuntimeError("the engine has no data yet: call load() first")
        return self._source

    def _score_histories(self) -> ScoreHistories:
        """Every signal's score history over the loaded data, computed once per `load`."""
        if self._histories is None:
            from desktop.engine.charts import score_histories

            self._histories = score_histories(self._loaded().signal_inputs())
        return self._histories


def _trading_day(source: DataSource, as_of: str) -> pd.Timestamp:
    """The trading day of the loaded prices on or before `as_of` (AsOfError outside them)."""
    from desktop.advice.as_of import resolve_as_of

    return resolve_as_of(source.signal_inputs(), as_of)
