"""Headless data commands: `import`, `refresh`, `status` and `reset-db`.

Exit codes: 0 done; 1 nothing usable (every file rejected, every ticker failed, or a database
error, with its message); 2 offline (refresh only; the database is unchanged).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.cli.terminal import printable

EXIT_OK, EXIT_NOTHING, EXIT_OFFLINE = 0, 1, 2
_DETAILED_FLAGS = 3  # a flag kind with more dates than this is shown as one summary line


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    imp = subparsers.add_parser(
        "import",
        help="import price or FRED CSV files (files or folders)",
        description="Import CSV files: yfinance exports (classic or multi-line header), "
        "Date,Close files, FRED series, or macro releases (date,actual,consensus). Folders are "
        "searched for *.csv and *.csv.gz files.",
    )
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.set_defaults(run=run_import)
    ref = subparsers.add_parser(
        "refresh",
        help="download new prices from Yahoo Finance (or, with --fred, macro series from FRED)",
        description="Download prices missing from the database (default: every ticker of the "
        "universe), or with --fred the FRED series the signals read (default: all of them). "
        "Offline it exits with status 2 and changes nothing.",
    )
    ref.add_argument("tickers", nargs="*", metavar="TICKER")
    ref.add_argument(
        "--fred",
        action="store_true",
        help="update FRED macro series instead of prices (TICKERs are then FRED ids, e.g. DGS2)",
    )
    ref.set_defaults(run=run_refresh)
    sta = subparsers.add_parser(
        "status", help="show every stored series: dates, rows, staleness, quality flags"
    )
    sta.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    sta.set_defaults(run=run_status)
    reset = subparsers.add_parser(
        "reset-db",
        help="check the whole database; repair it or move it aside and start an empty one",
        description="Reads the whole database. Damaged packed closes are rebuilt from the "
        "prices; damaged rows are deleted after keeping a copy of the file; a file that "
        "cannot be used (damaged pages, not a database, a newer schema) is moved aside and an "
        "empty one started. Copies and moved files are kept next to it as "
        "<name>.corrupt-<timestamp>. A sound database is left unchanged.",
    )
    reset.set_defaults(run=run_reset)


def _db_path(args: argparse.Namespace) -> Path:
    from desktop.data import paths

    return Path(args.db) if args.db else paths.default_db_path()


def _fail(message: str, code: int = EXIT_NOTHING) -> int:
    print(printable(message), file=sys.stderr)
    return code


def run_import(args: argparse.Namespace) -> int:
    from desktop.data.market.schema import MarketDataError
    from desktop.data.market.store import MarketStore

    db = _db_path(args)
    try:
        with MarketStore(db) as store:
            report = store.import_paths(args.paths)
    except MarketDataError as exc:
        return _fail(str(exc))
    print(printable(_import_text(report, db)))
    return EXIT_OK if report.imported else EXIT_NOTHING


def _import_text(report, db: Path) -> str:
    if not report.files:
        return "No CSV files found in the given paths; nothing was imported."
    lines = [f"Imported {len(report.imported)} of {len(report.files)} file(s) into {db}"]
    rows = [
        [s.name, s.kind, str(s.first_date), str(s.last_date), str(s.rows), str(f.path)]
        for f in report.imported
        for s in f.series
    ]
    if rows:
        lines.append(_table(["series", "kind", "first", "last", "rows", "file"], rows))
    flagged = [s for f in report.imported for s in f.series if s.flags]
    if flagged:
        lines.append("\nFlagged (rows are kept; suspect closes are not used by the signals):")
        lines += [f"  {s.name:<8} {line}" for s in flagged for line in _flag_lines(s.flags)]
    if report.rejected:
        lines.append(f"\nRejected {len(report.rejected)} file(s):")
        lines += [f"  {f.error}" for f in report.rejected]
    return "\n".join(lines)


def _flag_lines(flags) -> list[str]:
    by_kind: dict[str, list] = {}
    for flag in flags:
        by_kind.setdefault(flag.kind, []).append(flag)
    lines = []
    for kind, group in by_kind.items():
        if len(group) <= _DETAILED_FLAGS:
            lines += [f"{kind} {f.date}: {f.detail}" for f in group]
        else:
            dates = sorted(f.date for f in group)
            lines.append(
                f"{kind}: {len(group)} dates, {dates[0]} to {dates[-1]} ({group[0].detail})"
            )
    return lines


def run_refresh(args: argparse.Namespace) -> int:
    from desktop.data.market.fetch import OfflineError
    from desktop.data.market.schema import MarketDataError
    from desktop.data.market.store import MarketStore

    if args.fred:
        return _run_fred_refresh(args)
    tickers = list(args.tickers) or list(_universe_tickers())
    db = _db_path(args)
    print(printable(f"Refreshing {len(tickers)} ticker(s) from Yahoo Finance into {db} ..."))
    try:
        with MarketStore(db) as store:
            report = store.refresh(tickers, progress=_progress_printer())
    except OfflineError as exc:
        return _fail(str(exc), EXIT_OFFLINE)
    except MarketDataError as exc:
        return _fail(str(exc))
    rows = [
        [
            s.name,
            "updated",
            f"{s.first_date} to {s.last_date}",
            str(s.rows),
            "; ".join(sorted({f.kind for f in s.flags})),
        ]
        for s in report.updated
    ]
    rows += [[ticker, "failed", "", "", why] for ticker, why in report.failures.items()]
    print(_table(["ticker", "outcome", "dates fetched", "rows", "flags / reason"], rows))
    return EXIT_OK if report.updated else EXIT_NOTHING


def _run_fred_refresh(args: argparse.Namespace) -> int:
    from desktop.data.market.fetch import OfflineError
    from desktop.data.market.fred_fetch import refresh_fred, signal_fred_ids
    from desktop.data.market.schema import MarketDataError
    from desktop.data.market.store import MarketStore

    ids, db = list(args.tickers) or list(signal_fred_ids()), _db_path(args)
    print(printable(f"Refreshing {len(ids)} FRED series into {db} ..."))
    try:
        with MarketStore(db) as store:
            result = refresh_fred(store, ids)
    except OfflineError as exc:
        return _fail(str(exc), EXIT_OFFLINE)
    except MarketDataError as exc:
        return _fail(str(exc))
    written = [s for f in result.report.imported for s in f.series]
    rows = [
        [s.name, "updated", f"{s.first_date} to {s.last_date}", str(s.rows), _kinds(s.flags)]
        for s in written
    ]
    rows += [[fred_id, "failed", "", "", why] for fred_id, why in result.failures.items()]
    rows += [[f.path.stem, "failed", "", "", str(f.error)] for f in result.report.rejected]
    print(_table(["series", "outcome", "published", "rows", "flags / reason"], rows))
    return EXIT_OK if written else EXIT_NOTHING


def _kinds(flags) -> str:
    return "; ".join(sorted({f.kind for f in flags}))


def _progress_printer():
    """Show `done/total ticker` on an interactive terminal, overwriting one line."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, ticker: str) -> None:
        end = "\n" if done == total else ""
        print(f"\r  {done}/{total} {ticker:<12}", end=end, file=sys.stderr, flush=True)

    return show


