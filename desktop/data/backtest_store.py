"""Saved backtest runs, in SQLite: their settings, statistics and series, to compare later.

    store = open_backtests(db_path, portfolio="default")
    run_id = store.save(backtest_report(result), source=pipeline.label, note="before the fix")
    store.runs()                 # newest first: settings and statistics, no series
    store.compare([3, 5])        # key figures side by side, one row per run
    store.values(run_id)         # growth of each portfolio (charts); store.weights(run_id)

The tables are prefixed `backtest_` and live in the market-data database file beside the
others, with their own schema version (as `desktop.data.alert_store` does); migrations only
append. A run keeps: when it was saved, the data it ran on (source label), its dates,
rebalancing, calibration and cost, the knobs (JSON), the report's JSON (every statistic, the
sub-periods, the contributions, as `backtest --json` prints it), the daily values of the three
portfolios and the advisor's target weights at each rebalance. Dates are YYYY-MM-DD text,
timestamps ISO 8601 UTC, values and weights decimals. A connection belongs to the thread that
opened it (sqlite3's rule).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import sqlite_utils

from desktop.advice.backtest.report import BacktestReport
from desktop.data.side_tables import migrate_side_tables, open_side_database

SCHEMA_VERSION = 1
VERSION_TABLE = "backtest_schema"
RUNS, VALUES, WEIGHTS = "backtest_runs", "backtest_values", "backtest_weights"
DEFAULT_PORTFOLIO = "default"
COMPARED = ("information_ratio", "t_stat", "active_return_pct", "tracking_error_pct",
            "max_drawdown_pct", "turnover_pct_per_year", "cagr_pct", "sharpe")  # fmt: skip

_MIGRATIONS: dict[int, str] = {
    1: f"""
        CREATE TABLE {RUNS} (
            id INTEGER PRIMARY KEY,
            portfolio TEXT NOT NULL,
            saved_at TEXT NOT NULL,      -- ISO 8601, UTC, seconds
            source TEXT NOT NULL,        -- the data it ran on, as the status bar says it
            first_day TEXT NOT NULL,     -- YYYY-MM-DD, the run's first and last days
            last_day TEXT NOT NULL,
            rebalance TEXT NOT NULL,     -- monthly | weekly
            calibration TEXT NOT NULL,   -- none | walk-forward
            cost_bps REAL NOT NULL,
            knobs TEXT NOT NULL,         -- JSON: the knobs the advice used
            report TEXT NOT NULL,        -- JSON: BacktestReport.to_dict()
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX {RUNS}_portfolio ON {RUNS}(portfolio, id);
        CREATE TABLE {VALUES} (
            run_id INTEGER NOT NULL REFERENCES {RUNS}(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            advisor REAL NOT NULL, model REAL NOT NULL, equal_weight REAL NOT NULL,
            PRIMARY KEY (run_id, date)
        ) WITHOUT ROWID;
        CREATE TABLE {WEIGHTS} (
            run_id INTEGER NOT NULL REFERENCES {RUNS}(id) ON DELETE CASCADE,
            date TEXT NOT NULL,          -- the advice date
            ticker TEXT NOT NULL,
            weight REAL NOT NULL,        -- the advisor's target, decimal
            PRIMARY KEY (run_id, date, ticker)
        ) WITHOUT ROWID;
    """,
}


class BacktestStoreError(Exception):
    """Saved runs cannot be read or changed; the message says what to do."""


@dataclass(frozen=True, slots=True)
class SavedRun:
    """A saved run without its series: what it was and how it did (`report`: the JSON of
    `BacktestReport.to_dict`, with "portfolios" -> name -> statistics)."""

    id: int
    saved_at: str
    source: str
    start: str
    end: str
    rebalance: str
    calibration: str
    cost_bps: float
    knobs: dict
    report: dict
    note: str = ""


def open_backtests(path: Path | str, portfolio: str = DEFAULT_PORTFOLIO) -> BacktestStore:
    """The saved runs of `portfolio` in the database at `path` (tables created as needed)."""
    db = open_side_database(path)
    return BacktestStore(db, portfolio)


class BacktestStore:
    """One portfolio's saved backtest runs."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        portfolio: str = DEFAULT_PORTFOLIO,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._db = db
        self.portfolio = portfolio
        self._clock = clock or (lambda: datetime.now(UTC))
        migrate(db)

    def save(self, report: BacktestReport, source: str, note: str = "") -> int:
        """Store the run behind `report` (settings, statistics, series); returns its id."""
        result = report.result
        return self.save_parts(
            report.to_dict(), result.values, result.targets["advisor"], source, note
        )

    def save_parts(
        self,
        summary: dict,
        values: pd.DataFrame,
        weights: pd.DataFrame,
        source: str,
        note: str = "",
    ) -> int:
        """`save` from a run's parts: `BacktestReport.to_dict()`, the (n_days, 3) daily values
        and the advisor's (n_rebalances, n_assets) target weights, decimal (a run that came
        back from a worker process as plain values)."""
        row = {
            "portfolio": self.portfolio, "saved_at": self._now(), "source": source,
            "first_day": summary["from"], "last_day": summary["to"],
            "rebalance": summary["rebalance"],
            "calibration": summary["calibration"], "cost_bps": summary["cost_bps"],
            "knobs": json.dumps(summary["knobs"]), "report": json.dumps(summary), "note": note,
        }  # fmt: skip
        columns = ", ".join(row)
        with self._db.conn:  # plain SQL: sqlite-utils' insert would commit half a run
            cursor = self._db.conn.execute(
                f"INSERT INTO {RUNS} ({columns}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            run_id = int(cursor.lastrowid or 0)
            days = [f"{day:%Y-%m-%d}" for day in values.index]
            daily = values.to_numpy().tolist()
            self._db.conn.executemany(
                f"INSERT INTO {VALUES} VALUES (?, ?, ?, ?, ?)",
                [(run_id, day, *row) for day, row in zip(days, daily, strict=True)],
            )
            targets = weights.stack()
            self._db.conn.executemany(
                f"INSERT INTO {WEIGHTS} VALUES (?, ?, ?, ?)",
                [(run_id, f"{d:%Y-%m-%d}", t, float(w)) for (d, t), w in targets.items()],
            )
        return run_id

    def runs(self) -> list[SavedRun]:
        """The portfolio's saved runs, newest first."""
        sql = f"SELECT * FROM {RUNS} WHERE portfolio = ? ORDER BY id DESC"
        return [_run(row) for row in self._db.query(sql, [self.portfolio])]

    def run(self, run_id: int) -> SavedRun:
        """One saved run; BacktestStoreError when this portfolio has none with that id."""
        sql = f"SELECT * FROM {RUNS} WHERE id = ? AND portfolio = ?"
        rows = list(self._db.query(sql, [run_id, self.portfolio]))
        if not rows:
            raise BacktestStoreError(
                f"There is no saved backtest {run_id} in the portfolio {self.portfolio!r}: "
                "list the saved runs for their numbers."
            )
        return _run(rows[0])

    def values(self, run_id: int) -> pd.DataFrame:
        """(n_days, 3) the run's daily values of advisor, model and equal weight (1.0 at start)."""
        self.run(run_id)
        columns = "date, advisor, model, equal_weight"
        sql = f"SELECT {columns} FROM {VALUES} WHERE run_id = ? ORDER BY date"
        return _frame(self._db.query(sql, [run_id]))

    def weights(self, run_id: int) -> pd.DataFrame:
        """(n_rebalances, n_assets) the advisor's target weights at each advice date (decimal)."""
        self.run(run_id)
        sql = f"SELECT date, ticker, weight FROM {WEIGHTS} WHERE run_id = ? ORDER BY date"
        long = pd.DataFrame(list(self._db.query(sql, [run_id])))
        wide = long.pivot(index="date", columns="ticker", values="weight")
        wide.index = pd.DatetimeIndex(pd.to_datetime(wide.index, format="%Y-%m-%d"), name="date")
        return wide.rename_axis(columns=None)

    def compare(self, run_ids: Iterable[int]) -> pd.DataFrame:
        """One row per run (by id): its settings and the advisor's COMPARED figures."""
        rows = []
        for run_id in run_ids:
            run = self.run(run_id)
            advisor = run.report["portfolios"]["advisor"]
            rows.append({
                "id": run.id, "start": run.start, "end": run.end, "rebalance": run.rebalance,
                "calibration": run.calibration, "cost_bps": run.cost_bps, "note": run.note,
                **{key: advisor.get(key) for key in COMPARED},
            })  # fmt: skip
        return pd.DataFrame(rows).set_index("id") if rows else pd.DataFrame()

    def delete(self, run_id: int) -> None:
        """Remove a saved run with its series."""
        self.run(run_id)
        with self._db.conn:
            self._db.execute(f"DELETE FROM {RUNS} WHERE id = ?", [run_id])

    def _now(self) -> str:
        return self._clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the backtest tables to SCHEMA_VERSION; returns the version found before."""
    newer = BacktestStoreError(
        f"This database's saved backtests were written by a newer Rotation Advisor (schema above "
        f"{SCHEMA_VERSION}, which this version reads up to); update the app to use them."
    )
    return migrate_side_tables(db, version_table=VERSION_TABLE, migrations=_MIGRATIONS, newer=newer)


def _run(row: dict) -> SavedRun:
    return SavedRun(
        row["id"], row["saved_at"], row["source"], row["first_day"], row["last_day"],
        row["rebalance"],
        row["calibration"], row["cost_bps"], json.loads(row["knobs"]), json.loads(row["report"]),
        row["note"],
    )  # fmt: skip


def _frame(rows: Iterable[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows)).set_index("date")
    frame.index = pd.DatetimeIndex(pd.to_datetime(frame.index, format="%Y-%m-%d"), name="date")
    return frame
