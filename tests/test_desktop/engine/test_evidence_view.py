"""The engine's evidence for the window: records and charts at a date, card lines, the recipe
backtest workers rebuild Home's pipeline from. On the demo data."""

from __future__ import annotations

import pickle

import pytest

from desktop.engine.engine import Engine


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROTATION_ADVISOR_HOME", str(folder))
        engine = Engine(folder / "missing.db")
        engine.load()
        engine.compute_signals()
        yield engine


def test_the_evidence_has_a_record_and_a_chart_per_theme_and_crosses_processes(engine):
    view = pickle.loads(pickle.dumps(engine.evidence()))
    assert set(view.book.themes) == set(view.charts) == set(view.labels)
    assert view.labels["small_caps"] == "Small caps"
    assert view.book.signals and all(r.sentence for r in view.book.signals)
    earlier = engine.evidence("2015-06-30")
    assert earlier.book.as_of.year == 2015
    assert all(c.view.index[-1].year <= 2015 for c in earlier.charts.values() if len(c.view))


def test_each_signal_in_the_tilt_table_has_a_card_line(engine):
    lines = engine.evidence_lines()
    book = engine.evidence().book
    used = {r.signal for r in book.signals}
    assert used and all(lines[name] == book.card_line(name) for name in used)
    assert all(lines[name].startswith(("Since", "No record")) for name in used)


def test_the_recipe_is_kept_while_the_pipeline_is_the_same(engine):
    first = engine.research_recipe()
    assert engine.research_recipe() is first
    rebuilt = first.build()
    assert rebuilt.advisor.tickers == engine._ready_pipeline().advisor.tickers
    engine.compute_signals(rebuild=True)
    assert engine.research_recipe().token != first.token
