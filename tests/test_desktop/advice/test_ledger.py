"""Holding portfolios: daily drift between trades, costs on the traded weight only."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.advice.backtest.ledger import Ledger

RETURNS = np.array([[0.0, 0.0], [0.10, 0.0], [0.0, -0.50], [0.05, 0.05]])


def test_holdings_drift_with_their_assets_between_trades():
    ledger = Ledger(RETURNS, np.array([[0.5, 0.5]]))
    ledger.advance(2)
    # day 1: 0.55 + 0.5; day 2: 0.55 + 0.25
    assert ledger.values[:3, 0] == pytest.approx([1.0, 1.05, 0.80])
    assert ledger.weights()[0] == pytest.approx([0.55 / 0.80, 0.25 / 0.80])


def test_a_trade_charges_the_cost_on_the_traded_weight():
    ledger = Ledger(RETURNS, np.array([[0.5, 0.5], [0.5, 0.5]]))
    ledger.advance(2)
    drifted = ledger.weights()[0]
    traded, cost = ledger.trade(np.array([[0.5, 0.5], drifted]), cost_rate=0.001)
    expected = np.abs(np.array([0.5, 0.5]) - drifted).sum()
    assert traded == pytest.approx([expected, 0.0])
    assert cost == pytest.approx([0.001 * expected, 0.0])
    assert ledger.values[2] == pytest.approx([0.80 * (1 - 0.001 * expected), 0.80])
    ledger.advance(3)
    assert ledger.values[3, 0] == pytest.approx(0.80 * (1 - 0.001 * expected) * 1.05)


def test_asset_growth_compounds_between_two_days():
    ledger = Ledger(RETURNS, np.array([[1.0, 0.0]]))
    assert ledger.asset_growth(0, 3) == pytest.approx([1.1 * 1.05 - 1, 0.5 * 1.05 - 1])


def test_the_ledger_cannot_go_back():
    ledger = Ledger(RETURNS, np.array([[1.0, 0.0]]))
    ledger.advance(2)
    with pytest.raises(ValueError, match="cannot go back"):
        ledger.advance(1)
