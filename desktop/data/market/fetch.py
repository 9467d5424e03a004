"""Download daily prices through a yfinance-style `download` callable, without ever hanging.

The callable is injected (market_data passes `yfinance.download`; tests pass fakes returning
frames shaped like yfinance's: MultiIndex columns (field, ticker), a "Date" index). Each batch
runs on a daemon thread so an overall deadline holds even if a request stalls; rate limits are
retried with exponential backoff; one ticker failing never fails the others.

yfinance 1.x catches per-ticker errors inside `download` and only logs them (e.g.
"['SPY']: YFRateLimitError('Too Many Requests...')" or a curl "Could not resolve host"), so the
reasons are read from its log records as well as from exceptions.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby

import numpy as np
import pandas as pd

Download = Callable[..., pd.DataFrame]
Progress = Callable[[int, int, str], None]
"""progress(done, total, ticker): called after each ticker is settled (fetched or failed)."""
Cancel = Callable[[], bool]

_NETWORK_MARKERS = (
    "could not resolve host",
    "failed to perform",
    "failed to connect",
    "connection",
    "network is unreachable",
    "timed out",
    "curl: (",
)
_RATE_LIMIT_MARKERS = ("ratelimit", "rate limit", "too many requests")


class OfflineError(RuntimeError):
    """No ticker could be fetched because the network (or Yahoo) is unreachable."""


class FetchCancelled(RuntimeError):
    """The caller's cancel hook asked to stop; nothing fetched so far is used."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """batch_size tickers per request; timeout_s per HTTP request; deadline_s for everything;
    up to max_retries retries after a rate limit, waiting backoff_s, 2*backoff_s, ..."""

    batch_size: int = 10
    timeout_s: float = 10.0
    deadline_s: float = 120.0
    max_retries: int = 3
    backoff_s: float = 2.0


DEFAULT_POLICY = FetchPolicy()


@dataclass(frozen=True, slots=True)
class FetchResult:
    """frames: ticker -> float64 frame (close, open, high, low, volume) on a tz-naive daily index.
    failures: ticker -> plain-language reason."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Attempt:
    frame: pd.DataFrame | None = None
    error: BaseException | None = None
    messages: list[str] = field(default_factory=list)
    timed_out: bool = False

    def text(self) -> str:
        return " ".join([*self.messages, repr(self.error) if self.error else ""]).lower()


