"""The evidence's statistics against hand-computed values on tiny series."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import rankdata, spearmanr

from desktop.advice.evidence.stats import average_ranks, buckets, mean_t_stat, rank_ic


def test_average_ranks_share_ties_like_scipy():
    values = np.array([3.0, 1.0, 3.0, 2.0, 3.0, -1.0])
    assert average_ranks(values).tolist() == rankdata(values).tolist() == [5, 2, 5, 3, 5, 1]


def test_rank_ic_is_spearman_with_the_overlap_adjusted_t_stat():
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=40), rng.normal(size=40)
    y = y + 0.5 * x
    one, three = rank_ic(x, y, 1), rank_ic(x, y, 3)
    expected = spearmanr(x, y).statistic
    assert one.ic == pytest.approx(expected) == three.ic
    assert one.t_stat == pytest.approx(expected * math.sqrt(38 / (1 - expected**2)))
    # 40 overlapping 3-month returns are worth 40 / 3 independent ones
    assert three.independent == pytest.approx(40 / 3)
    assert three.t_stat == pytest.approx(expected * math.sqrt((40 / 3 - 2) / (1 - expected**2)))


def test_rank_ic_drops_missing_pairs_and_counts_hits_on_signed_pairs():
    x = np.array([0.5, -0.5, 0.0, 0.2, np.nan, 0.9])
    y = np.array([0.01, 0.02, -0.03, -0.01, 0.05, np.nan])
    ic = rank_ic(x, y)
    assert ic.n == 4
    # signed pairs: (0.5, +), (-0.5, +), (0.2, -): one of three agrees
    assert ic.hit_rate_pct == pytest.approx(100 / 3)


def test_too_few_observations_give_nan_not_an_error():
    ic = rank_ic(np.array([1.0, 2.0]), np.array([0.1, 0.2]))
    assert math.isnan(ic.ic) and math.isnan(ic.t_stat) and ic.n == 2


def test_buckets_average_the_returns_after_each_state_in_percent():
    x = np.array([0.5, 0.4, 0.0, 0.3, -0.31, -0.9])
    y = np.array([0.02, 0.04, 0.01, 0.03, -0.01, -0.03])
    high, neutral, low = buckets(x, y, 1)
    assert (high.state, high.n, high.mean_pct) == ("high", 2, pytest.approx(3.0))
    assert (neutral.n, neutral.mean_pct) == (2, pytest.approx(2.0))  # 0.3 is not above 0.3
    assert (low.n, low.mean_pct) == (2, pytest.approx(-2.0))
    sd = np.std([0.02, 0.04], ddof=1)
    assert high.t_stat == pytest.approx(0.03 / (sd / math.sqrt(2)))


def test_mean_t_stat_uses_the_independent_count():
    values = np.array([0.01, 0.03, 0.02, 0.04])
    sd = np.std(values, ddof=1)
    assert mean_t_stat(values, 2.0) == pytest.approx(0.025 / (sd / math.sqrt(2)))
    assert math.isnan(mean_t_stat(values[:1], 1.0))
