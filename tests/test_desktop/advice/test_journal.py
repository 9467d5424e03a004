"""The journal: each saved suggestion scored from its as-of date to the next one's, theme calls
right or wrong, and the chained record in one sentence."""

import math

import pandas as pd
import pytest

from desktop.advice.journal.scores import (
    NEW,
    REPLACED,
    RUNNING,
    SCORED,
    UNSCORED,
    Entry,
    followed_path,
    score_suggestions,
)
from desktop.advice.journal.suggestion import SavedWeight, Suggestion
from desktop.advice.journal.summary import journal_summary
from desktop.advice.theme_alpha import theme_trades

DAYS = pd.bdate_range("2025-01-01", periods=5)
# IWM doubles over the first two days, then is flat; SPY is flat, then falls by half.
PRICES = pd.DataFrame(
    {"IWM": [100.0, 150.0, 200.0, 200.0, 200.0], "SPY": [100.0, 100.0, 100.0, 80.0, 50.0]},
    index=DAYS,
)
TRADES = theme_trades(
    ["IWM", "SPY"], buys={"small_caps": ["IWM"]}, funded_by={"small_caps": ["SPY"]}
)


def saved(day: int, iwm: float, view: float, override: float | None = None) -> Suggestion:
    """A suggestion as of DAYS[day] with IWM at `iwm` % (the model holds 50/50)."""
    return Suggestion(
        as_of=f"{DAYS[day]:%Y-%m-%d}",
        source="Cached data",
        settings={},
        signal_views={"small_caps": view},
        overrides={} if override is None else {"small_caps": override},
        weights=(
            SavedWeight("IWM", 50.0, iwm, iwm - 50.0),
            SavedWeight("SPY", 50.0, 100.0 - iwm, 50.0 - iwm),
        ),
    )


def test_each_suggestion_is_scored_until_the_next_and_the_newest_until_the_data_ends():
    entries = [Entry(2, saved(2, 40.0, -0.5)), Entry(1, saved(0, 60.0, 0.4))]
    first, second = score_suggestions(entries, PRICES, TRADES)

    assert (first.id, first.status, first.end, first.days) == (1, SCORED, "2025-01-03", 2)
    assert first.return_pct == pytest.approx(60.0)  # 0.6 * 200 % + 0.4 * 100 %, less 100
    assert first.model_return_pct == pytest.approx(50.0)
    assert first.active_pts == pytest.approx(10.0) and first.ahead
    (call,) = first.calls
    assert call.trade_return_pct == pytest.approx(100.0) and call.right is True

    assert (second.status, second.end) == (RUNNING, "2025-01-07")
    assert second.return_pct == pytest.approx(0.4 * 0 + 0.6 * -50.0)
    assert second.active_pts == pytest.approx(-30.0 - -25.0) and not second.ahead
    assert second.calls[0].right is False  # a view against small caps, and the trade earned +50 %


def test_the_view_used_is_the_override_when_there_was_one():
    (score,) = score_suggestions([Entry(1, saved(0, 60.0, -0.4, override=0.3))], PRICES, TRADES)
    assert score.calls[0].view == 0.3 and score.calls[0].right is True


def test_a_view_of_zero_makes_no_call():
    (score,) = score_suggestions([Entry(1, saved(0, 50.0, 0.0))], PRICES, TRADES)
    assert score.calls[0].right is None


def test_same_day_suggestions_replace_one_another_and_odd_ones_say_why():
    entries = [
        Entry(1, saved(0, 60.0, 0.4)),
        Entry(2, saved(0, 55.0, 0.4)),
        Entry(3, saved(4, 50.0, 0.1)),
        Entry(4, saved(0, 50.0, 0.1), excluded="saved on the demo data"),
        Entry(5, Suggestion("2024-06-03", "Cached data", {}, {}, {})),
    ]
    by_id = {s.id: s for s in score_suggestions(entries, PRICES, TRADES)}
    assert by_id[1].status == REPLACED and "#2" in by_id[1].note
    assert by_id[2].status == SCORED and by_id[2].end == "2025-01-07"  # #3 is as of the last day
    assert by_id[3].status == NEW
    assert by_id[4].status == UNSCORED and by_id[4].note == "saved on the demo data"
    assert by_id[5].status == UNSCORED and "outside the prices" in by_id[5].note


def test_the_record_chains_the_periods_and_ends_where_the_scores_say():
    entries = [Entry(1, saved(0, 60.0, 0.4)), Entry(2, saved(2, 40.0, -0.5))]
    scores = score_suggestions(entries, PRICES, TRADES)
    record = followed_path(entries, scores, PRICES)
    assert list(record.index) == list(DAYS)
    followed = (1.6 * (1 + scores[1].return_pct / 100) - 1) * 100
    assert record["followed_pct"].iloc[-1] == pytest.approx(followed)
    assert record["model_pct"].iloc[2] == pytest.approx(50.0)
    end = (1 + record["followed_pct"].iloc[-1] / 100) / (1 + record["model_pct"].iloc[-1] / 100)
    assert record["active_pct"].iloc[-1] == pytest.approx(100 * (end - 1))


def test_the_summary_sentence_states_the_record_and_its_uncertainty():
    entries = [Entry(1, saved(0, 60.0, 0.4)), Entry(2, saved(2, 40.0, -0.5))]
    summary = journal_summary(score_suggestions(entries, PRICES, TRADES))
    assert (summary.counted, summary.ahead, summary.calls, summary.calls_right) == (2, 1, 2, 1)
    assert math.isnan(summary.active_per_year_pct) and math.isnan(summary.t_stat)
    assert summary.text == (
        "2 saved suggestions since 2025-01: "
        f"{summary.active_total_pct:+.1f} % against the model over 6 days (not annualised), "
        "1 of 2 ahead; 1 of 2 theme calls right (too few periods (2) for a t-stat)."
    )


def test_a_year_or_more_is_stated_per_year_with_a_t_stat():
    days = pd.bdate_range("2020-01-01", "2023-12-29")
    growth = pd.Series(range(len(days)), index=days, dtype=float)
    prices = pd.DataFrame({"IWM": 100 * 1.0004**growth, "SPY": 100 * 1.0002**growth})
    weights = saved(0, 60.0, 0.5).weights
    entries = [
        Entry(i + 1, Suggestion(f"{d:%Y-%m-%d}", "x", {}, {"small_caps": 0.5}, {}, (), weights))
        for i, d in enumerate(days[::250])
    ]
    summary = journal_summary(score_suggestions(entries, prices, TRADES))
    assert summary.years > 3 and summary.ahead == summary.counted
    assert summary.active_per_year_pct > 0 and summary.t_stat > 10
    assert f"{summary.active_per_year_pct:+.1f} %/yr against the model" in summary.text


def test_nothing_to_score_says_when_it_will_be():
    summary = journal_summary(score_suggestions([Entry(1, saved(4, 50.0, 0.1))], PRICES, TRADES))
    assert summary.text.startswith("1 saved suggestion, none with a period to score yet")
