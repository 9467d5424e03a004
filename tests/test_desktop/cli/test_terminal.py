"""Names from the user's files reach the terminal shown, not obeyed (issue 12: escape sequences
in a ticker reached the terminal through `import` and `status`)."""

from __future__ import annotations

import sqlite3

from desktop.app import main
from desktop.cli.terminal import printable
from desktop.data.market.store import MarketStore

ESCAPE = "\x1b[2J"


def test_control_characters_are_shown_escaped_and_line_breaks_kept():
    assert printable(f"{ESCAPE}SPY\rX\nnext") == "\\x1b[2JSPY\\rX\nnext"
    assert printable("Ünïcode 🙂") == "Ünïcode 🙂"


def test_status_shows_a_stored_escape_sequence_without_sending_it(tmp_path, capsys):
    db = tmp_path / "m.db"
    MarketStore(db).close()
    with sqlite3.connect(db) as conn:  # as an older version could have stored it
        conn.execute("INSERT INTO sources (id, label, imported_at) VALUES (1, 'x', 'y')")
        conn.execute(
            "INSERT INTO prices (ticker, date, close, source_id) VALUES (?, '2024-01-02', 1, 1)",
            [f"{ESCAPE}EVIL"],
        )
    conn.close()
    assert main(["--db", str(db), "status"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2JEVIL" in out


def test_an_error_naming_an_odd_path_is_printed_escaped(tmp_path, capsys):
    odd = tmp_path / f"{ESCAPE}market.db"
    odd.mkdir()
    assert main(["--db", str(odd), "signals"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[2Jmarket.db" in err
