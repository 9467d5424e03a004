"""The date advice is for: resolved to a trading day, and what moving to it means in words."""

import numpy as np
import pandas as pd
import pytest

from desktop.advice.as_of import AsOfError, as_of_notes, inputs_at, resolve_as_of
from signals import SignalInputs

DAYS = pd.bdate_range("2024-01-01", periods=60)


@pytest.fixture
def inputs():
    prices = pd.DataFrame({"SPY": np.linspace(100, 110, 60), "NEW": np.nan}, index=DAYS)
    prices.loc[DAYS[40] :, "NEW"] = 20.0  # NEW starts on the 41st session
    return SignalInputs(prices)


def test_none_is_the_last_date_of_the_data(inputs):
    assert resolve_as_of(inputs) == DAYS[-1]
    assert inputs_at(inputs).prices.equals(inputs.prices)


def test_a_weekend_moves_to_the_friday_before_and_says_so(inputs):
    saturday = DAYS[9] + pd.Timedelta(days=1)
    assert resolve_as_of(inputs, saturday) == DAYS[9]
    assert as_of_notes(inputs, f"{saturday:%Y-%m-%d}", ["SPY"]) == (
        f"{saturday:%Y-%m-%d} is not a trading day in the data: this is as of "
        f"{DAYS[9]:%Y-%m-%d}, the last one before it",
    )


def test_a_date_before_a_series_starts_names_it_and_its_first_date(inputs):
    (note,) = as_of_notes(inputs, f"{DAYS[5]:%Y-%m-%d}", ["SPY", "NEW", "ABSENT"])
    assert f"there are no prices yet for NEW (from {DAYS[40]:%Y-%m-%d})" in note
    assert "ABSENT" not in note  # never priced at all: the signals' own sentence names it


def test_a_date_outside_the_data_is_an_error_naming_the_range(inputs):
    with pytest.raises(AsOfError, match="the data runs from 2024-01-01 to 2024-03-22"):
        resolve_as_of(inputs, "2023-12-29")


def test_no_date_means_no_notes(inputs):
    assert as_of_notes(inputs, None, ["NEW"]) == ()


def test_without_a_date_macro_releases_after_the_last_price_are_left_out(inputs):
    macro = pd.DataFrame(
        {
            "series": pd.Series(["philly_fed", "philly_fed"], dtype="string"),
            "date": pd.to_datetime([DAYS[-5], DAYS[-1] + pd.Timedelta(days=3)]),
            "actual": [10.0, 20.0],
            "consensus": [float("nan")] * 2,
        }
    )
    cut = inputs_at(SignalInputs(inputs.prices, macro))
    assert cut.macro["actual"].tolist() == [10.0]  # the same as asking for the last date
