"""AppState transitions and the session file: what the window restores and what sliders change."""

import pickle

import pytest

from desktop.advice import state as app_state
from desktop.advice.knobs import Knobs
from desktop.advice.state import AllocationSummary, AppState, Card, Phase, Row, Theme
from desktop.qt.session_store import state_from_json, state_to_json


def _state() -> AppState:
    themes = (Theme("small_caps", "Small caps", 0.4), Theme("gold", "Gold", -0.2))
    return AppState(themes=themes)


def _allocation(notice: str = "") -> AllocationSummary:
    rows = (Row("IWM", "iShares Russell 2000", 5.0, 7.5, 2.5, "small caps +2.5"),)
    return AllocationSummary(rows, "2026-01-16", 1.2, "optimal", 3.0, notice=notice)


def test_views_come_from_signals_until_the_user_overrides_them():
    state = _state()
    assert state.views() == {"small_caps": 0.4, "gold": -0.2}

    moved = app_state.set_view(state, "gold", 0.5)

    assert moved.views() == {"small_caps": 0.4, "gold": 0.5}
    assert moved.is_override("gold") and not moved.is_override("small_caps")
    assert state.views()["gold"] == -0.2  # the old state is untouched


def test_override_is_clipped_to_the_view_range():
    state = app_state.set_view(_state(), "gold", 3.0)
    assert state.view("gold") == 1.0


def test_reset_one_theme_keeps_the_other_overrides():
    state = app_state.set_view(app_state.set_view(_state(), "gold", 0.5), "small_caps", -1.0)

    one = app_state.reset_views(state, ("gold",))
    every = app_state.reset_views(state)

    assert one.views() == {"small_caps": -1.0, "gold": -0.2}
    assert every.views() == {"small_caps": 0.4, "gold": -0.2}


def test_a_failed_solve_keeps_the_last_good_allocation_and_says_why():
    solved = app_state.allocation_solved(_state(), _allocation())

    failed = app_state.allocation_failed(solved, "The settings cannot be met.")

    assert failed.allocation == solved.allocation
    assert failed.banner == "The settings cannot be met."
    assert app_state.allocation_solved(failed, _allocation()).banner == ""


def test_a_fallback_answer_puts_its_notice_in_the_banner():
    state = app_state.allocation_solved(_state(), _allocation(notice="Nearest feasible answer."))
    assert state.banner == "Nearest feasible answer." and state.phase is Phase.READY


def test_session_round_trip_restores_what_the_window_showed():
    card = Card(
        "breadth",
        "Breadth",
        "broad equities",
        0.3,
        "Breadth is fine.",
        "2026-01-16",
        False,
        2,
        (0.1, 0.3),
    )
    state = app_state.allocation_solved(app_state.set_view(_state(), "gold", 0.5), _allocation())
    state = app_state.set_knobs(
        app_state.signals_computed(state, (card,), state.themes), risk_aversion=5.0
    )

    restored = state_from_json(state_to_json(state))

    assert restored.allocation == state.allocation
    assert restored.cards == (card,)
    assert restored.knobs.risk_aversion == 5.0 and restored.knobs.overrides == {"gold": 0.5}
    assert restored.fresh is False and restored.phase is Phase.LOADING_DATA


def test_damaged_or_foreign_session_files_give_the_default_state():
    for text in ("", "{", '{"version": 99, "state": {}}', '{"version": 1, "state": {"knobs": 3}}'):
        assert state_from_json(text) == AppState()


def test_knobs_defaults_match_the_allocator_settings():
    from allocator.inputs import Settings

    knobs, settings = Knobs(), Settings()
    assert knobs.risk_aversion == settings.gamma_risk
    assert knobs.turnover_penalty == settings.kappa
    assert knobs.te_cap_pct / 100 == settings.max_te


def test_knobs_survive_the_trip_to_the_engine_process():
    knobs = Knobs(risk_aversion=3.0, overrides={"gold": -0.5}, class_bounds={"bonds": (20, 40)})
    copy = pickle.loads(pickle.dumps(knobs))
    assert copy == knobs
    with pytest.raises(TypeError):
        copy.overrides["gold"] = 1.0  # still read-only after the trip
