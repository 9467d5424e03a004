"""Risk model: a shrunk, positive-definite covariance of returns and its root F.

Returns are simple periodic returns as decimals (0.01 = 1 %); the covariance is annualised
by `periods_per_year`. The root satisfies F.T @ F == Σ, so ||F d||₂ is the annualised
tracking error of active weights d.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Relative eigenvalue floor: keeps the matrix safely positive definite when pairwise
# estimates (or duplicated assets) make the sample covariance singular or indefinite.
_EIGEN_FLOOR = 1e-6


def shrunk_covariance(
    returns: pd.DataFrame,
    *,
    periods_per_year: int = 252,
    min_obs: int = 60,
    prior_vol: float = 0.20,
) -> pd.DataFrame:
    """Annualised covariance of `returns` (rows dates, columns tickers), shrunk to be PD.

    Method:
    1. Columns with fewer than `min_obs` non-NaN returns are too short to estimate: they
       get the prior annualised volatility `prior_vol` and the average correlation of the
       others with each other (0 if fewer than two well-observed columns).
    2. For the rest, the sample covariance uses all pairwise-complete rows (NaNs drop per
       pair, not per row, so a young ETF does not shorten everyone's history).
    3. It is shrunk toward the constant-correlation target (every pair at the average
       correlation, variances kept) with the Ledoit–Wolf (2004) optimal intensity; missing
       returns count as zero deviations in that intensity estimate.
    4. Eigenvalues are floored at 1e-6 times the mean variance, so the result is positive
       definite even for duplicated assets or an indefinite pairwise estimate.

    Returns a DataFrame indexed and columned by ticker, in the input's column order.
    """
    if returns.shape[1] == 0:
        raise ValueError("no return columns: the covariance needs at least one asset")
    # NumPy throughout (a backtest calls this at every rebalance): pandas indexing cost more
    # than the estimate itself.
    values = returns.to_numpy(dtype=float)
    known = np.flatnonzero((~np.isnan(values)).sum(axis=0) >= min_obs)
    short = np.setdiff1d(np.arange(values.shape[1]), known)
    cov = np.zeros((values.shape[1], values.shape[1]))
    r_bar = 0.0
    if known.size:
        x = values[:, known]
        sample = pd.DataFrame(x).cov(min_periods=2).to_numpy()
        shrunk, r_bar = _shrink_to_constant_correlation(x, sample)
        cov[np.ix_(known, known)] = shrunk * periods_per_year
    if short.size:
        _fill_prior(cov, known, short, prior_vol, r_bar)
    return pd.DataFrame(_floor_eigenvalues(cov), index=returns.columns, columns=returns.columns)


def _shrink_to_constant_correlation(x: np.ndarray, sample: np.ndarray) -> tuple[np.ndarray, float]:
    """Ledoit–Wolf shrinkage of `sample` (n, n) toward constant correlation.

    x is the (t, n) return panel (NaN allowed). Returns (shrunk covariance, average
    correlation r̄). Notation follows Ledoit & Wolf, "Honey, I shrunk the sample
    covariance matrix" (2004): π̂ the asymptotic variance of the sample entries, ρ̂ its
    part explained by the target, γ̂ the squared distance to the target.
    """
    t, n = x.shape
    if n == 1:
        return sample, 0.0
    # A pair with no overlapping history gets zero covariance; a constant column zero
    # correlation (its sd is replaced by 1 only where it divides).
    sample = np.nan_to_num(sample)
    sd = np.sqrt(np.diag(sample))
    sd_safe = np.where(sd > 0, sd, 1.0)
    corr = sample / np.outer(sd_safe, sd_safe)
    r_bar = (corr.sum() - n) / (n * (n - 1))
    target = r_bar * np.outer(sd, sd)
    np.fill_diagonal(target, sd**2)
    xm = np.nan_to_num(x - np.nanmean(x, axis=0))
    s = xm.T @ xm / t
    pi_mat = (xm**2).T @ (xm**2) / t - s**2
    theta = (xm**3).T @ xm / t - np.diag(s)[:, None] * s
    np.fill_diagonal(theta, 0.0)
    rho = np.trace(pi_mat) + r_bar * np.sum(np.outer(1.0 / sd_safe, sd) * theta)
    gamma = np.sum((sample - target) ** 2)
    delta = 1.0 if gamma == 0 else float(np.clip((pi_mat.sum() - rho) / gamma / t, 0.0, 1.0))
    return delta * target + (1.0 - delta) * sample, float(r_bar)


def _fill_prior(
    cov: np.ndarray, known: np.ndarray, short: np.ndarray, prior_vol: float, r_bar: float
) -> None:
    """Give columns (positions `short`) without enough history the prior volatility and
    correlation r̄ with each other and with the `known` ones, in place."""
    known_sd = np.sqrt(np.diag(cov[np.ix_(known, known)]))
    for c in short:
        cov[c, known] = r_bar * prior_vol * known_sd
        cov[known, c] = r_bar * prior_vol * known_sd
    block = np.full((len(short), len(short)), r_bar * prior_vol**2)
    np.fill_diagonal(block, prior_vol**2)
    cov[np.ix_(short, short)] = block


def _floor_eigenvalues(matrix: np.ndarray) -> np.ndarray:
    matrix = (matrix + matrix.T) / 2
    values, vectors = np.linalg.eigh(matrix)
    floor = _EIGEN_FLOOR * max(np.trace(matrix) / len(matrix), np.finfo(float).tiny)
    if values.min() < floor:
        matrix = (vectors * np.maximum(values, floor)) @ vectors.T
        matrix = (matrix + matrix.T) / 2
    return matrix


def risk_root(covariance: np.ndarray) -> np.ndarray:
    """Upper-triangular F (n, n) with F.T @ F == covariance (a Cholesky factor).

    Raises ValueError when the covariance is not symmetric positive definite: shrink it
    with `shrunk_covariance` first.
    """
    covariance = np.asarray(covariance, dtype=float)
    if not np.allclose(covariance, covariance.T, rtol=1e-10, atol=1e-14):
        raise ValueError("covariance is not symmetric: use allocator.risk.shrunk_covariance")
    try:
        lower = np.linalg.cholesky(covariance)
    except np.linalg.LinAlgError as exc:
        raise ValueError(
            "covariance is not positive definite (singular or negative eigenvalues): "
            "estimate it with allocator.risk.shrunk_covariance, which shrinks it to PD"
        ) from exc
    return lower.T
