"""Reproduce the research notes' claims on real data (`make validate`).

Usage: python -m scripts.validate_notes [MARKET_DATA]   (default ../shared/market-data)

Imports the adjusted closes of gh-dsturdy-Factor_Attribution into a temporary SQLite database
through the app's own data layer (desktop.data.market.store.MarketStore), computes the registered
signals at the notes' dates and prints a markdown table: each claim, what the data and the signal
say, and a verdict. The signals are not tuned to the claims; an unsupported claim is reported
with its numbers.

Macro: the FRED files (Philly Fed, jobless claims, consumer sentiment) are imported the same way;
FRED carries no consensus, so the January 2026 consensus figures the notes quote are entered by
hand, as a user would, and printed as such. Actual values come from FRED where it has them.
The indicators of issue 13 (rates, inflation, credit, liquidity, hard data, crypto) are checked in
a second table (`scripts.validate_indicators`).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import signals
from desktop.data.market.store import MarketStore
from scripts.validate_indicators import FRED_FILES, INDICATOR_CLAIMS
from signals.inputs import SignalInputs
from signals.reading import Reading

PRICES = "gh-dsturdy-Factor_Attribution"
RUSSELL_DAILY = "gh-johnvb21-Market-Simulator/^RUT.csv"
RUSSELL_MONTHLY = "gh-401Alert-401Alert-backtest-data/RUT_monthly.csv"
MACRO_FILES = (
    "gh-401Alert-401Alert-backtest-data/GACDFSA066MSFRBPHI.csv",
    "gh-sivamsapingali-Codex_Macro-Monitor/ICSA.csv",
    "gh-sivamsapingali-Codex_Macro-Monitor/UMCSENT.csv",
    *FRED_FILES,
)
NOTES_RELEASES = {
    # series: (release date, actual, consensus) as quoted by the notes for mid-January 2026.
    "empire_state": ("2026-01-15", 7.7, 0.8),
    "jobless_claims": ("2026-01-15", 198.0, 215.0),
}
PHILLY_CONSENSUS = ("2026-01-15", -1.6)
JAN_15, JAN_16, JAN_29, JAN_30 = "2026-01-15", "2026-01-16", "2026-01-29", "2026-01-30"
SUPPORTED, PARTLY, UNSUPPORTED = "supported", "partly", "NOT supported"

Check = Callable[[Reading, SignalInputs], tuple[str, str]]
"""(reading, inputs up to the date) -> (what the data says, verdict)."""


@dataclass(frozen=True)
class Claim:
    dates: tuple[str, ...]
    signal: str
    notes: str
    check: Check


def load_inputs(market_data: Path) -> SignalInputs:
    """Real adjusted closes, imported through the app's data layer into a throw-away database."""
    folder = market_data / PRICES
    if not folder.is_dir():
        sys.exit(f"validate_notes: {folder} not found; pass the path of shared/market-data.")
    with tempfile.TemporaryDirectory() as tmp, MarketStore(Path(tmp) / "validate.db") as store:
        report = store.import_paths([folder, *(market_data / f for f in MACRO_FILES)])
        for rejected in report.rejected:
            print(f"warning: not imported: {rejected.error}", file=sys.stderr)
        print(philly_from_fred(store.load_macro()))
        enter_notes_consensus(store)
        prices, macro = store.load_prices(), store.load_macro()
    return SignalInputs(prices=prices, macro=macro)


def philly_from_fred(macro: pd.DataFrame) -> str:
    """The notes' Philly Fed print, checked on FRED's series (dated by publication)."""
    philly = macro[macro["series"] == "philly_fed"].set_index("date")["actual"]
    date, _ = PHILLY_CONSENSUS
    actual = philly.get(pd.Timestamp(date), float("nan"))
    ok = verdict(abs(actual - 12.6) < 0.05)
    return f"FRED Philly Fed released {date}: {actual:.1f} (notes: 12.6) -> {ok}\n"


def enter_notes_consensus(store: MarketStore) -> None:
    """Enter the consensus figures quoted by the notes, as a user would in the Data tab."""
    date, consensus = PHILLY_CONSENSUS
    philly = store.load_macro()
    philly = philly[(philly["series"] == "philly_fed") & (philly["date"] == pd.Timestamp(date))]
    rows = {"philly_fed": (date, float(philly["actual"].iloc[0]), consensus), **NOTES_RELEASES}
    for series, (day, actual, expected) in rows.items():
        frame = pd.DataFrame({"date": [day], "actual": [actual], "consensus": [expected]})
        store.upsert_macro(series, frame, source="entered from the notes")
        print(f"entered by hand: {series} {day} actual {actual:g}, consensus {expected:g}")


def verdict(ok: bool, partly: bool = False) -> str:
    return SUPPORTED if ok else PARTLY if partly else UNSUPPORTED


