"""What an import or a refresh did, in the sentences the Data tab shows.

Each function returns (text, kind) where kind is the notice colour: "info" when everything
went through, "warning" when some files or tickers were refused or flagged.
"""

from __future__ import annotations

from desktop.data.market.store import ImportReport, RefreshReport

_LISTED = 3  # name at most this many refused files or tickers; count the rest


def import_summary(report: ImportReport) -> tuple[str, str]:
    """E.g. "Imported 2 files: SPY, IWM (1 flagged). Not imported: bad.csv: line 3: …"."""
    names = [s.name for f in report.imported for s in f.series]
    flagged = sum(1 for f in report.imported for s in f.series if s.flags)
    parts = []
    if report.imported:
        listed = _listed(names)
        note = f" ({flagged} with quality flags: see the table)" if flagged else ""
        parts.append(f"Imported {_count(len(report.imported), 'file')}: {listed}{note}.")
    if report.rejected:
        reasons = [f.error or "" for f in report.rejected]
        parts.append(f"Not imported: {_listed(reasons, sep=' | ')}.")
    if not parts:
        return "No CSV files found there; nothing was imported.", "warning"
    kind = "warning" if report.rejected or flagged else "info"
    return " ".join(parts), kind


def refresh_summary(report: RefreshReport) -> tuple[str, str]:
    """E.g. "Updated 30 series. 2 failed: ARKK (no data returned …), …"."""
    parts = [f"Updated {_count(len(report.updated), 'series', 'series')} from Yahoo Finance."]
    if report.failures:
        failed = [f"{ticker} ({why})" for ticker, why in report.failures.items()]
        parts.append(f"{len(failed)} not updated: {_listed(failed)}.")
    return " ".join(parts), "warning" if report.failures else "info"


def _listed(items: list[str], sep: str = ", ") -> str:
    shown = sep.join(items[:_LISTED])
    more = len(items) - _LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
