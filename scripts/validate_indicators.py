"""The notes' January 2026 statements checked with the issue-13 signals (part of `make validate`).

FRED's files in market-data end in late December 2025 (daily series on 2025-12-30, monthly ones
with November), so every FRED-based claim is checked at 2025-12-31, the last date those files
describe, and again at 2026-01-15, where a series older than its release rhythm allows reads
stale and says so. Price-based claims are checked at the notes' dates.
"""

from __future__ import annotations

from signals.inputs import SignalInputs
from signals.reading import Reading

FRED = "gh-sivamsapingali-Codex_Macro-Monitor"
# fmt: off
FRED_IDS = (
    "FEDFUNDS", "DGS2", "DGS10", "T10YIE", "BAMLH0A0HYM2", "VIXCLS", "ANFCI", "STLFSI4",
    "RRPONTSYD", "WALCL", "M2SL", "CPILFESL", "PCEPILFE", "MICH", "INDPRO", "PAYEMS",
)
# fmt: on
FRED_FILES = tuple(f"{FRED}/{name}.csv" for name in FRED_IDS)
"""The FRED files the new signals read, imported beside the price and survey files."""
FRED_END, JAN_15, JAN_16 = "2025-12-31", "2026-01-15", "2026-01-16"
SUPPORTED, PARTLY, UNSUPPORTED = "supported", "partly", "NOT supported"
CLEAR = 0.2
"""A score this far from 0 is a clear reading (the signals' own sentences call less 'about
normal', 'roughly flat' or 'agree'); a weaker one on the right side only partly supports."""


def verdict(ok: bool, partly: bool = False) -> str:
    return SUPPORTED if ok else PARTLY if partly else UNSUPPORTED


def bitcoin_sluggish(r: Reading, _: SignalInputs) -> tuple[str, str]:
    e = r.evidence
    if r.stale:
        return r.explanation, "stale (no data)"
    said = (
        f"{e['crypto_gauge']} {e['crypto_change']:+.1%} over 63 sessions "
        f"(trend z {e['crypto_z']:+.1f})"
    )
    return said, verdict(e["crypto_change"] < 0)


def sequence_reached_crypto(r: Reading, _: SignalInputs) -> tuple[str, str]:
    if r.stale:
        return r.explanation, "stale (no data)"
    e = r.evidence
    said = (
        f"IWM {e['small_caps_change']:+.1%}, ARKK {e['high_growth_change']:+.1%}, "
        f"{e['crypto_gauge']} {e['crypto_change']:+.1%}: stage {e['stage']} of 3"
    )
    return said, verdict(e["stage"] == 3, partly=e["stage"] == 2)


def cuts_priced(r: Reading, _: SignalInputs) -> tuple[str, str]:
    if r.stale:
        return r.explanation, "stale (no data)"
    e = r.evidence
    cuts = e["quarter_point_cuts"]
    said = (
        f"2-year {e['treasury_2y_pct']:.2f}% vs fed funds {e['fed_funds_pct']:.2f}% "
        f"(released {e['fed_funds_released']}): {cuts:.1f} quarter-point cuts priced"
    )
    return said, verdict(cuts >= 1.5, partly=cuts > 0)


def by_sign(sign: int):
    def check(r: Reading, _: SignalInputs) -> tuple[str, str]:
        if r.stale:
            return r.explanation, "stale (no data)"
        leaning = r.score * sign
        return f"score {r.score:+.2f}: {r.explanation}", verdict(leaning >= CLEAR, leaning > 0)

    return check


def spreads_tight(r: Reading, _: SignalInputs) -> tuple[str, str]:
    if r.stale:
        return r.explanation, "stale (no data)"
    pct = r.evidence.get("hy_spread_percentile")
    if pct is None:
        return f"no fresh high-yield spread: {r.explanation}", "stale (no data)"
    said = (
        f"HY spread {r.evidence['hy_spread']:.2f}% (percentile {100 * pct:.0f} of 5 years); "
        f"score {r.score:+.2f}"
    )
    return said, verdict(pct < 0.25 and r.score > 0, partly=r.score > 0)


def rotation_into_xly(_: Reading, inputs: SignalInputs) -> tuple[str, str]:
    """'Rotation into Industrials (XLI), Materials (XLB) and Consumer Discretionary (XLY)'."""
    closes = inputs.prices[["XLI", "XLB", "XLY", "SPY"]].dropna()
    change = closes.iloc[-1] / closes.iloc[-64] - 1.0
    lead = {t: change[t] - change["SPY"] for t in ("XLI", "XLB", "XLY")}
    said = (
        ", ".join(f"{t} {change[t]:+.1%}" for t in lead)
        + f" vs SPY {change['SPY']:+.1%} (63 sessions)"
    )
    ahead = sum(v > 0 for v in lead.values())
    return said, verdict(ahead == 3, partly=ahead > 0)


INDICATOR_CLAIMS = (
    # (dates, signal, what the notes say, check)
    (
        (JAN_15, JAN_16),
        "crypto_sequence",
        "bitcoin sluggish ('refusing to leave the couch')",
        bitcoin_sluggish,
    ),
    (
        (JAN_15,),
        "crypto_sequence",
        "small caps -> high growth -> crypto under way",
        sequence_reached_crypto,
    ),
    (
        (FRED_END, JAN_15),
        "fed_path",
        "the market prices Fed cuts ('two rate cuts for 2026')",
        cuts_priced,
    ),
    ((FRED_END, JAN_15), "inflation_trend", "a cooling inflation environment", by_sign(1)),
    (
        (FRED_END, JAN_15),
        "credit_conditions",
        "uncertainty premium evaporating: spreads tight",
        spreads_tight,
    ),
    ((FRED_END,), "real_yields", "real yields rising (gold's risk/reward worsening)", by_sign(-1)),
    ((FRED_END,), "net_liquidity", "liquidity spilling over into risk assets", by_sign(1)),
    ((FRED_END, JAN_15), "hard_vs_soft", "resilient hard data, plunging soft data", by_sign(1)),
    ((JAN_15,), "small_cap_quality", "a junk rally: low-quality small caps lead", by_sign(-1)),
    ((JAN_15,), "cyclicals_vs_defensives", "rotation into XLI, XLB and XLY", rotation_into_xly),
)
