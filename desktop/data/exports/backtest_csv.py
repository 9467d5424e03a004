"""A backtest's target weights at every rebalance as a CSV file (`backtest --out FILE.csv`).

Columns: date (YYYY-MM-DD, the advice date), portfolio ("advisor" or "model"), ticker,
weight_pct (percent, 4 decimals). One row per portfolio, rebalance and held asset, in date
order, then advisor before model, then universe order. Written in one rename
(`desktop.data.exports.atomic_file`): a reader sees the old file or the new one, never part of it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from desktop.data.exports.atomic_file import write_atomically

COLUMNS = ("date", "portfolio", "ticker", "weight_pct")
PORTFOLIOS = ("advisor", "model")


class BacktestExportError(Exception):
    """The CSV could not be written; the message says why and what to do. Nothing changed."""


def weights_csv_text(targets: Mapping[str, pd.DataFrame]) -> str:
    """The CSV text of `targets` (portfolio -> (n_rebalances, n_assets) decimal weights)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    frames = [targets[p] for p in PORTFOLIOS]
    for position, date in enumerate(frames[0].index):
        day = f"{date:%Y-%m-%d}"
        for name, frame in zip(PORTFOLIOS, frames, strict=True):
            row = frame.iloc[position]
            writer.writerows((day, name, t, f"{100 * w:.4f}") for t, w in row.items())
    return out.getvalue()


def write_weights_csv(path: Path | str, targets: Mapping[str, pd.DataFrame]) -> None:
    """Write `weights_csv_text(targets)` to `path`; BacktestExportError if it cannot be."""
    path = Path(path)
    try:
        write_atomically(path, weights_csv_text(targets))
    except OSError as exc:
        raise BacktestExportError(
            f"Could not write {path}: {exc.strerror or exc}. Check the folder exists and is "
            "writable, or choose another file."
        ) from exc
