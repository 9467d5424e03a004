"""The engine at a chosen past date (the window's time machine), and what it says about the data."""

from __future__ import annotations

import pytest

from desktop.advice.as_of import AsOfError
from desktop.advice.knobs import Knobs
from desktop.data.demo import load_demo
from desktop.engine.engine import Engine
from desktop.engine.pipeline import Pipeline

PAST = "2024-03-15"  # a Friday inside the demo data


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = Engine(tmp_path_factory.mktemp("tm") / "none.db")  # no database: the demo data
    engine.load()
    return engine


def test_loaded_gives_the_date_range_and_the_datas_age(engine):
    loaded = engine.load()
    demo = load_demo()
    assert (loaded.first_date, loaded.last_date) == (
        f"{demo.prices.index[0]:%Y-%m-%d}",
        f"{demo.prices.index[-1]:%Y-%m-%d}",
    )
    assert loaded.data_age.startswith("Demo data (synthetic), ending ")
    assert loaded.notice.startswith("There is no database at ")


def test_a_past_date_recomputes_cards_views_and_the_answer_for_that_day(engine, tmp_path):
    past = engine.compute_signals(as_of=PAST)
    assert past.as_of == PAST
    expected = Pipeline.open(tmp_path / "none.db").readings(PAST)
    assert [(c.name, c.score, c.sentence) for c in past.cards] == [
        (r.name, r.score, r.explanation) for r in expected
    ]
    assert engine.solve(Knobs(), explain=False).summary.as_of == PAST
    latest = engine.compute_signals()
    assert latest.as_of == engine.load().last_date
    assert [c.score for c in latest.cards] != [c.score for c in past.cards]
    assert engine.solve(Knobs(), explain=False).summary.as_of == latest.as_of


def test_a_holiday_moves_to_the_day_before_and_says_so(engine):
    computed = engine.compute_signals(as_of="2024-03-16")  # a Saturday
    assert computed.as_of == PAST
    assert computed.date_notes[0].startswith("2024-03-16 is not a trading day in the data")


def test_sparklines_end_at_the_chosen_date_with_the_cards_scores(engine):
    computed = engine.compute_signals(as_of=PAST)
    lines = engine.sparklines(PAST)
    for card in computed.cards:
        if lines[card.name]:
            assert lines[card.name][-1] == pytest.approx(card.score, abs=1e-9), card.name
    assert engine.sparklines() != lines


def test_a_date_outside_the_data_is_refused_with_the_range(engine):
    with pytest.raises(AsOfError, match="the data runs from"):
        engine.compute_signals(as_of="1990-01-01")
    with pytest.raises(AsOfError, match="the data runs from"):
        engine.sparklines("2999-01-01")


def test_the_answer_has_a_headline_with_its_figures(engine):
    engine.compute_signals()
    summary = engine.solve(Knobs(overrides={"small_caps": 1.0})).summary
    overweight = summary.headline.split(";")[0]
    assert overweight.startswith("Overweight ") and "small caps" in overweight
    assert summary.turnover_against == "model"
    assert 0 < summary.turnover_pct <= 100
    assert summary.expected_active_pct > 0
