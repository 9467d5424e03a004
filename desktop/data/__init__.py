"""The data wing: the only place that touches SQLite, sqlite-utils, yfinance, files and folders.

Everything here validates at the boundary and raises typed errors whose message names the file,
what is wrong and what to do; a rejected file or a failed write changes nothing. A connection
belongs to the thread that opened it. Paths come from `paths` (the per-user data folder, or
$ROTATION_ADVISOR_HOME), never next to the installed program.

Modules
-------
store           MarketStore: the market database (import, refresh, load_prices, load_macro,
                status, macro releases, conflicts); schema: versioned migrations; tables:
                row-level reads and writes, checked as read; series_writes: one series' write.
db_errors       the typed errors (MarketDataError > CorruptDatabaseError, DiskFullError,
                DatabaseLockedError, NewerDatabaseError, ReadOnlyDatabaseError,
                UnusableLocationError, DatabaseIOError) and translated_errors, the one place
                SQLite's and the file system's errors become them.
opening         open_database: for writing (WAL, migrated) or reading only (mode=ro).
db_check        find_damage / reset_database: the whole-database check and repair (reset-db).
plausible       the bounds of a date, price, volume or macro value before it is believed.
price_files     read_series_file: yfinance (classic and multi-row header), Date,Close and FRED
                CSVs (csv_cells: cells read and range-checked with their lines); quality: flags
                (spikes, partial last rows, gaps) and merging of sources; conflicts: a worse
                re-imported close set aside for the user; reports, outcomes: what an import or
                refresh did, in words.
fetch           fetch_prices through a yfinance-style download, never hanging (OfflineError).
source          open_data_source: the database when it holds prices, else the bundled demo
                data (demo); series_status: per-series dates, staleness and flags.
user_files      the user's universe.toml and tilts.toml (copied from resources/ on first use).
history         HistoryStore: saved suggestions; history_export: them as one CSV.
alert_store     AlertStore: a portfolio's alert rules, their states and fired events (alerts_).
portfolios      Portfolio files ("default" = the data folder's), get/create_portfolio, all_tickers.
allocation_csv  the allocation table as CSV text or an atomically written file (ExportError).
backtest_csv    a backtest's target weights at every rebalance as CSV (BacktestExportError).
backtest_store  BacktestStore: saved backtest runs (settings, statistics, series; backtest_).
holdings        read_holdings: ticker,shares CSV (HoldingsError); macro_entry: typed releases.
atomic_file     write_atomically: readers see the old file or the new one, never part;
                regular_file: a pipe, device or folder is never read or replaced.
licences        third-party licences from package metadata (bundled JSON when frozen).
"""
