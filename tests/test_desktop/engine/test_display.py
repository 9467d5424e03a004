"""What the window is told about an answer: the banner when no portfolio fits, reasons at a cap."""

import pytest

from desktop.advice.knobs import Knobs
from desktop.engine.engine import Engine, SettingsInfeasible


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = Engine(tmp_path_factory.mktemp("display") / "none.db")
    engine.load()
    engine.compute_signals()
    return engine


def test_the_no_portfolio_banner_names_the_clash_and_says_each_thing_once(engine):
    """Issue 10: 'no single pair of them' clashed although the cap of 0 and bonds >= 60 % did,
    and 'The nearest feasible answer needs:' was repeated before every loosened limit."""
    with pytest.raises(SettingsInfeasible) as info:
        engine.solve(Knobs(te_cap_pct=0.0, class_bounds={"bonds": (60.0, 100.0)}))
    text = str(info.value)
    assert text.startswith(
        "These limits admit no portfolio: a tracking-error cap of 0 % keeps the model "
        "portfolio, but its bonds weight "
    )
    assert "pair" not in text
    assert text.count("The nearest portfolio: ") == 1
    assert text.endswith(" Loosen a limit to get a new allocation.")


def test_at_a_zero_te_cap_each_row_names_the_cap(engine):
    """Issue 10: with the cap at 0 every row read 'at model weight' without saying why."""
    rows = engine.solve(Knobs(te_cap_pct=0.0, overrides={"small_caps": 1.0})).summary.rows
    assert {r.reason for r in rows} == {"at model weight: the tracking-error cap is 0 %"}
    free = engine.solve(Knobs(overrides={"small_caps": 1.0})).summary.rows
    assert "at model weight" in {r.reason for r in free}  # elsewhere the plain words stay