def _universe_tickers() -> Sequence[str]:
    from desktop.data.portfolios import all_tickers

    return all_tickers()


def run_status(args: argparse.Namespace) -> int:
    from desktop.data.market.schema import MarketDataError
    from desktop.data.market.store import MarketStore

    db = _db_path(args)
    if not db.exists():
        statuses = []
    else:
        try:
            with MarketStore(db, read_only=True) as store:
                statuses = store.status()
        except MarketDataError as exc:
            return _fail(str(exc))
    from desktop.engine.data_service import series_readers

    uses = series_readers()
    if args.json:
        rows = [{**s.as_dict(), "used_by": list(uses.get(s.ticker, ()))} for s in statuses]
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    if not statuses:
        print(printable(f"No data in {db} yet: run `rotation-advisor import PATH` or `refresh`."))
        return EXIT_OK
    print(_status_table(statuses, uses))
    return EXIT_OK


def _status_table(statuses, uses) -> str:
    """One row per stored series, then which needed series are missing."""
    from desktop.advice.series_use import missing_series, uses_text

    rows = [
        [
            s.ticker, s.kind, str(s.first_date), str(s.last_date), str(s.rows),
            "stale" if s.stale else "", uses_text(uses.get(s.ticker, ())), "; ".join(s.flags),
        ]
        for s in statuses
    ]  # fmt: skip
    headers = ["series", "kind", "first", "last", "rows", "stale", "used_by", "flags"]
    used = sum(1 for s in statuses if s.ticker in uses)
    lines = [_table(headers, rows), f"\nThe signals and the portfolio read {used} of these series."]
    missing = missing_series(uses, (s.ticker for s in statuses))
    if missing:
        lines.append(f"They need {len(missing)} that are not stored: {', '.join(missing)}.")
    return "\n".join(lines)


def run_reset(args: argparse.Namespace) -> int:
    from desktop.data.market.db_check import reset_database

    db = _db_path(args)
    outcome = reset_database(db)
    lines = {
        "missing": [f"There is no database at {db}; nothing to reset."],
        "fine": [f"The database at {db} passed a full check; nothing was changed."],
        "rebuilt": [
            f"The packed closes in {db} were damaged ({outcome.problem}).",
            "They were rebuilt from the stored prices; nothing was lost.",
        ],
        "repaired": [
            f"The database at {db} held damaged rows ({outcome.problem}).",
            f"A copy as it was is kept at {outcome.kept}; those rows were deleted.",
            "Import or refresh the affected series again to fill them in.",
        ],
        "moved": [
            f"The database at {db} could not be used ({outcome.problem}).",
            f"Moved it to {outcome.kept} and created an empty one at {db}.",
            "Import or refresh your data again.",
        ],
    }[outcome.kind]
    print(printable("\n".join(lines)))
    return EXIT_OK


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns ("rows" right-aligned) separated by two spaces."""
    rows = [[printable(cell) for cell in row] for row in rows]
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(c).rjust(w) if h == "rows" else str(c).ljust(w)
            for c, w, h in zip(cells, widths, headers, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), *(line(r) for r in rows)])
