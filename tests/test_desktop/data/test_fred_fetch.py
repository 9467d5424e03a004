"""Online FRED updates against a fake FRED answering as fred.stlouisfed.org/graph/fredgraph.csv."""

from __future__ import annotations

import socket
import urllib.error
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest

from desktop.data.market.fetch import OfflineError
from desktop.data.market.fred_fetch import OVERLAP_DAYS, refresh_fred, signal_fred_ids
from desktop.data.market.store import MarketStore

DGS2 = (
    "observation_date,DGS2\n2025-12-26,3.46\n2025-12-29,3.45\n2025-12-30,3.45\n2025-12-31,\n"
    "2026-01-02,3.47\n"
)
FEDFUNDS = "observation_date,FEDFUNDS\n2025-10-01,4.09\n2025-11-01,3.88\n2025-12-01,3.64\n"
WALCL = "DATE,WALCL\n2025-12-24,6581231.0\n2025-12-31,6640789.0\n"  # FRED's older header


class FakeFred:
    """Answers each series' CSV as FRED does (only rows from `cosd` on), and records the URLs."""

    def __init__(self, answers: dict[str, str | BaseException]) -> None:
        self.answers = answers
        self.urls: list[str] = []

    def __call__(self, url: str, timeout_s: float) -> bytes:
        self.urls.append(url)
        query = parse_qs(urlparse(url).query)
        answer = self.answers.get(query["id"][0], urllib.error.HTTPError(url, 404, "", {}, None))
        if isinstance(answer, BaseException):
            raise answer
        if "cosd" not in query:
            return answer.encode()
        header, *rows = answer.strip().split("\n")
        kept = [r for r in rows if r.split(",")[0] >= query["cosd"][0]]
        return ("\n".join([header, *kept]) + "\n").encode()

    def asked(self, fred_id: str) -> dict[str, list[str]]:
        return next(parse_qs(urlparse(u).query) for u in self.urls if f"id={fred_id}" in u)


def offline(url: str, timeout_s: float) -> bytes:
    raise urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution"))


@pytest.fixture
def store():
    with MarketStore() as opened:
        yield opened


def macro(store: MarketStore, series: str) -> pd.Series:
    rows = store.load_macro()
    return rows.loc[rows["series"] == series].set_index("date")["actual"]


def test_answers_are_stored_as_the_signals_read_them(store):
    fake = FakeFred({"DGS2": DGS2, "FEDFUNDS": FEDFUNDS, "WALCL": WALCL})
    result = refresh_fred(store, ["DGS2", "FEDFUNDS", "WALCL"], get=fake)
    assert not result.failures and len(result.report.imported) == 3
    two_year = macro(store, "treasury_2y")
    assert two_year.index[0] == pd.Timestamp("2025-12-29")  # Friday's yield, out on Monday
    assert two_year.loc["2026-01-05"] == 3.47 and len(two_year) == 4  # the blank row is skipped
    assert macro(store, "fed_funds").loc["2026-01-02"] == 3.64  # December's average
    assert macro(store, "fed_assets").iloc[-1] == pytest.approx(6640.789)  # millions -> billions


def test_the_next_update_asks_only_from_a_little_before_the_last_release(store):
    refresh_fred(store, ["DGS2"], get=FakeFred({"DGS2": DGS2}))
    first_rows = len(macro(store, "treasury_2y"))
    later = FakeFred({"DGS2": DGS2 + "2026-01-05,3.50\n"})
    refresh_fred(store, ["DGS2"], get=later)
    start = pd.Timestamp("2026-01-05") - pd.Timedelta(days=OVERLAP_DAYS)
    assert later.asked("DGS2")["cosd"] == [f"{start:%Y-%m-%d}"]
    assert len(macro(store, "treasury_2y")) == first_rows + 1


def test_offline_it_says_so_and_changes_nothing(store):
    refresh_fred(store, ["DGS2"], get=FakeFred({"DGS2": DGS2}))
    before = store.load_macro()
    with pytest.raises(OfflineError, match="Could not reach FRED"):
        refresh_fred(store, get=offline)
    pd.testing.assert_frame_equal(store.load_macro(), before)


def test_a_failing_series_is_named_and_the_others_still_arrive(store):
    portal = "<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>"
    fake = FakeFred({"DGS2": DGS2, "FEDFUNDS": portal})
    result = refresh_fred(store, ["DGS2", "FEDFUNDS", "NOSUCHSERIES"], get=fake)
    assert set(result.failures) == {"FEDFUNDS", "NOSUCHSERIES"}
    assert "is not its CSV" in result.failures["FEDFUNDS"]
    assert "HTTP 404" in result.failures["NOSUCHSERIES"]
    assert not macro(store, "treasury_2y").empty and macro(store, "fed_funds").empty


def test_by_default_every_series_a_signal_reads_is_asked_for(store):
    fake = FakeFred({})
    result = refresh_fred(store, get=fake)
    asked = {parse_qs(urlparse(u).query)["id"][0] for u in fake.urls}
    assert asked == set(signal_fred_ids()) >= {"DGS2", "FEDFUNDS", "BAMLH0A0HYM2", "WALCL"}
    assert set(result.failures) == asked and not result.report.files
