"""Theme views -> expected active return (alpha) per held asset, scaled by risk (no Qt).

Alpha follows Grinold's rule, alpha = IC x volatility x score, applied to each theme's trade p_t
(active weights: +1 split equally over the held assets it buys, -1 over those that fund it), with
the view in [-1, 1] as the score, and carried to the assets by their covariance with that trade:

    alpha_t = view_t * IC_t * (Σ p_t) / σ_t,    σ_t = sqrt(p_t' Σ p_t)
    i.e.  alpha_t,i = view_t * IC_t * σ_i * corr(asset i, trade t)

(the asset's beta to the trade times the trade's forecast, as for any factor forecast). Hence:
- each asset's alpha scales with its own volatility σ_i;
- the trade itself is expected to earn p_t · alpha_t = view_t * IC_t * σ_t;
- with only the budget constraint, the optimiser (alpha·d - gamma d'Σd) answers a theme with its
  trade and nothing else: d = view_t * IC_t / (2 gamma σ_t) * p_t, at a tracking error of
  |view_t| * IC_t / (2 gamma) however quiet the trade. Caps and floors bind only for strong views.
A flat alpha per unit of view (the earlier rule) made a swap between near-identical low-volatility
assets, such as AGG for BIL when both fund different themes, look like free return and maxed it.

Units: alpha is annualised decimal expected active return per unit of active weight; the
covariance annualised decimal; the trades and weights decimals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from desktop.advice.tables.tilts import TiltTable


def theme_trades(
    tickers: Sequence[str],
    buys: Mapping[str, Sequence[str]],
    funded_by: Mapping[str, Sequence[str]],
) -> pd.DataFrame:
    """(n_themes, n_assets) each theme's trade p_t as active weights (decimal).

    The held assets a theme buys get +1/len(buys) each and those that fund it -1/len(funded_by)
    each. The legs are balanced in weight, not in risk, so the trade is self-financing (a row
    sums to 0 when both sides hold something): a view moves weight, it adds none, and the
    full-investment constraint never bends the trade. Risk enters through alpha instead. A theme
    that buys no held asset (an optional theme whose assets are not held) has no trade: a row of
    zeros, never a sale of its funding assets alone.
    """
    themes = list(dict.fromkeys([*buys, *funded_by]))
    frame = pd.DataFrame(0.0, index=pd.Index(themes, name="theme"), columns=list(tickers))
    for theme in themes:
        if not any(t in frame.columns for t in buys.get(theme, ())):
            continue
        for side, sign in ((buys.get(theme, ()), 1.0), (funded_by.get(theme, ()), -1.0)):
            held = [t for t in side if t in frame.columns]
            for ticker in held:
                frame.loc[theme, ticker] += sign / len(held)
    return frame


def trade_volatilities(trades: pd.DataFrame, covariance: np.ndarray) -> pd.Series:
    """(n_themes,) annualised volatility σ_t of each theme's trade (decimal; 0 if it holds none).

    covariance: (n_assets, n_assets) annualised, in the trades' column order.
    """
    p = trades.to_numpy()
    variance = np.einsum("ti,ij,tj->t", p, np.asarray(covariance), p)
    return pd.Series(np.sqrt(variance.clip(min=0.0)), index=trades.index)


def trade_exposures(trades: pd.DataFrame, covariance: np.ndarray) -> pd.DataFrame:
    """(n_themes, n_assets) Σ p_t / σ_t = σ_i * corr(asset i, trade t), annualised decimal.

    The alpha a view of +1 at an IC of 1 gives each asset; it depends on the risk model only, so
    it is computed once per snapshot and scaled by the views on every slider move. A theme whose
    trade holds nothing (σ_t = 0) gets a row of zeros.
    trades: `theme_trades`; covariance: (n_assets, n_assets) annualised, in the trades' order.
    """
    risk = trades.to_numpy() @ np.asarray(covariance)  # (n_themes, n_assets): row t = (Σ p_t)'
    vol = trade_volatilities(trades, covariance).to_numpy()[:, None]
    unit = np.divide(risk, vol, out=np.zeros_like(risk), where=vol > 0)
    return pd.DataFrame(unit, index=trades.index, columns=trades.columns)


def theme_alphas(
    views: Mapping[str, float], table: TiltTable, exposures: pd.DataFrame
) -> pd.DataFrame:
    """(n_themes, n_assets) alpha from each theme: view * IC * Σ p_t / σ_t, annualised decimal.

    exposures: `trade_exposures`. The portfolio's alpha is the column sum; a theme without a
    view, or whose trade holds nothing, contributes a row of zeros.
    """
    score = np.array([views.get(t, 0.0) * table.rule(t).ic for t in exposures.index])
    alpha = exposures.to_numpy() * score[:, None]
    return pd.DataFrame(alpha, index=exposures.index, columns=exposures.columns)
