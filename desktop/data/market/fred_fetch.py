"""Update the FRED series the signals read, online, exactly as importing FRED's files would.

FRED's graph endpoint serves any series as CSV without an API key:
    https://fred.stlouisfed.org/graph/fredgraph.csv?id=DGS2&cosd=2025-09-22
and answers `observation_date,DGS2` (older answers head it `DATE,DGS2`), then one row per
observation dated by its reference period, a missing value blank or '.'. Each answer is saved as
`fred/<ID>.csv` in a temporary folder and imported with `MarketStore.import_paths`, so an online
update is mapped to its canonical series, dated by publication, converted and checked by the
same code as a downloaded file (`signals.macro_releases.fred_releases`), in one transaction.

The HTTP call is injected (`get(url, timeout_s) -> bytes`); tests pass fakes answering like FRED.
Offline (the first requests all fail on the network) it raises `OfflineError` and changes nothing.
"""

from __future__ import annotations

import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from desktop.data.market.fetch import OfflineError
from desktop.data.market.reports import ImportReport
from signals.macro_releases import SERIES, fred_source

if TYPE_CHECKING:
    from desktop.data.market.store import MarketStore

Get = Callable[[str, float], bytes]
"""get(url, timeout in seconds) -> the response body; raises urllib.error.URLError or OSError."""

FRED_CSV = "https://fred.stlouisfed.org/graph/fredgraph.csv?id={fred_id}"
OVERLAP_DAYS = 100
"""Reference-period days re-fetched before a series' last stored release: a monthly value is
published weeks after the month it describes, and FRED revises the last few."""
NETWORK_FAILURES_FOR_OFFLINE = 3
"""Consecutive network failures, before any answer, that mean FRED cannot be reached."""


@dataclass(frozen=True, slots=True)
class FredRefresh:
    """What an online FRED update did: the import of the answers, and each failure's reason."""

    report: ImportReport
    failures: dict[str, str] = field(default_factory=dict)


def signal_fred_ids() -> tuple[str, ...]:
    """Every FRED series a signal reads, in the order of `signals.macro_releases.SERIES`."""
    return tuple(s.fred_id for s in SERIES.values() if s.fred_id)


def refresh_fred(
    store: MarketStore,
    fred_ids: Sequence[str] | None = None,
    *,
    get: Get | None = None,
    timeout_s: float = 15.0,
) -> FredRefresh:
    """Download `fred_ids` (default: every series the signals read) from a little before each
    one's last stored release (full history when none is stored) and import them.

    timeout_s: seconds each request may take. Raises OfflineError before changing anything when
    FRED cannot be reached; a series that fails alone is reported in `failures` and the others
    still import.
    """
    get = get or _urlopen_get
    ids = list(fred_ids or signal_fred_ids())
    starts = _starts(store.load_macro(), ids)
    with tempfile.TemporaryDirectory(prefix="rotation-advisor-fred-") as tmp:
        folder = Path(tmp) / "fred"
        folder.mkdir()
        failures = _download(ids, starts, get, timeout_s, folder)
        saved = sorted(folder.glob("*.csv"))
        report = store.import_paths(saved) if saved else ImportReport(())
    return FredRefresh(report, failures)


def fred_url(fred_id: str, start: pd.Timestamp | None) -> str:
    url = FRED_CSV.format(fred_id=fred_id)
    return url if start is None else f"{url}&cosd={start:%Y-%m-%d}"


def _starts(macro: pd.DataFrame, ids: Sequence[str]) -> dict[str, pd.Timestamp | None]:
    """First reference date to ask for: OVERLAP_DAYS before the last stored release."""
    last = macro.groupby("series")["date"].max() if not macro.empty else pd.Series(dtype=object)
    starts: dict[str, pd.Timestamp | None] = {}
    for fred_id in ids:
        source = fred_source(fred_id)
        stored = last.get(source[0] if source else fred_id)
        starts[fred_id] = None if stored is None else stored - pd.Timedelta(days=OVERLAP_DAYS)
    return starts


def _download(
    ids: Sequence[str],
    starts: dict[str, pd.Timestamp | None],
    get: Get,
    timeout_s: float,
    folder: Path,
) -> dict[str, str]:
    """Save each answer as folder/<ID>.csv; return the reasons of the ones that failed."""
    failures: dict[str, str] = {}
    network_failures, answered = 0, False
    for fred_id in ids:
        body, problem, network = _fetch_one(fred_id, starts[fred_id], get, timeout_s)
        answered = answered or not network
        network_failures += network
        if not answered and network_failures >= NETWORK_FAILURES_FOR_OFFLINE:
            raise OfflineError(
                "Could not reach FRED (no internet connection?). Nothing was changed; the app "
                "keeps using the macro releases already stored. Try again when online."
            )
        if problem:
            failures[fred_id] = problem
        else:
            (folder / f"{fred_id}.csv").write_bytes(body)
    return failures


def _fetch_one(
    fred_id: str, start: pd.Timestamp | None, get: Get, timeout_s: float
) -> tuple[bytes, str, bool]:
    """(body, why it is unusable or "", whether the network failed) for one series."""
    try:
        body = get(fred_url(fred_id, start), timeout_s)
    except urllib.error.HTTPError as exc:
        return b"", f"FRED answered HTTP {exc.code}: is {fred_id} a FRED series id?", False
    except (urllib.error.URLError, OSError) as exc:
        return b"", f"FRED could not be reached ({_reason(exc)})", True
    return body, _not_fred_csv(body, fred_id), False


def _not_fred_csv(body: bytes, fred_id: str) -> str:
    """Why `body` is not FRED's CSV of `fred_id` ("" when it is)."""
    first = body.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip().decode("utf-8", "replace")
    if first.split(",") in (["observation_date", fred_id], ["DATE", fred_id]):
        return ""
    shown = first[:60] or "an empty answer"
    return f"FRED's answer for {fred_id} is not its CSV (it starts {shown!r}); nothing stored"


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return str(reason)[:120] or type(exc).__name__


def _urlopen_get(url: str, timeout_s: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "rotation-advisor"})
    with urllib.request.urlopen(request, timeout=timeout_s) as response:
        return response.read()