def fetch_prices(
    starts: Mapping[str, pd.Timestamp | None],
    download: Download,
    *,
    policy: FetchPolicy = DEFAULT_POLICY,
    rate_limit_errors: tuple[type[BaseException], ...] = (),
    cancel: Cancel | None = None,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> FetchResult:
    """Fetch each ticker from its start date (None = full history).

    Raises OfflineError when nothing came back and every failure points at the network (or had
    no explanation at all, which is how yfinance answers without a connection), and
    FetchCancelled when `cancel()` turns true between batches.
    """
    run = _Run(download, policy, rate_limit_errors, clock() + policy.deadline_s, sleep, clock)
    ordered = sorted(starts.items(), key=lambda kv: (kv[1] is not None, kv[1] or 0, kv[0]))
    done = 0
    for start, group in groupby(ordered, key=lambda kv: kv[1]):
        tickers = [ticker for ticker, _ in group]
        for i in range(0, len(tickers), policy.batch_size):
            if cancel is not None and cancel():
                raise FetchCancelled("the download was cancelled; nothing was changed")
            batch = tickers[i : i + policy.batch_size]
            run.fetch_batch(batch, start)
            for ticker in batch:
                done += 1
                if progress is not None:
                    progress(done, len(ordered), ticker)
    result = run.result
    if not result.frames and result.failures and run.network >= set(result.failures):
        raise OfflineError(
            "Could not reach Yahoo Finance (no internet connection?). Nothing was changed; "
            "the app keeps using the prices already stored. Try again when online."
        )
    return result


@dataclass(slots=True)
class _Run:
    """State of one fetch: its deadline, results so far and tickers lost to the network."""

    download: Download
    policy: FetchPolicy
    rate_limit_errors: tuple[type[BaseException], ...]
    deadline: float
    sleep: Callable[[float], None]
    clock: Callable[[], float]
    result: FetchResult = field(default_factory=FetchResult)
    network: set[str] = field(default_factory=set)

    def fetch_batch(self, batch: Sequence[str], start: pd.Timestamp | None) -> None:
        """Settle every ticker of one batch into result.frames or result.failures."""
        pending = list(batch)
        for attempt in range(self.policy.max_retries + 1):
            remaining = self.deadline - self.clock()
            if remaining <= 0:
                self._fail(pending, f"no answer within the {self.policy.deadline_s:g} s limit")
                return
            outcome = _call(self.download, pending, start, self.policy, remaining)
            frames = split_download(outcome.frame, pending)
            self.result.frames.update(frames)
            pending = [t for t in pending if t not in frames]
            if not pending:
                return
            limited = isinstance(outcome.error, self.rate_limit_errors) or any(
                m in outcome.text() for m in _RATE_LIMIT_MARKERS
            )
            wait = self.policy.backoff_s * 2**attempt
            if (
                limited
                and attempt < self.policy.max_retries
                and self.clock() + wait < self.deadline
            ):
                self.sleep(wait)
                continue
            self._settle(pending, outcome, limited, attempt)
            return

    def _settle(self, pending: list[str], outcome: _Attempt, limited: bool, attempt: int) -> None:
        text = outcome.text()
        if outcome.timed_out:
            self._fail(pending, f"no answer within the {self.policy.deadline_s:g} s limit")
        elif limited:
            why = f"Yahoo rate limit after {attempt + 1} attempt(s); try again in a few minutes"
            self._fail(pending, why)
        elif any(m in text for m in _NETWORK_MARKERS) or not text.strip():
            self._fail(pending, "no data returned (network unreachable?)")
            self.network.update(pending)
        else:
            for ticker in pending:
                self._fail([ticker], _reason_for(outcome, ticker))

    def _fail(self, tickers: Sequence[str], reason: str) -> None:
        for ticker in tickers:
            self.result.failures[ticker] = reason


def _reason_for(outcome: _Attempt, ticker: str) -> str:
    """The error, or the log lines naming the ticker ('SPY' or $SPY), as yfinance writes them."""
    if outcome.error is not None:
        return f"download failed: {outcome.error}"
    own = [m for m in outcome.messages if f"'{ticker}'" in m or f"${ticker}" in m]
    return "no data returned: " + ("; ".join(own)[:200] if own else "Yahoo gave no reason")


class _Capture(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record.getMessage())


def _call(download: Download, tickers, start, policy: FetchPolicy, seconds: float) -> _Attempt:
    """One download call on a daemon thread, its yfinance log lines captured."""
    outcome = _Attempt()
    when = {"period": "max"} if start is None else {"start": pd.Timestamp(start).date().isoformat()}

    def run() -> None:
        try:
            outcome.frame = download(
                list(tickers),
                **when,
                auto_adjust=True,
                group_by="column",
                threads=False,
                progress=False,
                timeout=policy.timeout_s,
            )
        except Exception as exc:  # every failure becomes a per-ticker reason, never a crash
            outcome.error = exc

    logger = logging.getLogger("yfinance")
    handler = _Capture(outcome.messages)
    logger.addHandler(handler)
    try:
        worker = threading.Thread(target=run, name="price-download", daemon=True)
        worker.start()
        worker.join(seconds)
        outcome.timed_out = worker.is_alive()
    finally:
        logger.removeHandler(handler)
    return outcome


def split_download(frame: pd.DataFrame | None, tickers: Sequence[str]) -> dict[str, pd.DataFrame]:
    """Per-ticker price frames from a yfinance download; absent or all-NaN tickers are left out.

    Accepts (field, ticker) or (ticker, field) MultiIndex columns, or flat field columns when
    one ticker was asked for; tz-aware indexes keep their exchange-local date. Rows without a
    close are dropped: in a multi-ticker download they are only other tickers' trading days.
    """
    if frame is None or frame.empty:
        return {}
    frames = {}
    for ticker in tickers:
        fields = _fields_of(frame, ticker, single=len(tickers) == 1)
        if fields is None:
            continue
        prices = _adjusted(fields)
        prices = prices.loc[prices["close"].notna()]
        if not prices.empty:
            frames[ticker] = prices
    return frames


def _fields_of(frame: pd.DataFrame, ticker: str, *, single: bool) -> pd.DataFrame | None:
    columns = frame.columns
    if not isinstance(columns, pd.MultiIndex):
        return frame if single else None
    field_level = 0 if "Close" in columns.get_level_values(0) else 1
    tickers = columns.get_level_values(1 - field_level)
    wanted = tickers.str.upper() == ticker.upper()
    if not wanted.any():
        return None
    fields = frame.loc[:, wanted]
    fields.columns = fields.columns.get_level_values(field_level)
    return fields


def _adjusted(fields: pd.DataFrame) -> pd.DataFrame:
    """close = Adj Close when present (OHL scaled alike), else Close (auto_adjust=True)."""
    index = pd.DatetimeIndex(fields.index)
    if index.tz is not None:
        index = index.tz_localize(None)
    nan = np.full(len(fields), np.nan)

    def column(name: str) -> np.ndarray:
        return fields[name].to_numpy(dtype="float64") if name in fields else nan

    close, factor = column("Close"), 1.0
    adj = column("Adj Close")
    if not np.isnan(adj).all():
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = adj / close
        close = adj
    data = {"close": close}
    data.update({key: column(key.title()) * factor for key in ("open", "high", "low")})
    data["volume"] = column("Volume")
    out = pd.DataFrame(data, index=pd.DatetimeIndex(index.normalize(), name="date"))
    out.index = out.index.astype("datetime64[ns]")
    return out.loc[~out.index.duplicated(keep="last")]
