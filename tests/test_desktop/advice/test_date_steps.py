"""The time machine's steps: weekends skipped, the data's range kept, Latest at the end."""

import pytest

from desktop.advice.date_steps import step_date
from desktop.advice.state import Dates

RANGE = {"first": "2006-01-03", "last": "2026-08-03"}


def dates(shown: str, chosen: str = "") -> Dates:
    return Dates(chosen=chosen, shown=shown, **RANGE)


def test_a_day_back_from_monday_is_the_friday_before():
    assert step_date(dates("2026-01-12", "2026-01-12"), "day", -1) == "2026-01-09"


def test_a_day_forward_from_friday_is_monday():
    assert step_date(dates("2026-01-16", "2026-01-16"), "day", 1) == "2026-01-19"


def test_a_day_forward_from_a_holiday_moves_past_it():
    # 2026-01-19 is a holiday: the engine shows the Friday, the step counts from the day asked.
    assert step_date(dates("2026-01-16", "2026-01-19"), "day", 1) == "2026-01-20"


def test_a_week_back_from_the_latest_day():
    assert step_date(dates("2026-08-03"), "week", -1) == "2026-07-27"


def test_a_month_back_keeps_the_day_or_the_months_last():
    assert step_date(dates("2026-03-31", "2026-03-31"), "month", -1) == "2026-02-28"


def test_reaching_the_last_date_is_latest():
    assert step_date(dates("2026-07-30", "2026-07-30"), "week", 1) == ""


def test_steps_stop_at_the_first_date():
    assert step_date(dates("2006-01-10", "2006-01-10"), "month", -1) == "2006-01-03"


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="unknown step"):
        step_date(dates("2026-01-16"), "year", 1)


def test_no_data_yet_keeps_the_choice():
    assert step_date(Dates(chosen="2020-03-23"), "day", 1) == "2020-03-23"
