"""Walk-forward calibration: a long wrong-way record stops a theme, a good one pushes harder."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from desktop.advice.backtest.calibration import (
    MIN_SPREAD_DAYS,
    PRIOR_MONTHS,
    SCORE_CLIP,
    WalkForward,
    shrink,
    theme_calibration,
)
from desktop.advice.evidence.trade_returns import known_dates, month_ends
from desktop.advice.tables.tilts import ThemeRule, TiltTable

DAYS = pd.bdate_range("2001-01-01", "2012-12-31")
ENDS = month_ends(DAYS)
KNOWN = known_dates(DAYS, ENDS)
TABLE = TiltTable(
    {
        "right": ThemeRule("right", 0.05, {"a": 1.0}),
        "wrong": ThemeRule("wrong", 0.05, {"b": 1.0}),
    }
)


def market(seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Daily views (a new random level each month) and next-month returns that follow the
    "right" theme's view and go against the "wrong" one's."""
    rng = np.random.default_rng(seed)
    levels = pd.DataFrame(rng.uniform(-0.4, 0.4, (len(ENDS), 2)), ENDS, ["right", "wrong"])
    views = levels.reindex(DAYS, method="bfill").fillna(0.0)
    at_ends = views.reindex(ENDS)
    noise = rng.normal(0, 0.01, (len(ENDS), 2))
    returns = pd.DataFrame(
        {
            "right": 0.05 * at_ends["right"] + noise[:, 0],
            "wrong": -0.05 * at_ends["wrong"] + noise[:, 1],
        },
        index=ENDS,
    )
    return views, returns


def test_shrinkage_weighs_the_prior_as_prior_months_of_evidence():
    assert shrink(0.20, 100, 0.05, 100.0) == pytest.approx(0.125)
    assert shrink(math.nan, 0, 0.05, 100.0) == 0.05
    assert shrink(-0.1, 300, 0.08, 100.0) == pytest.approx((-30 + 8) / 400)


def test_a_negative_posterior_is_floored_at_zero_and_the_table_ic_annualises():
    gone = theme_calibration("t", 0.05, -0.2, 200, 0.25, PRIOR_MONTHS)
    assert gone.posterior_ic < 0 and gone.effective_ic == 0.0 and gone.table_ic == 0.0
    kept = theme_calibration("t", 0.05, 0.05, 200, 0.25, PRIOR_MONTHS)
    assert kept.table_ic == pytest.approx(math.sqrt(12) * 0.05 / 0.25)


def test_long_records_decide_which_theme_pushes():
    views, returns = market()
    cal = WalkForward(views, returns, KNOWN, TABLE).at(DAYS[-1])
    right, wrong = cal.themes["right"], cal.themes["wrong"]
    assert right.measured_ic > 0.5 and right.effective_ic > right.prior_ic
    assert wrong.measured_ic < -0.5 and wrong.effective_ic == 0.0
    assert right.months == len(ENDS) - 1  # the last month-end has no next one yet
    table = cal.table(TABLE)
    assert table.rule("wrong").ic == 0.0 and dict(table.rule("right").weights) == {"a": 1.0}


def test_only_months_known_by_the_date_count_and_later_data_changes_nothing():
    views, returns = market()
    date = ENDS[40]
    before = WalkForward(views, returns, KNOWN, TABLE).at(date)
    assert before.themes["right"].months == 40  # month-ends 0..40: 40 complete next months
    poisoned_views, poisoned = views.copy(), returns.copy()
    poisoned_views.loc[poisoned_views.index > date] = -1.0
    poisoned.iloc[40:] = 99.0  # the return from month-end 40 is not known at month-end 40
    after = WalkForward(poisoned_views, poisoned, KNOWN, TABLE).at(date)
    assert after.themes == before.themes


def test_without_a_record_the_prior_holds():
    views, returns = market()
    cal = WalkForward(views, returns, KNOWN, TABLE).at(DAYS[10])
    assert cal.themes["right"].months == 0
    assert cal.themes["right"].effective_ic == 0.05
    assert cal.themes["right"].spread == 1.0  # under a year of views: as written


def test_the_spread_is_the_rms_view_and_views_are_clipped_at_three_spreads():
    views = pd.DataFrame({"right": 0.2, "wrong": -0.1}, index=DAYS)
    returns = pd.DataFrame({"right": 0.01, "wrong": 0.01}, index=ENDS)
    walk = WalkForward(views, returns, KNOWN, TABLE)
    assert walk.at(DAYS[MIN_SPREAD_DAYS - 2]).themes["right"].spread == 1.0
    cal = walk.at(DAYS[-1])
    assert cal.themes["right"].spread == pytest.approx(0.2)
    assert cal.themes["wrong"].spread == pytest.approx(0.1)
    clipped = cal.views({"right": 0.9, "wrong": -0.2})
    assert clipped == pytest.approx({"right": SCORE_CLIP * 0.2, "wrong": -0.2})
