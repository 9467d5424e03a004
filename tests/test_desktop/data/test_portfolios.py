"""Several portfolios: the existing files are "default", new ones start from the bundled files or
a copy, names are checked, and each keeps its own files."""

import pytest

from desktop.data import paths, portfolios, user_files


def test_an_existing_users_files_are_the_default_portfolio_untouched():
    home = paths.data_dir()
    (home / "universe.toml").write_bytes(user_files.bundled_universe_path().read_bytes() + b"\n")
    (home / "tilts.toml").write_text("# my edits\n" + user_files.default_tilts_path().read_text())
    before = {p.name: p.read_bytes() for p in home.iterdir()}

    default = portfolios.get_portfolio()

    assert portfolios.portfolio_names() == ["default"]
    assert default.universe_file == home / "universe.toml"
    assert default.tilts_file == home / "tilts.toml"
    assert default.holdings_file == home / "holdings.csv"
    assert {p.name: p.read_bytes() for p in home.iterdir()} == before


def test_a_new_portfolio_starts_from_the_bundled_files():
    growth = portfolios.create_portfolio("growth")
    assert growth.universe_file.read_bytes() == user_files.bundled_universe_path().read_bytes()
    assert growth.tilts_file.read_bytes() == user_files.default_tilts_path().read_bytes()
    assert not growth.holdings_file.exists()
    assert portfolios.portfolio_names() == ["default", "growth"]
    assert portfolios.get_portfolio("growth") == growth


def test_a_copy_takes_the_others_universe_and_tilt_table_but_not_its_holdings():
    default = portfolios.get_portfolio()
    default.tilts_file.write_text("# conservative\n" + default.tilts_file.read_text())
    default.holdings_file.write_text("ticker,shares\nSPY,10\n")
    copy = portfolios.create_portfolio("careful", copy_of="default")
    assert copy.tilts_file.read_text().startswith("# conservative")
    assert copy.universe_file.read_bytes() == default.universe_file.read_bytes()
    assert not copy.holdings_file.exists()
    copy.tilts_file.write_text("# changed in the copy only\n")
    assert default.tilts_file.read_text().startswith("# conservative")


@pytest.mark.parametrize("name", ["default", "Growth", "a b", "../up", "", "-x", "x" * 33])
def test_bad_names_are_refused_with_what_is_allowed(name):
    with pytest.raises(portfolios.PortfolioError, match="lower-case letters"):
        portfolios.create_portfolio(name)
    assert portfolios.portfolio_names() == ["default"]


def test_a_taken_name_and_an_unknown_portfolio_say_what_to_do():
    portfolios.create_portfolio("growth")
    with pytest.raises(portfolios.PortfolioError, match="already a portfolio 'growth'"):
        portfolios.create_portfolio("growth")
    with pytest.raises(portfolios.PortfolioError, match="portfolio create income"):
        portfolios.get_portfolio("income")
    with pytest.raises(portfolios.PortfolioError, match="no portfolio 'income'"):
        portfolios.create_portfolio("other", copy_of="income")


def test_a_failed_copy_leaves_no_half_made_portfolio(monkeypatch):
    def full_disk(path, data, **_kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(portfolios, "write_atomically", full_disk)
    with pytest.raises(OSError):
        portfolios.create_portfolio("growth")
    assert portfolios.portfolio_names() == ["default"]
    assert list((paths.data_dir() / portfolios.FOLDER).iterdir()) == []


def test_a_refresh_downloads_the_tickers_of_every_portfolio():
    growth = portfolios.create_portfolio("growth")
    extra = '\n[[signal]]\nticker = "ARKQ"\nname = "ARK Autonomous Technology"\n'
    growth.universe_file.write_text(growth.universe_file.read_text() + extra)
    default = user_files.load_universe(portfolios.get_portfolio().universe_file).all_tickers
    tickers = portfolios.all_tickers()
    assert tickers[: len(default)] == tuple(default)
    assert tickers[len(default) :] == ("ARKQ",)
