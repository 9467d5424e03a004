"""The advice pipeline, assembled in one place for the window, every command and the backtest.

    pipeline = Pipeline.open(db_path, portfolio=name) # data + universe + tilt table, compiled
    snap = pipeline.snapshot(as_of)                   # readings, views, risk model at a date
    answer = pipeline.advise(snap, knobs, holdings)   # views -> alpha -> solve -> reasons -> table
    result = pipeline.backtest(BacktestSpec(...))     # the same advice at every rebalance date
    book = pipeline.evidence(as_of)                   # each signal's and theme's record

`Pipeline.open` is the composition root: it reads the user's files (data wing), builds the pure
`Advisor` (domain wing) and turns the user's knobs into the allocator's settings through
`desktop.advice.knobs` only, so the window (through the engine) and the `allocate` command give
the same answer for the same data, date and knobs. Not thread-safe: it owns one compiled problem.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.advice.knobs import MAX_PORTFOLIO_VALUE, Knobs, to_settings

if TYPE_CHECKING:
    import pandas as pd

    from allocator import TradePlan
    from desktop.advice.advisor import Advice, Advisor, MarketSnapshot
    from desktop.advice.allocation_table import AllocationTable
    from desktop.advice.backtest.walk_forward import BacktestResult, BacktestSpec, Progress
    from desktop.advice.data_age import DataAge
    from desktop.advice.evidence.charts import ThemeEvidenceChart
    from desktop.advice.evidence.histories import Histories
    from desktop.advice.evidence.records import EvidenceBook
    from desktop.data.source import DataSource
    from desktop.engine.charts import ScoreHistories
    from signals import Reading, SignalInputs


class TradeSizingError(ValueError):
    """Trades cannot be sized: a held asset has no price, or the holdings have no value."""


@dataclass(frozen=True, slots=True, eq=False)
class Answer:
    """One suggestion with everything shown or written about it.

    advice: views, alpha, allocation and reasons. plan: whole-share trades, or None when no
    portfolio value or holdings were given. table: the allocation table (percent) for the screen,
    the CSV and the clipboard.
    """

    advice: Advice
    plan: TradePlan | None
    table: AllocationTable


def build_advisor(universe_path: Path | None = None, tilts_path: Path | None = None) -> Advisor:
    """The universe and tilt table (default: the user's copies in the data folder), compiled.

    Raises UniverseError or TiltTableError naming the line to fix.
    """
    from desktop.advice.advisor import Advisor, default_registry
    from desktop.data.user_files import load_tilt_table, load_universe

    universe = load_universe(universe_path)
    registry = default_registry()
    table = load_tilt_table(
        tilts_path,
        known_signals=[spec.name for spec in registry],
        known_themes=universe.theme_names,
    )
    return Advisor(universe, table, registry=registry)


class Pipeline:
    """An `Advisor` over one data source: snapshots at any date, answers for any knobs."""

    def __init__(
        self,
        advisor: Advisor,
        source: DataSource,
        *,
        scores: Callable[[], ScoreHistories] | None = None,
    ) -> None:
        """scores: where this data's signal score histories come from when someone already
        holds them (the engine keeps them per data set, for the sparklines and the charts);
        None: computed here, once, when first needed."""
        self.advisor = advisor
        self.source = source
        self._scores = scores

    @classmethod
    def open(
        cls,
        db_path: Path | str | None = None,
        *,
        universe_path: Path | None = None,
        tilts_path: Path | None = None,
        portfolio: str | None = None,
    ) -> Pipeline:
        """The user's files over the database at `db_path` (default: the data folder's), or
        the bundled demo data when it holds no prices.

        portfolio: whose universe and tilt table (`desktop.data.portfolios`; None: "default"),
        unless `universe_path` or `tilts_path` name other files. PortfolioError for none such.
        """
        from desktop.data import paths
        from desktop.data.source import open_data_source

        if portfolio is not None:
            from desktop.data.portfolios import get_portfolio

            files = get_portfolio(portfolio)
            universe_path = universe_path or files.universe_file
            tilts_path = tilts_path or files.tilts_file
        advisor = build_advisor(universe_path, tilts_path)
        return cls(advisor, open_data_source(db_path or paths.default_db_path()))

    @property
    def label(self) -> str:
        """Where the data comes from, as the status bar and every export say it."""
        return self.source.label

    @cached_property
    def inputs(self) -> SignalInputs:
        """Everything the signals read (one object, so snapshots at a date are cached)."""
        return self.source.signal_inputs()

    def inputs_at(self, as_of: object = None) -> SignalInputs:
        """The inputs cut at `as_of` (None: all of them); AsOfError outside the data."""
        from desktop.advice.as_of import inputs_at

        return inputs_at(self.inputs, as_of)

    def readings(self, as_of: object = None) -> tuple[Reading, ...]:
        """Every registered signal's reading at `as_of` (default: the data's last date)."""
        from desktop.advice.advisor import compute_readings

        return compute_readings(self.inputs_at(as_of), self.advisor.registry)

    def snapshot(self, as_of: object = None) -> MarketSnapshot:
        """Readings, signal views and risk model at `as_of` (default: the data's last date).

        The last snapshot is kept, so asking again for the same date costs nothing."""
        return self.advisor.snapshot(self.inputs, as_of)

    def advise(
        self,
        snap: MarketSnapshot,
        knobs: Knobs | None = None,
        holdings: Mapping[str, float] | None = None,
        *,
        neutral: bool = False,
        explain: bool = True,
    ) -> Answer:
        """The suggestion for `knobs` (views, limits, value) and `holdings` (ticker -> shares).

        With holdings the turnover penalty is measured from their weights and the plan lists
        the trades; with a portfolio value (default: the holdings' value) it sizes whole shares.
        Raises ViewError for a bad hand-set view and TradeSizingError when trades cannot be
        sized.
        """
        from desktop.advice.advisor import current_weights
        from desktop.advice.allocation_table import table_from_advice

        knobs = Knobs() if knobs is None else knobs
        try:
            w_prev = current_weights(holdings, snap) if holdings else None
        except ValueError as exc:
            raise TradeSizingError(str(exc)) from exc
        settings = to_settings(knobs, w_prev)
        advice = self.advisor.advise(
            snap, dict(knobs.overrides), settings, neutral=neutral, explain=explain
        )
        plan = None
        if knobs.portfolio_value > 0 or holdings:
            try:
                plan = self.advisor.plan(
                    advice, portfolio_value=knobs.portfolio_value or None, holdings=holdings
                )
            except ValueError as exc:  # a missing price or a zero-value portfolio, in words
                raise TradeSizingError(f"cannot size the trades: {exc}") from exc
            if plan.portfolio_value > MAX_PORTFOLIO_VALUE:
                raise TradeSizingError(
                    f"cannot size the trades: the portfolio is worth {plan.portfolio_value:,.0f} "
                    f"USD, more than the {MAX_PORTFOLIO_VALUE:,.0f} USD this app sizes; check "
                    "the value or the share counts in the holdings"
                )
        age = self.data_age(snap.as_of).text
        table = table_from_advice(advice, self.advisor.universe, self.label, plan, data_age=age)
        return Answer(advice, plan, table)

    def last_date(self) -> pd.Timestamp:
        """The last date of the price data (what advice without a date is as of)."""
        return self.inputs.prices.index[-1]

    def data_age(self, as_of: object = None) -> DataAge:
        """How old the data is against today, in words, for advice as of `as_of` (default and
        the last date alike: the data's last date)."""
        from desktop.advice.as_of import resolve_as_of

        when = resolve_as_of(self.inputs, as_of)
        return self.source.age(None if when == self.last_date() else when)

    def date_notes(self, as_of: object = None) -> tuple[str, ...]:
        """What moving to `as_of` means, in words: a non-trading day moved to the one before, and
        the series the signals or the portfolio need that have no prices yet then."""
        from desktop.advice.as_of import as_of_notes

        needed = [*self.advisor.tickers, *(t for s in self.advisor.registry for t in s.tickers)]
        return as_of_notes(self.inputs, as_of, needed)

    @cached_property
    def histories(self) -> Histories:
        """Every signal's score and every theme's view on every date, computed once (vectorised;
        each row equals the readings `snapshot` computes at that date)."""
        from desktop.advice.evidence.histories import histories_from_series

        advisor, index = self.advisor, self.inputs.prices.index
        series = self.score_histories().series
        return histories_from_series(
            series, index, advisor.registry, advisor.table, advisor.universe.theme_names
        )

    def score_histories(self) -> ScoreHistories:
        """Every signal's vectorised score history over all the data (a signal whose history
        fails is kept as its error, and reads 0 in `histories`)."""
        if self._scores is None:
            from desktop.engine.charts import score_histories
            from signals import SignalInputs

            inputs = self.inputs
            computed = score_histories(SignalInputs(prices=inputs.prices, macro=inputs.macro))
            self._scores = lambda: computed
        return self._scores()

    def evidence(self, as_of: object = None) -> EvidenceBook:
        """Each theme's and signal's record from the data up to `as_of` (default: the last
        date); AsOfError outside the data. The histories are computed once for the whole data
        and cut at `as_of`: each row equals the readings on its day (`signals.spec`'s contract,
        tested), so a record at `as_of` sees nothing after it."""
        from desktop.advice.as_of import resolve_as_of
        from desktop.advice.evidence.records import evidence_book
        from desktop.advice.evidence.trade_returns import trade_legs

        advisor, when = self.advisor, resolve_as_of(self.inputs, as_of)
        prices = self.inputs.upto(when).prices
        legs = trade_legs(advisor.universe)
        return evidence_book(prices, self.histories.upto(when), legs, advisor.table, when)

    def evidence_charts(self, as_of: object = None) -> dict[str, ThemeEvidenceChart]:
        """Theme -> its view, trade growth and rolling IC on month-ends up to `as_of`."""
        from desktop.advice.as_of import resolve_as_of
        from desktop.advice.evidence.charts import evidence_charts
        from desktop.advice.evidence.trade_returns import trade_legs

        when = resolve_as_of(self.inputs, as_of)
        prices, history = self.inputs.upto(when).prices, self.histories.upto(when)
        return evidence_charts(prices, history, trade_legs(self.advisor.universe), when)

    def backtest(self, spec: BacktestSpec, progress: Progress | None = None) -> BacktestResult:
        """The walk-forward backtest of this pipeline's advice
        (`desktop.advice.backtest.walk_forward`)."""
        from desktop.advice.backtest.walk_forward import run_backtest

        return run_backtest(
            self.advisor, self.inputs, spec, history=self.histories, progress=progress
        )
