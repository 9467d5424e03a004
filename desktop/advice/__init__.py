"""The advice domain: from signal readings to a suggested portfolio and the words that explain it.

Pure: pandas/NumPy in, frozen dataclasses out; no Qt, no SQLite, no files, no network, no clock.
Text (TOML) is parsed here, but read from disk by `desktop.data`; the pieces are assembled with
the user's files by `desktop.engine.pipeline` for the window, every command and the backtest.
Units: views and scores in [-1, 1] (> 0 favours a theme's trade); alpha and expected returns
annualised decimals; the allocator's weights decimals summing to 1; tables and the window's
state in percent and percentage points (converted once, in `knobs`).

Typical use (what `Pipeline` does):

    universe = parse_universe_text(text)                 # universe.Universe
    table = parse_tilt_table(text, known_signals=..., known_themes=universe.theme_names)
    advisor = Advisor(universe, table)                   # the TiltProblem is compiled here
    snap = advisor.snapshot(inputs, as_of)               # readings, views, risk at a date
    advice = advisor.advise(snap, overrides, to_settings(knobs, w_prev))
    table = table_from_advice(advice, universe, source_label, plan)

Modules
-------
advisor           Advisor, MarketSnapshot, Advice; compute_readings, current_weights,
                  default_registry.
as_of             the date advice is for: resolve_as_of / inputs_at (AsOfError), as_of_notes.
universe          Universe (assets, model weights and bounds, themes and what funds them), parse
                  / validate / universe_to_toml; universe_check: every problem with its line
                  (universe_lines: where each table and key is); universe_table: the held
                  assets as table rows and back, each problem on its cell.
tilts             TiltTable (signals -> theme views, IC per theme), parse_tilt_table,
                  signal_views, check_overrides; TiltTableError, ViewError.
theme_alpha       theme trades and alpha = view x IC x trade volatility, carried by covariance.
knobs             Knobs (the user's settings, percent) and to_settings (-> allocator.Settings).
reasons, caveats  one sentence per asset on why it moved; notes on data gaps and fallbacks.
allocation_table  AllocationTable: the answer in percent, rounded to sum to exactly 100.00;
                  csv_text: CSV and clipboard text no spreadsheet runs as formulas.
toml_text         load_toml: the user files' TOML with limits (size, nesting), lines on errors.
data_age          how old the data is against a given today, in words.
state             AppState, the window's display state, and its pure transitions.
suggestion        a saved suggestion and the diff of two.
chart_data, rotation_data   what the charts draw (score zones, ratios, breakouts, RRG per
                  benchmark, weekly and daily); price_charts: each asset's price and averages;
                  chart_book: the Charts tab's whole book.
alerts            AlertRule (below/above/zone/view_sign/drift/stale), make_rule, check_rule.
alert_eval        evaluate(rules, AlertFacts, previous states) -> Evaluation: events, once each.
drift             drift_at: the largest gap (pts) from the last saved suggestion's weights.
buy_and_hold      weights bought at a date and held: value_path, price_relatives, drifted_weights.
journal           score_suggestions: each saved suggestion against what followed; followed_path.
journal_summary   journal_summary: the chained record per year, its t-stat, in one sentence.
histories         every signal's score and theme's view at every date, vectorised (Histories).
trade_returns     theme trades' legs, month-ends, forward returns of buy-minus-fund trades.
evidence          EvidenceBook: each theme's and signal's rank IC, buckets, sub-periods, record
                  line (evidence_stats: the statistics; evidence_words: the line;
                  evidence_charts: the chart per theme).
calibration       WalkForward / Calibration: standardised views, ICs shrunk toward the table's.
sizing            the turnover penalty from the cost; Grinold & Kahn's IR and active risk.
backtest          run_backtest(advisor, inputs, BacktestSpec) -> BacktestResult (backtest_setup:
                  dates and cash; ledger: drift and costs); backtest_report and performance:
                  the statistics, sub-periods and chart series.
"""
