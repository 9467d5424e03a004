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

Modules (the pipeline at the top, each other concept in a sub-package)
-------
advisor           Advisor, MarketSnapshot, Advice; compute_readings, current_weights,
                  default_registry.
as_of             the date advice is for: resolve_as_of / inputs_at (AsOfError), as_of_notes.
theme_alpha       theme trades and alpha = view x IC x trade volatility, carried by covariance.
knobs             Knobs (the user's settings, percent) and to_settings (-> allocator.Settings).
reasons, caveats  one sentence per asset on why it moved; notes on data gaps and fallbacks.
headline          what an answer does in one sentence, with its expected return and turnover.
allocation_table  AllocationTable: the answer in percent, rounded to sum to exactly 100.00;
                  csv_text: CSV and clipboard text no spreadsheet runs as formulas.
data_age          how old the data is against a given today, in words; series_use: who reads
                  each series.
state             AppState, the window's display state, and its pure transitions; date_steps:
                  the time machine's day, week and month steps.
tables/           the user's tables as parsed text: universe (model portfolio, bounds, themes),
                  universe_check / universe_lines / universe_table (problems by line and cell),
                  tilts (TiltTable: signals -> theme views, IC per theme), tilt_form (the
                  window's form, patched back into the text), toml_text (size and depth limits).
evidence/         histories (every score and view at every date, vectorised), trade_returns
                  (buy-minus-fund returns, month-ends), records (EvidenceBook: rank IC, buckets,
                  sub-periods, a card's record line), stats, words, charts.
backtest/         walk_forward (run_backtest -> BacktestResult), setup, ledger (drift, costs),
                  calibration (WalkForward), sizing (cost penalty, Grinold & Kahn), performance
                  and report (statistics, sub-periods, chart series), run and sweep (the
                  window's runs, a grid of settings as independent tasks).
alerts/           rules (AlertRule kinds, make_rule, check_rule), evaluation (events, once
                  each), drift, buy_and_hold.
journal/          suggestion (a saved suggestion, the diff of two), scores (each one against
                  what followed), summary (the record in one sentence).
charts/           chart_data, rotation_data (RRG per benchmark), price_charts, chart_book: what
                  the Charts tab draws.
"""
