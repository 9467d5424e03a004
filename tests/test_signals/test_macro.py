"""macro_surprise (Philly Fed, Empire State, claims inverted) and the macro release helpers."""

import numpy as np
import pandas as pd
import pytest

from signals.inputs import MACRO_SERIES, SignalInputs
from signals.macro import macro_surprise, macro_surprise_history
from signals.macro_releases import SERIES, fred_releases, publication_date
from tests.test_signals.builders import assert_history_matches_point, bdays, macro, releases

INDEX = bdays(1300)  # 2021-02 .. 2026-01-16
MONTHS = pd.date_range("2021-01-01", "2026-01-01", freq="MS")
WEEKS = pd.date_range("2021-01-02", "2026-01-10", freq="W-SAT")


def philly(last: float, consensus: float | None, *, history_consensus: bool = False):
    actual = np.random.default_rng(40).normal(5.0, 10.0, len(MONTHS))
    actual[-1] = last
    expect = np.full(len(MONTHS), np.nan)
    if history_consensus:  # forecasters usually within a couple of points
        expect = actual + np.random.default_rng(41).normal(0.0, 2.0, len(MONTHS))
    expect[-1] = np.nan if consensus is None else consensus
    return releases("philly_fed", publication_date("philly_fed", MONTHS), actual, expect)


def empire(last: float, consensus: float):
    actual = np.random.default_rng(42).normal(0.0, 9.0, len(MONTHS))
    actual[-1] = last
    expect = np.r_[np.full(len(MONTHS) - 1, np.nan), consensus]
    return releases("empire_state", publication_date("empire_state", MONTHS), actual, expect)


def claims(last: float, consensus: float | None, *, spike: bool = False):
    actual = np.random.default_rng(43).normal(215.0, 8.0, len(WEEKS))
    if spike:  # a COVID-size jump inside the scaling window
        actual[60:64] = [900.0, 3000.0, 2500.0, 1500.0]
    actual[-1] = last
    expect = np.r_[np.full(len(WEEKS) - 1, np.nan), np.nan if consensus is None else consensus]
    return releases("jobless_claims", publication_date("jobless_claims", WEEKS), actual, expect)


def inputs(*frames: pd.DataFrame) -> SignalInputs:
    return SignalInputs(pd.DataFrame({"SPY": 1.0}, index=INDEX), macro(*frames))


def test_philly_beat_of_12_6_vs_minus_1_6_is_strongly_positive():
    reading = macro_surprise(inputs(philly(12.6, -1.6)))
    assert reading.score > 0.5 and not reading.stale
    assert "Philly Fed 12.6 vs -1.6 expected" in reading.explanation
    assert reading.evidence["philly_fed_basis"] == "consensus"
    assert reading.evidence["philly_fed_released"] == pd.Timestamp("2026-01-15")
    assert "no Empire State releases entered" in reading.explanation


def test_claims_198k_vs_215k_is_positive_because_inverted():
    reading = macro_surprise(inputs(claims(198.0, 215.0)))
    assert reading.score > 0.5
    assert "jobless claims 198k vs 215k expected" in reading.explanation
    assert macro_surprise(inputs(claims(232.0, 215.0))).score < -0.5


def test_the_notes_release_day_is_a_broad_beat():
    reading = macro_surprise(inputs(philly(12.6, -1.6), empire(7.7, 0.8), claims(198.0, 215.0)))
    assert reading.score > 0.7
    assert "Empire State 7.7 vs 0.8 expected" in reading.explanation
    assert "beating expectations" in reading.explanation
    assert "not_used" not in reading.evidence


def test_release_without_consensus_is_compared_with_its_own_trend():
    frame = philly(12.6, None)
    reading = macro_surprise(inputs(frame))
    assert reading.evidence["philly_fed_basis"] == "trend"
    previous_three = frame["actual"].iloc[-4:-1].mean()
    assert reading.evidence["philly_fed_expected"] == pytest.approx(previous_three)
    assert "its recent average of" in reading.explanation


def test_consensus_history_sets_a_tighter_scale_than_trend_surprises():
    plain = macro_surprise(inputs(philly(12.6, -1.6)))
    tracked = macro_surprise(inputs(philly(12.6, -1.6, history_consensus=True)))
    assert tracked.evidence["philly_fed_z"] > 2 * plain.evidence["philly_fed_z"]


def test_a_covid_spike_in_history_does_not_swamp_the_scale():
    calm = macro_surprise(inputs(claims(198.0, 215.0)))
    spiked = macro_surprise(inputs(claims(198.0, 215.0, spike=True)))
    assert spiked.evidence["jobless_claims_z"] > 0.7 * calm.evidence["jobless_claims_z"]


def test_no_releases_at_all_is_stale_and_says_what_to_import():
    reading = macro_surprise(inputs())
    assert reading.stale and reading.score == 0
    assert (
        "no Philly Fed releases entered; import FRED GACDFSA066MSFRBPHI or enter releases"
        in reading.explanation
    )


def test_old_releases_are_left_out_monthly_after_45_days_weekly_after_14():
    later = pd.DataFrame({"SPY": 1.0}, index=bdays(40, "2026-03-06"))
    reading = macro_surprise(SignalInputs(later, macro(philly(12.6, -1.6), claims(198.0, 215.0))))
    assert reading.stale
    assert "the last Philly Fed release is 2026-01-15, 50 days old" in reading.explanation
    two_weeks_missing = claims(198.0, 215.0).iloc[:-2]  # last published 2026-01-01
    weekly = macro_surprise(inputs(philly(12.6, -1.6), two_weeks_missing))
    assert not weekly.stale and "jobless_claims_z" not in weekly.evidence
    assert "the last jobless claims release is 2026-01-01, 15 days old" in weekly.explanation


