"""The data's age against today, in words (the clock is passed in, never read)."""

from datetime import date

from desktop.advice.data_age import data_age

LAST = date(2026, 8, 3)


def test_months_old_prices_say_so_and_what_to_do():
    age = data_age(LAST, date(2026, 12, 5))
    assert (age.days, age.old) == (124, True)
    assert age.text == (
        "Prices end 2026-08-03, 124 days ago: this advice is as of that date. "
        "Refresh online or import newer prices."
    )


def test_a_weekend_after_a_friday_close_is_not_old():
    age = data_age(date(2026, 7, 31), date(2026, 8, 2))
    assert not age.old
    assert age.text == "Prices end 2026-07-31 (2 days ago): this advice is as of that date."


def test_todays_prices():
    assert (
        data_age(LAST, LAST).text
        == "Prices end 2026-08-03 (today): this advice is as of that date."
    )


def test_a_chosen_earlier_date_is_named():
    age = data_age(LAST, date(2026, 8, 4), as_of=date(2026, 1, 16))
    assert age.text == (
        "Prices end 2026-08-03 (yesterday): this advice is as of 2026-01-16, the date you chose."
    )


def test_demo_data_says_it_is_not_advice():
    text = data_age(LAST, date(2030, 1, 1), demo=True).text
    assert text.startswith("Demo data (synthetic), ending 2026-08-03: not real prices")