def streak(r: Reading, _: SignalInputs) -> tuple[str, str]:
    n = r.evidence["streak_sessions"]
    return f"IWM beat SPY {n} sessions in a row (to {r.evidence['last_joint_date']})", verdict(
        n >= 10
    )


def rsi(r: Reading, _: SignalInputs) -> tuple[str, str]:
    value = r.evidence["rsi"]
    return f"Wilder RSI(14) of IWM {value:.1f}; score {r.score:+.2f}", verdict(abs(value - 71) <= 2)


def breakout(r: Reading, _: SignalInputs) -> tuple[str, str]:
    e = r.evidence
    said = (
        f"{e['state']}: broke out {e.get('breakout_date', '-')} over the {e['level_date']} high, "
        f"{e['close_vs_level_pct']:+.1f}% above it; base {e.get('base_years', 0):.1f} years from "
        f"{e.get('base_start', '-')} (adjusted closes)"
    )
    return said, verdict(e["state"] == "holding" and e.get("base_years", 0) >= 3)


def ytd_lead(r: Reading, _: SignalInputs) -> tuple[str, str]:
    e = r.evidence
    said = (
        f"IWM {e['iwm_ytd_pct']:+.1f}% vs SPY {e['spy_ytd_pct']:+.1f}% YTD, "
        f"lead {e['ytd_gap_pp']:.1f} pts"
    )
    return said, verdict(e["ytd_gap_pp"] >= 3)


def dow(r: Reading, _: SignalInputs) -> tuple[str, str]:
    e = r.evidence
    said = (
        f"last 52-week highs DIA {e['dia_last_high']}, IYT {e['iyt_last_high']} "
        f"(all-time highs {e['dia_last_all_time_high']}, {e['iyt_last_all_time_high']})"
    )
    return said, verdict(r.score == 1.0)


def energy(r: Reading, _: SignalInputs) -> tuple[str, str]:
    e = r.evidence
    said = (
        f"XLE {e['state']}: new high {e.get('breakout_date', '-')} out of a "
        f"{e.get('base_years', 0):.1f}-year base, {e['close_vs_level_pct']:+.1f}% above it"
    )
    return said, verdict(e["state"] == "holding")


def by_sign(sign: int) -> Check:
    def check(r: Reading, _: SignalInputs) -> tuple[str, str]:
        return f"score {r.score:+.2f}: {r.explanation}", verdict(r.score * sign > 0)

    return check


def breadth_index(r: Reading, _: SignalInputs) -> tuple[str, str]:
    said = (
        f"index {r.score:+.2f} of a possible +1; {r.evidence['sectors_above_slow_ma']}/8 above 200d"
    )
    return said, verdict(r.score >= 0.75, partly=r.score > 0)


def stretched(r: Reading, _: SignalInputs) -> tuple[str, str]:
    e = r.evidence
    said = "; ".join(
        f"{m}: {e[f'{k}_pct_above_ma']:.0f}% over 200d, RSI {e[f'{k}_rsi']:.0f}, "
        f"3-mo run {e[f'{k}_run_z']:+.1f} sd, stretch {e[f'{k}_stretch']:.2f}"
        for m, k in (("gold", "gld"), ("silver", "slv"))
    )
    gold, silver = e["gld_stretch"] >= 0.5, e["slv_stretch"] >= 0.5
    return said, verdict(gold and silver, partly=gold or silver)


def dollar_melting(r: Reading, inputs: SignalInputs) -> tuple[str, str]:
    close = inputs.prices["UUP"].dropna()
    year = 100 * (close.iloc[-1] / close.iloc[-253] - 1)
    said = f"score {r.score:+.2f}: {r.explanation} Over 252 sessions UUP {year:+.1f}%."
    return said, verdict(r.score > 0, partly=year < -5)


def blow_off(r: Reading, inputs: SignalInputs) -> tuple[str, str]:
    close = inputs.prices["SLV"].dropna()
    drop = 100 * (close.iloc[-1] / close.iloc[-2] - 1)
    seen = r.evidence.get("slv_last_blowoff_date") == f"{inputs.as_of:%Y-%m-%d}"
    said = f"SLV close-to-close {drop:+.1f}% on {inputs.as_of:%Y-%m-%d}; blow-off flagged: {seen}"
    return said, verdict(seen and -35 <= drop <= -25)