def test_too_short_a_history_is_stale():
    short = philly(12.6, -1.6).iloc[-6:]
    reading = macro_surprise(inputs(short))
    assert reading.stale and "too few to scale a surprise" in reading.explanation


def test_releases_after_as_of_are_invisible():
    data = inputs(philly(12.6, -1.6), claims(198.0, 215.0))
    cut = pd.Timestamp("2026-01-14")
    blind = SignalInputs(data.prices.loc[:cut], data.macro)  # macro still holds 2026-01-15
    assert macro_surprise(blind) == macro_surprise(data.upto(cut))
    assert "12.6" not in macro_surprise(blind).explanation


def test_history_equals_point_and_later_releases_do_not_change_it():
    data = inputs(philly(12.6, -1.6), empire(7.7, 0.8), claims(198.0, 215.0))
    scores = assert_history_matches_point(macro_surprise, macro_surprise_history, data, 20)
    assert scores.iloc[-1] > 0.7
    cut = pd.Timestamp("2025-06-30")
    shorter = SignalInputs(data.prices.loc[:cut], data.macro.loc[data.macro["date"] <= cut])
    pd.testing.assert_series_equal(
        macro_surprise_history(shorter), scores.loc[:cut], check_names=False
    )


@pytest.mark.parametrize(
    ("series", "reference", "published"),
    [
        ("philly_fed", "2026-01-01", "2026-01-15"),  # third Thursday
        ("philly_fed", "2025-05-01", "2025-05-15"),
        ("empire_state", "2025-11-01", "2025-11-17"),  # the 15th was a Saturday
        ("empire_state", "2026-01-01", "2026-01-15"),
        ("jobless_claims", "2025-12-27", "2026-01-01"),  # week ending Saturday -> Thursday
        ("consumer_sentiment", "2025-11-01", "2025-12-01"),
        ("treasury_2y", "2025-12-26", "2025-12-29"),  # Friday's yield -> next business day
        ("fed_funds", "2025-11-01", "2025-12-02"),  # the month's average, out after it ends
        ("fed_assets", "2025-12-24", "2025-12-26"),  # Wednesday's level, out Thursday evening
        ("financial_conditions", "2025-12-26", "2025-12-31"),  # week to Friday -> Wednesday
        ("core_cpi", "2025-11-01", "2025-12-22"),  # the 20th was a Saturday
        ("core_pce", "2025-09-01", "2025-11-03"),  # end of the next month, rounded late
        ("payrolls", "2025-11-01", "2025-12-08"),
    ],
)
def test_fred_reference_dates_move_to_publication_dates(series, reference, published):
    moved = publication_date(series, pd.DatetimeIndex([reference]))
    assert moved[0] == pd.Timestamp(published)


def test_new_fred_series_arrive_in_canonical_units():
    walcl = fred_releases("WALCL", ["2025-12-24"], [6581231.0])  # USD millions
    assert walcl["series"].iloc[0] == "fed_assets"
    assert walcl["actual"].iloc[0] == pytest.approx(6581.231)  # USD billions
    dgs2 = fred_releases("DGS2", ["2025-12-30"], [3.45])
    assert (dgs2["series"].iloc[0], dgs2["actual"].iloc[0]) == ("treasury_2y", 3.45)


def test_series_without_a_fred_schedule_is_refused():
    with pytest.raises(ValueError, match="mmf_assets"):
        publication_date("mmf_assets", pd.DatetimeIndex(["2026-01-07"]))


def test_fred_files_become_canonical_published_rows_in_canonical_units():
    rows = fred_releases("ICSA", ["2025-12-20", "2025-12-27"], [224000.0, 199000.0])
    assert list(rows["series"]) == ["jobless_claims", "jobless_claims"]
    assert list(rows["date"]) == [pd.Timestamp("2025-12-25"), pd.Timestamp("2026-01-01")]
    assert list(rows["actual"]) == [224.0, 199.0] and rows["consensus"].isna().all()
    philly_rows = fred_releases("GACDFSA066MSFRBPHI", ["2026-01-01"], [12.6])
    assert philly_rows["date"].iloc[0] == pd.Timestamp("2026-01-15")
    with pytest.raises(ValueError, match="GACDFSA066MSFRBPHI, GACDISA066MSFRBNY, ICSA"):
        fred_releases("GDP", ["2026-01-01"], [30000.0])


def test_consensus_misses_that_never_vary_do_not_inflate_a_surprise():
    """Regression: identical past misses left a spread of ~1e-14, so a 0.1-point miss read as
    ~1e15 sigma and a full score. Such a spread now counts as none; the trend scale is used."""
    months = len(MONTHS)
    actual = np.random.default_rng(40).normal(5.0, 10.0, months)
    expect = actual - 0.1  # forecasters always exactly 0.1 below
    frame = releases("philly_fed", publication_date("philly_fed", MONTHS), actual, expect)
    reading = macro_surprise(inputs(frame))
    assert not reading.stale
    assert abs(reading.evidence["philly_fed_z"]) < 1.0
    assert abs(reading.score) < 0.5


def test_every_canonical_series_is_described_for_the_user():
    """The Data tab lists MACRO_SERIES for entry; the signals read SERIES: the two agree."""
    assert set(MACRO_SERIES) == set(SERIES)
