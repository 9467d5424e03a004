"""The last session's state as JSON, so the next start paints it before anything is computed.

Plain `json` and dataclasses only: this runs before pandas or the signals are imported. A file
from an older or newer version, or a damaged one, gives the default state rather than an error:
the worst case is one start that shows "Loading market data…" a little longer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields, is_dataclass

from desktop.advice.knobs import Knobs
from desktop.advice.state import (
    AllocationSummary,
    AppState,
    AssetClass,
    Card,
    Dates,
    Phase,
    Row,
    Theme,
    for_next_session,
)

FORMAT_VERSION = 1


def state_to_json(state: AppState) -> str:
    """Serialise the restorable part of `state` (see `model.for_next_session`)."""
    payload = _plain(for_next_session(state))
    return json.dumps({"version": FORMAT_VERSION, "state": payload}, separators=(",", ":"))


def state_from_json(text: str | None) -> AppState:
    """The state saved by `state_to_json`, or a default AppState if `text` is empty or unusable."""
    if not text:
        return AppState()
    try:
        document = json.loads(text)
        if document.get("version") != FORMAT_VERSION:
            return AppState()
        return _state(document["state"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return AppState()


def _knobs(data: dict) -> Knobs:
    """Knobs from the saved plain dict; keys from another version's Knobs are ignored."""
    return Knobs(**_known(Knobs, data))


def _state(data: dict) -> AppState:
    allocation = data.get("allocation")
    return AppState(
        data_label=str(data.get("data_label", AppState.data_label)),
        stale_count=int(data.get("stale_count", 0)),
        phase=Phase.LOADING_DATA,
        themes=tuple(Theme(**_known(Theme, t)) for t in data.get("themes", ())),
        asset_classes=tuple(
            AssetClass(**_known(AssetClass, a)) for a in data.get("asset_classes", ())
        ),
        knobs=_knobs(data.get("knobs", {})),
        cards=tuple(_card(c) for c in data.get("cards", ())),
        allocation=None if allocation is None else _allocation(allocation),
        fresh=False,
        holdings_file=str(data.get("holdings_file", "")),
        dates=Dates(chosen=_chosen_date(data.get("dates"))),
    )


def _chosen_date(data: object) -> str:
    """The time machine's day from a saved session ("" when none or unreadable)."""
    chosen = data.get("chosen", "") if isinstance(data, dict) else ""
    return chosen if isinstance(chosen, str) and len(chosen) == 10 else ""


def _card(data: dict) -> Card:
    values = _known(Card, data)
    values["history"] = tuple(float(x) for x in values.get("history", ()))
    return Card(**values)


def _allocation(data: dict) -> AllocationSummary:
    values = _known(AllocationSummary, data)
    values["rows"] = tuple(Row(**_known(Row, r)) for r in values.get("rows", ()))
    values["notes"] = tuple(str(n) for n in values.get("notes", ()))
    return AllocationSummary(**values)


def _plain(value: object) -> object:
    """Dataclasses, mappings and tuples as JSON-ready dicts and lists (asdict cannot copy the
    read-only mappings the frozen dataclasses hold)."""
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _known(cls: type, data: dict) -> dict:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}
