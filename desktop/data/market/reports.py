"""What an import or a refresh did: per file and per series, with the flags raised."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.data.market.quality import Flag


@dataclass(frozen=True, slots=True)
class SeriesWrite:
    """One series written by an import or refresh: the incoming rows' range and count, and
    every flag raised on the resulting stored series."""

    name: str
    kind: str
    first_date: date
    last_date: date
    rows: int
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True, slots=True)
class FileOutcome:
    path: Path
    series: tuple[SeriesWrite, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ImportReport:
    files: tuple[FileOutcome, ...]

    @property
    def imported(self) -> tuple[FileOutcome, ...]:
        return tuple(f for f in self.files if f.error is None)

    @property
    def rejected(self) -> tuple[FileOutcome, ...]:
        return tuple(f for f in self.files if f.error is not None)


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """updated: series written; failures: ticker -> reason (nothing written for those)."""

    updated: tuple[SeriesWrite, ...]
    failures: dict[str, str]
