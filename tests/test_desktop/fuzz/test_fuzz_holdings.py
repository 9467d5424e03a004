"""Fuzzing the holdings reader: any file gives ticker -> plausible shares, or HoldingsError."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from hypothesis import given

from desktop.data.holdings import MAX_SHARES, HoldingsError, read_holdings
from tests.test_desktop.fuzz.budget import budget, count
from tests.test_desktop.fuzz.mutations import holdings_files


@budget(suite=60, fuzz=1000)
@given(holdings_files())
def test_any_holdings_file_is_read_into_plausible_shares_or_refused(mutated):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / mutated.name
        path.write_bytes(mutated.data)
        try:
            holdings = read_holdings(path)
        except HoldingsError as exc:
            assert str(path) in str(exc)
            count("holdings files", "refused with a reason")
            return
    count("holdings files", "read")
    for ticker, shares in holdings.items():
        assert ticker.strip() and ticker.isprintable()
        assert math.isfinite(shares) and 0 <= shares <= MAX_SHARES
