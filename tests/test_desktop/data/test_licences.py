"""The About dialog's licence list is generated from metadata, never typed by hand."""

from desktop.data import licences
from desktop.data.licences import Licence, collect_licences, read_licences, write_licences


def test_collects_every_runtime_dependency_with_a_licence():
    found = {lic.name.lower().replace("_", "-"): lic for lic in collect_licences()}
    for required in ("pyside6-essentials", "pyqtgraph", "pandas", "cvxpy", "yfinance", "numpy"):
        assert required in found, f"{required} missing from the licence list"
    assert "LGPL" in found["pyside6-essentials"].licence
    assert "pytest" not in found, "test tools are not shipped and must not be listed"


def test_bundled_file_wins_over_installed_metadata(tmp_path, monkeypatch):
    bundled = [Licence("examplelib", "1.2", "MIT", "https://example.org")]
    write_licences(bundled, tmp_path / licences.BUNDLED_FILE)
    monkeypatch.setattr(licences, "resources_dir", lambda: tmp_path)
    assert licences.third_party_licences() == bundled
    assert read_licences(tmp_path / licences.BUNDLED_FILE) == bundled
