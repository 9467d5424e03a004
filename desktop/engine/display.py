"""What the window shows of readings and answers: cards, titles and the allocation summary.

Pure conversions from the domain's values (`Reading`, `Advice`, the `AllocationTable`) to the
plain values of `desktop.advice.state` that cross to the window's process. The engine calls
them; nothing here holds state.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from desktop.advice.state import AllocationSummary, AssetClass, Card, Row

if TYPE_CHECKING:
    from allocator import TradePlan
    from desktop.advice.advisor import Advice
    from desktop.advice.allocation_table import AllocationTable
    from desktop.advice.tables.universe import Universe
    from signals import Reading
    from signals.spec import SignalSpec


def card(reading: Reading, spec: SignalSpec | None) -> Card:
    evidence = reading.evidence
    age = evidence.get("age_business_days")
    return Card(
        name=reading.name,
        title=signal_title(reading.name) if spec is None else spec_title(spec),
        subject="" if spec is None else spec.subject,
        score=reading.score,
        sentence=reading.explanation,
        as_of=None if reading.as_of is None else reading.as_of.strftime("%Y-%m-%d"),
        stale=reading.stale,
        age_days=int(age) if isinstance(age, int | float) else None,
    )


_ACRONYMS = {"rsi": "RSI", "us": "US", "spy": "SPY", "iwm": "IWM"}


def spec_title(spec: SignalSpec) -> str:
    """What the window calls a signal: its own title, else one made from its name."""
    return spec.title or signal_title(spec.name)


def signal_title(name: str) -> str:
    """A signal id as a card title: "small_cap_rsi" -> "Small cap RSI"."""
    words = [_ACRONYMS.get(w, w) for w in name.split("_")]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def asset_classes(universe: Universe) -> tuple[AssetClass, ...]:
    totals: dict[str, float] = {}
    for asset in universe.assets:
        totals[asset.asset_class] = totals.get(asset.asset_class, 0.0) + asset.weight
    return tuple(AssetClass(name, pct) for name, pct in totals.items())


def summary(
    advice: Advice, table: AllocationTable, plan: TradePlan | None, universe: Universe
) -> AllocationSummary:
    from desktop.advice.headline import headline

    allocation, snap = advice.allocation, advice.snapshot
    top = headline(advice, universe)
    rows = tuple(
        Row(
            r.ticker, r.name, r.model_weight, r.suggested_weight, r.active_weight, r.reason,
            None if r.position is None else r.position.value,
            None if r.position is None else int(r.position.shares),
            None if r.position is None else float(r.position.trade_shares),
        )
        for r in table.rows
    )  # fmt: skip
    answer_notes = advice.notes[len(snap.notes) :]
    return AllocationSummary(
        rows=rows,
        as_of=f"{snap.as_of:%Y-%m-%d}",
        tracking_error_pct=100 * allocation.tracking_error,
        status=str(allocation.source),
        solve_ms=1000 * allocation.solve_time,
        notice=sentences(answer_notes),
        notes=tuple(snap.notes),
        cash_left=None if plan is None else plan.cash_left,
        headline=top.text,
        expected_active_pct=top.expected_active_pct,
        turnover_pct=top.turnover_pct,
        turnover_against=top.against,
    )


def infeasible_text(advice: Advice) -> str:
    """The banner when the limits admit no portfolio: which limits clash, then (once) what the
    nearest portfolio had to loosen, then what to do."""
    allocation = advice.allocation
    clash = "; ".join(allocation.conflicts)
    parts = [f"These limits admit no portfolio{': ' + clash if clash else ''}"]
    if allocation.slack_report:
        parts.append("the nearest portfolio: " + "; ".join(allocation.slack_report))
    return sentences(parts) + " Loosen a limit to get a new allocation."


def sentences(notes: Iterable[str]) -> str:
    return " ".join(f"{n[0].upper()}{n[1:]}." for n in notes if n)
