"""consumer_sentiment: very low UMich sentiment is a contrarian positive, rising from it more so."""

import numpy as np
import pandas as pd

from signals.inputs import SignalInputs
from signals.sentiment import consumer_sentiment, consumer_sentiment_history
from tests.test_signals.builders import assert_history_matches_point, bdays, macro, releases

INDEX = bdays(1300)
MONTHS = pd.date_range("2011-02-01", "2026-01-01", freq="MS")
PUBLISHED = MONTHS + pd.Timedelta(days=14)  # the 15th; the last is 2026-01-15


def sentiment(last_six: list[float]) -> SignalInputs:
    """A calm cycle around 85 for 14 years, then the given last six readings."""
    t = np.arange(len(MONTHS))
    values = 85 + 10 * np.sin(t / 12) + np.random.default_rng(50).normal(0, 1.5, len(t))
    values[-6:] = last_six
    frame = releases("consumer_sentiment", PUBLISHED, values)
    return SignalInputs(pd.DataFrame({"SPY": 1.0}, index=INDEX), macro(frame))


def test_record_low_and_turning_up_is_strongly_positive():
    reading = consumer_sentiment(sentiment([60, 52, 47, 45, 48, 53]))
    assert reading.score > 0.9
    assert reading.evidence["recent_low"] == 45 and reading.evidence["recent_low_percentile"] == 0
    assert reading.evidence["rise_points"] == 8
    assert "6-month low of 45.0 was lower than 100.0% of readings since 2011" in (
        reading.explanation
    )
    assert "contrarian buy signal" in reading.explanation


def test_on_the_floor_without_a_turn_is_half_as_positive():
    reading = consumer_sentiment(sentiment([60, 55, 52, 50, 47, 45]))
    assert reading.score == 0.5 and "near the floor" in reading.explanation


def test_ordinary_or_high_sentiment_is_neutral_never_negative():
    middle = consumer_sentiment(sentiment([84, 85, 86, 85, 84, 85]))
    high = consumer_sentiment(sentiment([96, 97, 98, 99, 99, 99]))
    assert middle.score == 0 and high.score == 0
    assert "not low enough" in middle.explanation and not middle.stale


def test_missing_short_and_old_series_are_stale():
    none = consumer_sentiment(SignalInputs(pd.DataFrame({"SPY": 1.0}, index=INDEX)))
    assert none.stale
    assert "no consumer sentiment releases entered; import FRED UMCSENT" in none.explanation
    data = sentiment([60, 52, 47, 45, 48, 53])
    short = SignalInputs(data.prices, data.macro.iloc[-30:])
    assert consumer_sentiment(short).stale
    assert "30 releases, fewer than the 60 needed" in consumer_sentiment(short).explanation
    later = pd.DataFrame({"SPY": 1.0}, index=bdays(30, "2026-03-06"))
    old = consumer_sentiment(SignalInputs(later, data.macro))
    assert old.stale and "50 days old" in old.explanation


def test_history_equals_point_and_rows_after_as_of_are_invisible():
    data = sentiment([60, 52, 47, 45, 48, 53])
    scores = assert_history_matches_point(consumer_sentiment, consumer_sentiment_history, data, 20)
    assert scores.iloc[-1] > 0.9
    cut = pd.Timestamp("2025-12-20")
    blind = SignalInputs(data.prices.loc[:cut], data.macro)
    assert consumer_sentiment(blind) == consumer_sentiment(data.upto(cut))
