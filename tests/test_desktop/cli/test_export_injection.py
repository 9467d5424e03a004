"""`allocate --out` end to end with hostile text in the user's own files: a CR and a formula in
an asset's name, a formula as a held ticker. No cell may run, even split at every CR and LF."""

from __future__ import annotations

import json

from desktop.app import main
from desktop.data.user_files import bundled_universe_path, user_universe_path
from tests.test_desktop.advice.test_csv_text import dangerous_cells


def test_hostile_names_and_tickers_never_become_formula_cells(tmp_path):
    universe = bundled_universe_path().read_text(encoding="utf-8")
    hostile = universe.replace('name = "SPDR Gold Shares"', 'name = "Gold\\r=1+1,@SUM(A1)"')
    assert hostile != universe
    user_universe_path().parent.mkdir(parents=True, exist_ok=True)
    user_universe_path().write_text(hostile, encoding="utf-8")
    holdings = tmp_path / "h.csv"
    holdings.write_text('ticker,shares\nSPY,10\n"=2+2",5\n" -3+3",1\n', encoding="utf-8")
    out = tmp_path / "a.csv"
    code = main(["allocate", "--holdings", str(holdings), "--out", str(out)])
    assert code == 0
    with out.open(encoding="utf-8", newline="") as handle:  # keep a CR as written
        text = handle.read()
    assert '"Gold =1+1,@SUM(A1)"' in text  # one line, quoted for its comma
    assert dangerous_cells(text) == []
    record = json.loads(out.with_name("a.settings.json").read_text(encoding="utf-8"))
    assert all(isinstance(v, str) for v in record.values())
