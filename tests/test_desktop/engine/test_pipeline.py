"""The one composition root: the window's engine and the `allocate` command give one answer."""

from __future__ import annotations

import csv
import dataclasses
import io

import numpy as np
import pytest

from allocator import Settings
from desktop import app
from desktop.advice.knobs import Knobs, to_settings
from desktop.data.exports import allocation_csv
from desktop.engine.engine import Engine
from desktop.engine.pipeline import Pipeline, TradeSizingError, build_advisor


def test_default_files_load_against_the_real_registry():
    advisor = build_advisor()
    assert set(advisor.table.rules) == set(advisor.universe.theme_names)


def test_default_knobs_are_the_allocators_defaults():
    ours, library = to_settings(Knobs()), Settings()
    for field in dataclasses.fields(Settings):
        assert getattr(ours, field.name) == getattr(library, field.name), field.name


def test_knobs_in_percent_become_fractions_once():
    knobs = Knobs(te_cap_pct=3.0, max_active_pct=5.0, class_bounds={"bonds": (20, 40)})
    settings = to_settings(knobs, w_prev=[0.5, 0.5])
    assert settings.max_te == pytest.approx(0.03)
    assert settings.max_active == pytest.approx(0.05)
    assert dict(settings.class_bounds) == {"bonds": (0.2, 0.4)}
    assert settings.w_prev.tolist() == [0.5, 0.5]


def _csv_rows(text: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text)) if row and not row[0].startswith("#")]


def test_window_engine_and_allocate_command_write_the_same_table(tmp_path):
    knobs = Knobs(risk_aversion=3.0, te_cap_pct=2.5, overrides={"gold": -0.5})
    engine = Engine(tmp_path / "none.db")
    engine.load()
    engine.compute_signals()
    window_csv = allocation_csv.csv_text(engine.solve(knobs).table)

    out = tmp_path / "cli.csv"
    argv = ["--db", str(tmp_path / "none.db"), "allocate", "--out", str(out)]
    argv += ["--risk-aversion", "3", "--max-te", "2.5", "--view", "gold=-0.5"]
    assert app.main(argv) == 0
    assert _csv_rows(out.read_text()) == _csv_rows(window_csv)


def test_neutral_knobs_give_back_the_model(tmp_path):
    pipeline = Pipeline.open(tmp_path / "none.db")
    answer = pipeline.advise(pipeline.snapshot(), Knobs(), neutral=True)
    model = pipeline.advisor.universe.model_weights().to_numpy()
    assert np.allclose(answer.advice.allocation.weights, model, atol=1e-4)


def test_holdings_without_value_are_a_sizing_error(tmp_path):
    pipeline = Pipeline.open(tmp_path / "none.db")
    with pytest.raises(TradeSizingError, match="no market value"):
        pipeline.advise(pipeline.snapshot(), Knobs(), {"NOT_A_TICKER": 10.0})


def test_evidence_at_a_date_is_unchanged_by_poisoned_later_prices(tmp_path):
    import dataclasses as dc

    import numpy as np

    pipeline = Pipeline.open(tmp_path / "none.db")
    prices = pipeline.source.prices
    cut = prices.index[-300]
    rng = np.random.default_rng(3)
    poisoned = prices.copy()
    later = poisoned.index > cut
    poisoned.loc[later] = poisoned.loc[later] * rng.uniform(0.2, 5.0, poisoned.loc[later].shape)
    other = Pipeline(pipeline.advisor, dc.replace(pipeline.source, prices=poisoned))
    assert other.evidence(cut).to_dict() == pipeline.evidence(cut).to_dict()