CLAIMS = (
    Claim((JAN_15, JAN_16), "small_cap_streak", "IWM beat SPY 10 sessions in a row", streak),
    Claim((JAN_15, JAN_16), "small_cap_rsi", "Russell 2000 RSI(14) about 71", rsi),
    Claim((JAN_15, JAN_16), "small_cap_breakout", "Russell above its multi-year high", breakout),
    Claim((JAN_15, JAN_16), "small_cap_streak", "small caps far ahead of S&P YTD", ytd_lead),
    Claim((JAN_15, JAN_16), "dow_theory", "Dow Theory confirmed", dow),
    Claim((JAN_15, JAN_16), "energy_breakout", "energy at new highs", energy),
    Claim((JAN_15, JAN_16), "commodity_breakout", "commodity index leaving its base", by_sign(1)),
    Claim((JAN_15, JAN_16), "speculation_appetite", "BUZZ/SPY subdued", by_sign(-1)),
    Claim((JAN_15, JAN_16), "breadth", "breadth index near its upper bound", breadth_index),
    Claim((JAN_15, JAN_16, JAN_29), "precious_metals_stretch", "gold, silver stretched", stretched),
    Claim((JAN_30,), "precious_metals_stretch", "silver ~-30% in a day: blow-off", blow_off),
    Claim((JAN_15,), "broadening", "(also) rotation out of mega-caps", by_sign(1)),
    Claim((JAN_15,), "cyclicals_vs_defensives", "(also) rotation into cyclicals", by_sign(1)),
    Claim((JAN_15,), "global_equities", "(also) non-US markets beat the US", by_sign(1)),
    Claim((JAN_15,), "dollar", "(also) the dollar is melting", dollar_melting),
    Claim((JAN_16,), "macro_surprise", "manufacturing beat, claims below consensus", by_sign(1)),
    Claim(
        ("2025-12-31",), "consumer_sentiment", "sentiment on the floor (last FRED: Nov)", by_sign(1)
    ),
)


INDICATORS = tuple(Claim(*claim) for claim in INDICATOR_CLAIMS)


def claims_table(inputs: SignalInputs, claims: tuple[Claim, ...] = CLAIMS) -> str:
    specs = {spec.name: spec for spec in signals.REGISTRY}
    lines = ["| date | notes say | signal | data says | verdict |", "|---|---|---|---|---|"]
    for claim in claims:
        for date in claim.dates:
            upto = inputs.upto(date)
            reading = specs[claim.signal].reading(upto)
            said, ok = claim.check(reading, upto)
            lines.append(f"| {date} | {claim.notes} | {claim.signal} | {said} | {ok} |")
    return "\n".join(lines)


def readings_table(inputs: SignalInputs, date: str) -> str:
    lines = [f"\nAll signals as of {date}:"]
    for spec in signals.REGISTRY:
        r = spec.reading(inputs.upto(date))
        lines.append(
            f"  {r.name:<24} {r.score:+.2f} {'STALE' if r.stale else '     '} {r.explanation}"
        )
    return "\n".join(lines)


def russell_price_index(market_data: Path, iwm: pd.Series) -> str:
    """Cross-check on the Russell 2000 price index (no dividends), as the notes chart it.

    The monthly file's 'date,rut' layout is not an app input, so it is read here directly.
    """
    daily = pd.read_csv(market_data / RUSSELL_DAILY, parse_dates=["Date"], index_col="Date")
    high = daily["Close"].loc["2021"]
    monthly = pd.read_csv(market_data / RUSSELL_MONTHLY, index_col="date")["rut"]
    above = monthly.loc["2021-12":][monthly.loc["2021-12":] > high.max()]
    first = above.index[0] if len(above) else "never"
    jan = monthly.get("2026-01", float("nan"))
    iwm = iwm.dropna()
    iwm_above = iwm.loc["2022":][iwm.loc["2022":] > iwm.loc["2021"].max()]
    iwm_first = f"{iwm_above.index[0]:%Y-%m-%d}" if len(iwm_above) else "never"
    return (
        f"\nRussell 2000 price index: 2021 closing high {high.max():.2f} on "
        f"{high.idxmax():%Y-%m-%d}; first month-end above it {first}; January 2026 month-end "
        f"{jan:.2f} ({100 * (jan / high.max() - 1):+.1f}%). Adjusted IWM (dividends reinvested) "
        f"first closed above its 2021 high on {iwm_first}, so the adjusted base looks shorter."
    )


def main(argv: list[str]) -> int:
    market_data = Path(argv[1] if len(argv) > 1 else "../shared/market-data")
    inputs = load_inputs(market_data)
    print(f"Prices: {inputs.prices.shape[1]} tickers to {inputs.as_of:%Y-%m-%d} ({PRICES}).\n")
    print(claims_table(inputs))
    print("\nThe notes' other indicators (issue 13; FRED files end in December 2025):\n")
    print(claims_table(inputs, INDICATORS))
    for date in (JAN_15, JAN_16, JAN_30):
        print(readings_table(inputs, date))
    print(russell_price_index(market_data, inputs.prices["IWM"]))
    last = inputs.macro.groupby("series")["date"].max()
    print(
        "\nNot checkable here: money-market fund assets (no such file; the liquidity signal is "
        "stale), jobless claims and sentiment after their last stored releases "
        f"({last['jobless_claims']:%Y-%m-%d}, {last['consumer_sentiment']:%Y-%m-%d}), and the "
        f"daily FRED series after {last['treasury_2y']:%Y-%m-%d} (2-year yield) and "
        f"{last['hy_spread']:%Y-%m-%d} (high-yield spread), which read stale a week later."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
