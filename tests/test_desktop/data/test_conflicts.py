"""A re-import never replaces a good stored close with a worse one: it keeps the good value,
flags the conflict, and lets the user keep it or take the offer (issue 12)."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop.data.market.store import MarketStore
from tests.test_desktop.data.test_store import closes, write_closes
from tests.test_desktop.fake_yahoo import FakeYahoo, history

GOOD = [24.10, 24.25, 24.37, 24.30, 24.41, 24.50]
DAY = "2024-01-04"  # the third business day, where the good close is 24.37


@pytest.fixture
def store(tmp_path):
    with MarketStore(tmp_path / "m.db") as opened:
        opened.import_paths([write_closes(tmp_path / "KRE.csv", closes(GOOD))])
        yield opened


def reimport(store, tmp_path, values) -> None:
    (tmp_path / "again").mkdir(exist_ok=True)
    store.import_paths([write_closes(tmp_path / "again" / "KRE.csv", closes(values))])


@pytest.mark.parametrize(
    ("offered", "reason"), [(-5.0, "non_positive"), (0.0, "non_positive"), (48.9, "spike")]
)
def test_a_worse_value_offered_again_keeps_the_good_one_and_flags_it(
    store, tmp_path, offered, reason
):
    values = list(GOOD)
    values[2] = offered
    reimport(store, tmp_path, values)
    served = store.load_prices(["KRE"])["KRE"]
    assert served[DAY] == 24.37 and len(served) == len(GOOD)  # no gap for the signals
    (conflict,) = store.conflicts()
    assert (conflict.ticker, conflict.date, conflict.stored) == ("KRE", DAY, 24.37)
    assert conflict.offered == offered and conflict.reason == reason
    assert conflict.source == "again/KRE.csv"
    (flag,) = [f for f in store.flags("KRE") if f.kind == "conflict"]
    assert flag.date == DAY and "kept the stored close 24.37" in flag.detail


def test_keeping_the_stored_value_clears_the_conflict(store, tmp_path):
    reimport(store, tmp_path, [*GOOD[:2], -5.0, *GOOD[3:]])
    store.resolve_conflict("KRE", DAY, take_offer=False)
    assert store.conflicts() == []
    assert [f for f in store.flags("KRE") if f.kind == "conflict"] == []
    assert store.load_prices(["KRE"]).loc[DAY, "KRE"] == 24.37


def test_taking_the_offer_writes_it_and_rechecks_the_series(store, tmp_path):
    reimport(store, tmp_path, [*GOOD[:2], 48.9, *GOOD[3:]])  # a spike the user says is real
    store.resolve_conflict("KRE", DAY, take_offer=True)
    assert store.conflicts() == []
    kinds = {f.kind for f in store.flags("KRE") if f.date == DAY}
    assert "conflict" not in kinds and "spike" in kinds
    assert pd.Timestamp(DAY) not in store.load_prices(["KRE"]).index  # suspect: not served


def test_a_good_revision_still_replaces_the_stored_close(store, tmp_path):
    reimport(store, tmp_path, [*GOOD[:2], 24.60, *GOOD[3:]])
    assert store.conflicts() == []
    assert store.load_prices(["KRE"]).loc[DAY, "KRE"] == 24.60


def test_implausible_closes_from_a_download_are_dropped_and_flagged(tmp_path):
    series = closes([10.0, float("inf"), 1e300, 11.0])
    fake = FakeYahoo({"SPY": history(series)})
    with MarketStore(tmp_path / "m.db") as store:
        report = store.refresh(["SPY"], fetch=fake, sleep=lambda s: None)
        served = store.load_prices(["SPY"])["SPY"]
    assert list(served) == [10.0, 11.0]
    flags = [f for f in report.updated[0].flags if f.kind == "implausible"]
    assert [f.date for f in flags] == ["2024-01-03", "2024-01-04"]
