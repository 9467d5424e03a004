"""The risk model: annualised, shrunk toward constant correlation, positive definite."""

import numpy as np
import pandas as pd
import pytest

from allocator import risk_root, shrunk_covariance
from tests.test_allocator.universes import synthetic_returns


def test_long_iid_history_gives_the_annualised_sample_covariance():
    """With 20 000 observations the Ledoit-Wolf intensity is ~0: the estimate is the sample."""
    returns = synthetic_returns(5, days=20_000, seed=1)
    cov = shrunk_covariance(returns)
    np.testing.assert_allclose(cov.to_numpy(), returns.cov().to_numpy() * 252, rtol=0.02)


def test_short_history_is_pulled_toward_constant_correlation():
    returns = synthetic_returns(10, days=70, seed=2)
    sample = returns.cov().to_numpy() * 252
    cov = shrunk_covariance(returns).to_numpy()
    np.testing.assert_allclose(np.diag(cov), np.diag(sample), rtol=1e-9)  # variances kept
    assert _correlation_spread(cov) < _correlation_spread(sample)


def _correlation_spread(cov: np.ndarray) -> float:
    sd = np.sqrt(np.diag(cov))
    return float(np.std((cov / np.outer(sd, sd))[~np.eye(len(cov), dtype=bool)]))


def test_risk_root_reproduces_the_covariance_and_tracking_error():
    cov = shrunk_covariance(synthetic_returns(6, seed=3)).to_numpy()
    F = risk_root(cov)
    np.testing.assert_allclose(F.T @ F, cov, atol=1e-14)
    d = np.array([0.05, -0.05, 0.02, -0.02, 0.0, 0.0])
    assert np.linalg.norm(F @ d) == pytest.approx(np.sqrt(d @ cov @ d))


def test_result_is_positive_definite_even_for_perfectly_correlated_assets():
    returns = synthetic_returns(3, seed=5)
    returns["copy"] = returns["T01"]
    returns["scaled"] = 2 * returns["T02"]
    cov = shrunk_covariance(returns).to_numpy()
    assert np.linalg.eigvalsh(cov).min() > 0
    np.linalg.cholesky(cov)


def test_assets_without_enough_history_get_the_prior_volatility():
    returns = synthetic_returns(3, seed=6)
    returns["new"] = np.nan
    returns.iloc[-10:, returns.columns.get_loc("new")] = 0.01
    cov = shrunk_covariance(returns, min_obs=60, prior_vol=0.25)
    assert np.sqrt(cov.loc["new", "new"]) == pytest.approx(0.25)
    assert list(cov.index) == list(returns.columns)


def test_a_single_column_is_its_annualised_variance():
    returns = pd.DataFrame({"SPY": np.random.default_rng(0).normal(0, 0.01, 500)})
    cov = shrunk_covariance(returns, periods_per_year=12)
    assert cov.iloc[0, 0] == pytest.approx(returns["SPY"].var() * 12)
