"""The download path, driven with frames shaped exactly like yfinance 1.7's."""

import threading

import pandas as pd
import pytest
from yfinance.exceptions import YFRateLimitError

from desktop.data.market.fetch import (
    FetchCancelled,
    FetchPolicy,
    OfflineError,
    fetch_prices,
    split_download,
)
from tests.test_desktop.fake_yahoo import (
    FakeYahoo,
    history,
    offline_download,
    rate_limited,
    yahoo_frame,
)

DAYS = pd.bdate_range("2024-01-02", periods=5)
SPY = history(dict(zip(DAYS, [470.0, 472.0, 468.0, 471.0, 475.0], strict=True)))
IWM = history(dict(zip(DAYS, [200.0, 201.0, 199.0, 202.0, 204.0], strict=True)))
RATE = (YFRateLimitError,)


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def test_split_reads_field_ticker_columns_and_drops_failed_tickers():
    frame = yahoo_frame({"SPY": SPY, "IWM": IWM, "NOPE": None})
    assert ("Close", "SPY") in frame.columns and ("Adj Close", "NOPE") in frame.columns
    frames = split_download(frame, ["SPY", "IWM", "NOPE"])
    assert sorted(frames) == ["IWM", "SPY"]
    assert list(frames["SPY"]["close"]) == [470.0, 472.0, 468.0, 471.0, 475.0]
    assert list(frames["IWM"].columns) == ["close", "open", "high", "low", "volume"]


def test_split_keeps_exchange_dates_of_a_tz_aware_index():
    aware = history({"2024-01-02": 10.0, "2024-01-03": 11.0}, tz="America/New_York")
    frames = split_download(yahoo_frame({"SPY": aware}), ["SPY"])
    index = frames["SPY"].index
    assert index.tz is None
    assert list(index) == [pd.Timestamp("2024-01-02"), pd.Timestamp("2024-01-03")]


def test_split_accepts_single_ticker_flat_columns_and_empty_frames():
    flat = SPY.copy()
    assert list(split_download(flat, ["SPY"])["SPY"]["close"])[:2] == [470.0, 472.0]
    assert split_download(pd.DataFrame(), ["SPY"]) == {}
    assert split_download(yahoo_frame({"SPY": None}), ["SPY"]) == {}


def test_split_drops_rows_that_are_other_tickers_trading_days():
    btc = history({"2024-01-06": 44000.0, "2024-01-08": 45000.0})  # a Saturday and a Monday
    spy = history({"2024-01-05": 470.0, "2024-01-08": 471.0})
    frames = split_download(yahoo_frame({"BTC-USD": btc, "SPY": spy}), ["BTC-USD", "SPY"])
    assert list(frames["SPY"].index.day) == [5, 8]


def test_batches_use_explicit_arguments_and_report_progress():
    fake = FakeYahoo({"SPY": SPY, "IWM": IWM, "QQQ": SPY})
    seen = []
    result = fetch_prices(
        {"SPY": None, "IWM": None, "QQQ": pd.Timestamp("2024-01-04")},
        fake,
        policy=FetchPolicy(batch_size=1, timeout_s=3.0),
        progress=lambda done, total, ticker: seen.append((done, total, ticker)),
    )
    assert sorted(result.frames) == ["IWM", "QQQ", "SPY"]
    assert [call["tickers"] for call in fake.calls] == [["IWM"], ["SPY"], ["QQQ"]]
    assert fake.calls[0]["period"] == "max" and "start" not in fake.calls[0]
    assert fake.calls[2]["start"] == "2024-01-04" and "period" not in fake.calls[2]
    for call in fake.calls:
        assert call["auto_adjust"] is True and call["group_by"] == "column"
        assert call["threads"] is False and call["progress"] is False
        assert call["timeout"] == 3.0
    assert seen == [(1, 3, "IWM"), (2, 3, "SPY"), (3, 3, "QQQ")]
    assert len(result.frames["QQQ"]) == 3


def test_a_missing_ticker_fails_alone_with_yahoos_reason():
    result = fetch_prices({"SPY": None, "NOPE": None}, FakeYahoo({"SPY": SPY}))
    assert list(result.frames) == ["SPY"]
    assert "possibly delisted" in result.failures["NOPE"]


def test_an_exception_fails_its_batch_only():
    fake = FakeYahoo({"SPY": SPY, "IWM": IWM}, script={0: ValueError("bad JSON from Yahoo")})
    result = fetch_prices({"IWM": None, "SPY": None}, fake, policy=FetchPolicy(batch_size=1))
    assert list(result.frames) == ["SPY"]
    assert result.failures == {"IWM": "download failed: bad JSON from Yahoo"}


@pytest.mark.parametrize("limit", [YFRateLimitError(), rate_limited])
def test_rate_limit_is_retried_with_backoff(limit):
    fake = FakeYahoo({"SPY": SPY}, script={0: limit, 1: limit})
    sleeps = Sleeps()
    policy = FetchPolicy(backoff_s=1.5)
    result = fetch_prices({"SPY": None}, fake, policy=policy, rate_limit_errors=RATE, sleep=sleeps)
    assert list(result.frames) == ["SPY"]
    assert sleeps == [1.5, 3.0]
    assert len(fake.calls) == 3


def test_rate_limit_gives_up_after_bounded_retries():
    fake = FakeYahoo({"SPY": SPY}, script=dict.fromkeys(range(10), YFRateLimitError()))
    sleeps = Sleeps()
    policy = FetchPolicy(max_retries=2, backoff_s=1.0)
    result = fetch_prices({"SPY": None}, fake, policy=policy, rate_limit_errors=RATE, sleep=sleeps)
    assert sleeps == [1.0, 2.0]
    assert "rate limit after 3 attempt(s)" in result.failures["SPY"]


def test_backoff_never_sleeps_past_the_deadline():
    fake = FakeYahoo({"SPY": SPY}, script=dict.fromkeys(range(10), YFRateLimitError()))
    sleeps = Sleeps()
    policy = FetchPolicy(backoff_s=100.0, deadline_s=30.0)
    result = fetch_prices({"SPY": None}, fake, policy=policy, rate_limit_errors=RATE, sleep=sleeps)
    assert sleeps == []
    assert "rate limit" in result.failures["SPY"]


def test_no_network_raises_offline_error():
    with pytest.raises(OfflineError, match="Could not reach Yahoo Finance"):
        fetch_prices({"SPY": None, "IWM": None}, offline_download)


def test_an_unexplained_empty_answer_counts_as_offline():
    with pytest.raises(OfflineError):
        fetch_prices({"SPY": None}, lambda tickers, **kwargs: pd.DataFrame())


def test_only_unknown_tickers_is_not_offline():
    result = fetch_prices({"NOPE": None}, FakeYahoo({}))
    assert "possibly delisted" in result.failures["NOPE"]


def test_a_stalled_download_is_abandoned_at_the_deadline():
    release = threading.Event()

    def stalled(tickers, **kwargs):
        release.wait(10)
        return yahoo_frame({"SPY": SPY})

    try:
        result = fetch_prices({"SPY": None}, stalled, policy=FetchPolicy(deadline_s=0.2))
    finally:
        release.set()
    assert "no answer within the 0.2 s limit" in result.failures["SPY"]


def test_cancel_between_batches_raises():
    fake = FakeYahoo({"SPY": SPY, "IWM": IWM})
    asked = iter([False, True])
    with pytest.raises(FetchCancelled):
        fetch_prices(
            {"IWM": None, "SPY": None},
            fake,
            policy=FetchPolicy(batch_size=1),
            cancel=lambda: next(asked),
        )
    assert len(fake.calls) == 1
