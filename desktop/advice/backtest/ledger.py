"""Holding portfolios through time: daily drift between trades, costs charged on traded weight.

A `Ledger` keeps the holdings (value per asset) of k portfolios over the trading days of one
backtest. Between trades every holding grows with its asset's daily return, so weights drift;
at a trade each portfolio moves from its drifted weights to its target and pays

    cost = cost_rate x sum(|target - drifted|) x value      (cost_rate 0.001 = 10 bp)

on the traded weight (buys plus sells), out of its value, at that day's close.

Shapes: returns (n_days, n_assets) simple daily returns, decimal, 0 where an asset has no print
(its last value is carried); holdings and targets (k, n_assets); values (n_days, k), starting
at 1.0. Not frozen: it is the backtest loop's running state, used on one thread only.
"""

from __future__ import annotations

import numpy as np


class Ledger:
    """The holdings of k portfolios from day 0 (all worth 1.0) to the last day advanced to."""

    def __init__(self, returns: np.ndarray, start_weights: np.ndarray) -> None:
        self.returns = np.nan_to_num(np.asarray(returns, dtype=float))
        self.holdings = np.array(start_weights, dtype=float, ndmin=2)
        self.values = np.full((len(self.returns), len(self.holdings)), np.nan)
        self.values[0] = self.holdings.sum(axis=1)
        self.day = 0
        self._index = np.vstack(
            [np.ones(self.returns.shape[1]), np.cumprod(1 + self.returns[1:], 0)]
        )

    def advance(self, day: int) -> None:
        """Let every holding drift with the daily returns up to and including `day`'s close."""
        if day < self.day:
            raise ValueError(f"the ledger is at day {self.day}; it cannot go back to {day}")
        if day == self.day:
            return
        growth = self._index[self.day + 1 : day + 1] / self._index[self.day]  # (m, n_assets)
        self.values[self.day + 1 : day + 1] = growth @ self.holdings.T
        self.holdings = self.holdings * growth[-1]
        self.day = day

    def weights(self) -> np.ndarray:
        """(k, n_assets) current (drifted) weights, decimals summing to 1 per portfolio."""
        return self.holdings / self.holdings.sum(axis=1, keepdims=True)

    def trade(self, targets: np.ndarray, cost_rate: float) -> tuple[np.ndarray, np.ndarray]:
        """Move every portfolio to its target weights at today's close, paying the cost.

        Returns (traded weight sum(|target - drifted|), cost as a fraction of value), each (k,).
        """
        targets = np.array(targets, dtype=float, ndmin=2)
        value = self.holdings.sum(axis=1)
        traded = np.abs(targets - self.weights()).sum(axis=1)
        cost = cost_rate * traded
        self.holdings = targets * (value * (1.0 - cost))[:, None]
        self.values[self.day] = self.holdings.sum(axis=1)
        return traded, cost

    def asset_growth(self, start: int, end: int) -> np.ndarray:
        """(n_assets,) each asset's compounded return from day `start`'s close to day `end`'s."""
        return self._index[end] / self._index[start] - 1.0
