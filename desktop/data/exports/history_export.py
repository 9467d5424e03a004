"""The saved history as one CSV file: one row per suggestion and held ticker (long format).

Columns, in order:
- suggestion_id, saved_at (ISO 8601 UTC), as_of (YYYY-MM-DD), source, note;
- ticker, model_weight, suggested_weight (percent, 2 decimals), active_weight (points);
- one column per setting (risk_aversion, te_cap_pct in annualised percent, turnover_penalty,
  portfolio_value in USD), then `view:<theme>` (the view used, in [-1, 1]),
  `override:<theme>` (the user's override, empty when the signals' view was used) and
  `score:<signal>` (the reading's score in [-1, 1]) for every theme and signal seen in any
  suggestion; these repeat on each ticker row of a suggestion so a pivot table can use them.
Rows are oldest suggestion first, tickers in saved order. Quoting and the formula guard are those
of `desktop.advice.csv_text`, as in the allocation CSV.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from desktop.advice.csv_text import csv_rows, escape_text
from desktop.advice.journal.suggestion import SETTING_NAMES
from desktop.data.exports.allocation_csv import ExportError
from desktop.data.exports.atomic_file import write_atomically
from desktop.data.history import SavedSuggestion

BASE_COLUMNS = (
    "suggestion_id", "saved_at", "as_of", "source", "note",
    "ticker", "model_weight", "suggested_weight", "active_weight",
)  # fmt: skip


def history_csv_text(saved: Sequence[SavedSuggestion]) -> str:
    """The CSV described in the module docstring, for suggestions in any order."""
    ordered = sorted(saved, key=lambda s: (s.saved_at, s.id))
    settings = _keys((s.suggestion.settings for s in ordered), first=SETTING_NAMES)
    themes = _keys([*s.suggestion.signal_views, *s.suggestion.overrides] for s in ordered)
    signals = _keys([r.name for r in s.suggestion.readings] for s in ordered)
    header = [*BASE_COLUMNS, *settings]
    header += [f"view:{t}" for t in themes] + [f"override:{t}" for t in themes]
    header += [f"score:{name}" for name in signals]
    rows: list[list[object]] = [[escape_text(name) for name in header]]
    for item in ordered:
        s = item.suggestion
        scores = {r.name: r.score for r in s.readings}
        shared = [_plain(s.settings.get(k)) for k in settings]
        shared += [_score(s.view(t)) for t in themes]
        shared += [_score(s.overrides.get(t)) for t in themes]
        shared += [_score(scores.get(name)) for name in signals]
        rows += [
            [
                item.id, escape_text(item.saved_at), escape_text(s.as_of), escape_text(s.source),
                escape_text(item.note), escape_text(w.ticker), f"{w.model_pct:.2f}",
                f"{w.suggested_pct:.2f}", f"{w.active_pts:.2f}", *shared,
            ]
            for w in s.weights
        ]  # fmt: skip
    return csv_rows(rows)


def write_history_csv(path: Path | str, saved: Sequence[SavedSuggestion]) -> None:
    """Write atomically (temp file, then rename); on failure the existing file is untouched."""
    path = Path(path)
    try:
        write_atomically(path, history_csv_text(saved))
    except OSError as exc:
        raise ExportError(f"Could not write {path}: {exc.strerror}; nothing was changed.") from exc


def _keys(groups: Iterable[Iterable[str]], first: Sequence[str] = ()) -> list[str]:
    """Every key seen, `first` ones (when seen) in their order, the rest in order of appearance."""
    seen = list(dict.fromkeys(key for group in groups for key in group))
    return [k for k in first if k in seen] + [k for k in seen if k not in first]


def _plain(value: float | None) -> str:
    """A setting as typed (no exponent for large money amounts); empty when absent."""
    return "" if value is None else str(round(float(value), 6))


def _score(value: float | None) -> str:
    """A view or score in [-1, 1] to 4 decimals; empty when absent."""
    return "" if value is None else f"{value:.4f}"
