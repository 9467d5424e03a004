"""`Pipeline.open(portfolio=...)`: each portfolio's own universe and tilt table over shared data."""

import pytest

from desktop.data.portfolios import PortfolioError, create_portfolio, get_portfolio
from desktop.engine.pipeline import Pipeline


def test_a_portfolio_advises_from_its_own_tilt_table_and_universe(tmp_path):
    careful = create_portfolio("careful")
    text = careful.tilts_file.read_text()
    careful.tilts_file.write_text(text.replace("ic = 0.10", "ic = 0.01", 1))
    missing_db = tmp_path / "none.db"

    default = Pipeline.open(missing_db)
    chosen = Pipeline.open(missing_db, portfolio="careful")

    assert default.advisor.table.rule("small_caps").ic == 0.10
    assert chosen.advisor.table.rule("small_caps").ic == 0.01
    assert chosen.advisor.table.source == str(careful.tilts_file)
    assert Pipeline.open(missing_db, portfolio="default").advisor.table.source == str(
        get_portfolio().tilts_file
    )


def test_an_unknown_portfolio_says_how_to_create_it(tmp_path):
    with pytest.raises(PortfolioError, match="rotation-advisor portfolio create growth"):
        Pipeline.open(tmp_path / "none.db", portfolio="growth")
