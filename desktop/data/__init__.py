"""The data wing: the only place that touches SQLite, sqlite-utils, yfinance, files and folders.

Everything here validates at the boundary and raises typed errors whose message names the file,
what is wrong and what to do; a rejected file or a failed write changes nothing. A connection
belongs to the thread that opened it. Paths come from `paths` (the per-user data folder, or
$ROTATION_ADVISOR_HOME), never next to the installed program.

Modules
-------
market/         the market database. store: MarketStore (import, refresh, load_prices,
                load_macro, status, macro releases, conflicts); schema: versioned migrations;
                tables, series_writes: rows read (checked) and written; db_errors: the typed
                errors (MarketDataError > CorruptDatabaseError, DiskFullError,
                DatabaseLockedError, NewerDatabaseError, ReadOnlyDatabaseError, ...) and
                translated_errors; opening: for writing (WAL) or reading only; db_check: the
                whole-database check and repair (reset-db); plausible: bounds a value must
                meet; price_files, macro_entry: CSV files and typed releases read with their
                lines (csv_cells: every cell range-checked); quality: flags and merging of
                sources; conflicts: a worse re-imported close set aside for the user;
                reports, outcomes: what an import did, in words;
                series_status; fetch, fred_fetch: downloads that never hang (OfflineError).
exports/        what the app writes for the user: allocation_csv (ExportError), backtest_csv,
                history_export, atomic_file (write_atomically: the old file or the new one,
                never part), regular_file.
source          open_data_source: the database when it holds prices, else the bundled demo
                data (demo).
user_files      the user's universe.toml and tilts.toml (copied from resources/ on first use);
                portfolios: Portfolio files ("default" = the data folder's), all_tickers.
history         HistoryStore: saved suggestions; alert_store: alert rules, states, events;
                backtest_store: saved backtest runs. Each has its own tables and version
                (side_tables: their shared opening and migrations).
holdings        read_holdings: ticker,shares CSV (HoldingsError).
paths           the per-user data folder; licences: third-party licences from metadata.
"""
