"""Hypothesis strategies that break good input files in the ways real files and fuzzers do.

`csv_files()` starts from a sound file of each layout the importer accepts and applies one to
three mutations (a nasty cell, a line deleted, duplicated or cut, a header column duplicated or
renamed, odd line endings, a BOM, NUL or random bytes, gzip whole or truncated, an odd file
name). `toml_texts()` does the same to the bundled universe and tilt table. The same strategies
run briefly in the suite and for long in `make fuzz`.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass

from hypothesis import strategies as st

NASTY_CELLS = (
    "", " ", ".", "nan", "NaN", "inf", "-inf", "Infinity", "1e308", "-1e308", "1e309", "0",
    "-0", "-5", "1e-320", "9" * 400, "0x10", "1,5", "=1+1", "'=1+1", "@SUM(A1)", "\r=1+1",
    "\x1b[31mred\x1b[0m", "\x00", "\x7f", "２０２４-０１-０２", "2024-01-02", "0001-01-01",
    "1677-09-21", "2262-04-12", "2099-01-01", "9999-12-31", "1899-12-31", "2024-02-30",
    "2024-01-02T00:00:00", "2024-01-02 00:00:00+05:00", "2024-1-2", "20240102", '"', '""',
    '"a,b"', "true", "None", "NULL", "\u22125", "1_000", " 12 ", "+7", "1e10", "-1e15",
    "1" * 30, "2024-06", "\ufeff", "é", "\u202e", "4.5e-7",
)  # fmt: skip


def _price_rows(n: int) -> list[str]:
    return [f"{2000 + i // 336}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}" for i in range(n)]


def _classic(n: int = 30) -> tuple[str, str]:
    rows = [
        f"{d},{100 + i:.2f},{101 + i:.2f},{99 + i:.2f},{100.5 + i:.2f},"
        f"{50.2 + i / 2:.2f},{1000 + i}"
        for i, d in enumerate(_price_rows(n))
    ]
    return "SPY.csv", "Date,Open,High,Low,Close,Adj Close,Volume\n" + "\n".join(rows) + "\n"


def _date_close() -> tuple[str, str]:
    rows = [f"{d},{20 + i * 0.1:.2f}" for i, d in enumerate(_price_rows(30))]
    return "IWM.csv", "Date,Close\n" + "\n".join(rows) + "\n"


def _multiheader() -> tuple[str, str]:
    head = "Price,Close,Close,Volume,Volume\nTicker,GLD,SLV,GLD,SLV\nDate,,,,\n"
    rows = [
        f"{d} 00:00:00,{190 + i},{22 + i / 10},{100 + i},{200 + i}"
        for i, d in enumerate(_price_rows(30))
    ]
    return "two.csv", head + "\n".join(rows) + "\n"


def _fred() -> tuple[str, str]:
    rows = [
        f"2020-{1 + i % 12:02d}-01,{-10 + i}" if i % 7 else f"2020-{1 + i % 12:02d}-01,."
        for i in range(12)
    ]
    return "GACDFSA066MSFRBPHI.csv", "observation_date,GACDFSA066MSFRBPHI\n" + "\n".join(
        rows
    ) + "\n"


def _date_value() -> tuple[str, str]:
    rows = [f"2024-{1 + i // 4:02d}-{1 + 7 * (i % 4):02d},{200000 + 1000 * i}" for i in range(24)]
    return "ICSA.csv", "date,value\n" + "\n".join(rows) + "\n"


def _releases() -> tuple[str, str]:
    rows = [f"philly_fed,2024-{1 + i:02d}-15,{-5 + i},{-4 + i}" for i in range(12)]
    return "releases.csv", "series,date,actual,consensus\n" + "\n".join(rows) + "\n"


SEEDS = (
    _classic(), _date_close(), _multiheader(), _fred(), _date_value(), _releases(),
    _classic(400),  # longer than the 8 KB the header sniff reads: a cut .gz fails later
)  # fmt: skip


@dataclass(frozen=True)
class MutatedFile:
    """A file to write: its name and bytes, and the mutations that made it (for the report)."""

    name: str
    data: bytes
    how: tuple[str, ...]


def _lines_op(draw, lines: list[str]) -> tuple[list[str], str]:
    op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "cut"]))
    i = draw(st.integers(0, max(0, len(lines) - 1)))
    j = draw(st.integers(0, max(0, len(lines) - 1)))
    if op == "delete" and lines:
        del lines[i]
    elif op == "duplicate" and lines:
        lines.insert(i, lines[i])
    elif op == "swap" and lines:
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "insert":
        lines.insert(i, draw(st.text(max_size=40)))
    elif op == "cut" and lines:
        lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    return lines, f"line {op} {i}"


def _cell_op(draw, lines: list[str]) -> tuple[list[str], str]:
    if not lines:
        return lines, "cell (no lines)"
    i = draw(st.integers(0, len(lines) - 1))
    cells = lines[i].split(",")
    k = draw(st.integers(0, len(cells) - 1))
    token = draw(st.one_of(st.sampled_from(NASTY_CELLS), st.text(max_size=12)))
    cells[k] = token
    lines[i] = ",".join(cells)
    return lines, f"cell {i}:{k}={token!r}"


def _header_op(draw, lines: list[str]) -> tuple[list[str], str]:
    if not lines:
        return lines, "header (no lines)"
    cells = lines[0].split(",")
    op = draw(st.sampled_from(["duplicate", "rename", "drop", "add", "reorder", "case"]))
    k = draw(st.integers(0, len(cells) - 1))
    if op == "duplicate":
        cells.append(cells[k])
    elif op == "rename":
        cells[k] = draw(
            st.sampled_from(["Close", "Adj Close", "Ticker", "Price", "value", "x", ""])
        )
    elif op == "drop" and len(cells) > 1:
        del cells[k]
    elif op == "add":
        cells.append(draw(st.sampled_from(["Close", "Mood", "Ticker", "series", "Dividends"])))
    elif op == "reorder":
        cells = cells[::-1]
    elif op == "case":
        cells[k] = cells[k].upper()
    lines[0] = ",".join(cells)
    return lines, f"header {op} {k}"


_TEXT_OPS = (_lines_op, _cell_op, _cell_op, _cell_op, _header_op)
"""Cells are changed most often: those files still parse, so garbage must be caught by value."""


def _bytes_op(draw, data: bytes) -> tuple[bytes, str]:
    op = draw(
        st.sampled_from(["bom", "crlf", "cr", "nul", "random", "truncate", "latin1", "utf16"])
    )
    at = draw(st.integers(0, len(data)))
    if op == "bom":
        return b"\xef\xbb\xbf" + data, op
    if op == "crlf":
        return data.replace(b"\n", b"\r\n"), op
    if op == "cr":
        return data.replace(b"\n", b"\r"), op
    if op == "nul":
        return data[:at] + b"\x00" + data[at:], op
    if op == "random":
        return data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:], op
    if op == "truncate":
        return data[:at], f"truncate {at}"
    if op == "latin1":
        return data[:at] + "é£".encode("latin-1") + data[at:], op
    return data.decode("utf-8", "replace").encode("utf-16"), op


@st.composite
def csv_files(draw) -> MutatedFile:
    """A sound CSV of one accepted layout with 1 to 4 mutations; maybe gzipped or renamed."""
    name, text = draw(st.sampled_from(SEEDS))
    lines = text.splitlines()
    how = []
    for _ in range(draw(st.integers(1, 3))):
        lines, step = draw(st.sampled_from(_TEXT_OPS))(draw, lines)
        how.append(step)
    data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 3)) == 0:
        data, step = _bytes_op(draw, data)
        how.append(step)
    container = draw(st.sampled_from(["plain"] * 5 + ["gzip", "gzip-cut", "fake-gz"]))
    if container == "gzip":
        data, name = gzip.compress(data), name + ".gz"
    elif container == "gzip-cut":
        packed = gzip.compress(data)
        data, name = packed[: draw(st.integers(0, len(packed) - 1))], name + ".gz"
    elif container == "fake-gz":
        name += ".gz"
    how.append(container)
    if draw(st.integers(0, 9)) == 0:
        name = draw(st.sampled_from(["\x1b[2J.csv", " .csv", "a" * 200 + ".csv", "é€.csv", ".csv"]))
        how.append(f"name {name!r}")
    return MutatedFile(name, data, tuple(how))


NASTY_VALUES = (
    '"x"', "-1", "0", "1e400", "inf", "-inf", "nan", "true", "[]", "{}", '[1, "a"]',
    "{a = 1}", '"\\u0000"', "'''multi\nline'''", "2024-01-01", '"' + "A" * 5000 + '"',
    "[" * 600 + "]" * 600, "{a = " * 300 + "1" + "}" * 300, '"\\u001b[2J"', '"SPY"',
    '["SPY", "SPY"]', '["nosuch"]', "100", "1e-9", '"=1+1"', '"\r=1+1"', "0.5", "99",
)  # fmt: skip
KEYS = ("ticker", "name", "weight", "themes", "asset_class", "funded_by", "label", "ic",
        "signals", "scale", "small_cap_breakout", "bogus", "a.b", '"we ird"', "")  # fmt: skip
HEADERS = ("[themes]", "[[asset]]", "[[signal]]", "[unknown]", "[themes.x.y.z]", "[[themes]]",
           "[themes.small_caps.signals]", "[themes.nosuch]", "[asset]", "[ ]")  # fmt: skip


def _toml_value(draw, lines: list[str]) -> tuple[list[str], str]:
    keyed = [i for i, line in enumerate(lines) if "=" in line and not line.lstrip().startswith("#")]
    if not keyed:
        return lines, "value (no keys)"
    i = draw(st.sampled_from(keyed))
    key = lines[i].split("=", 1)[0]
    value = draw(st.one_of(st.sampled_from(NASTY_VALUES), st.text(max_size=12).map(repr)))
    lines[i] = f"{key}= {value}"
    return lines, f"value {i}={value[:20]!r}"


def _toml_key(draw, lines: list[str]) -> tuple[list[str], str]:
    keyed = [i for i, line in enumerate(lines) if "=" in line and not line.lstrip().startswith("#")]
    if not keyed:
        return lines, "key (no keys)"
    i = draw(st.sampled_from(keyed))
    key = draw(st.sampled_from(KEYS))
    lines[i] = f"{key} = {lines[i].split('=', 1)[1]}"
    return lines, f"key {i}={key!r}"


def _toml_header(draw, lines: list[str]) -> tuple[list[str], str]:
    i = draw(st.integers(0, len(lines)))
    header = draw(st.sampled_from(HEADERS))
    lines.insert(i, header)
    return lines, f"header {i}={header}"


_TOML_OPS = (_lines_op, _toml_value, _toml_value, _toml_key, _toml_header)


@st.composite
def toml_texts(draw, seed: str) -> tuple[str, tuple[str, ...]]:
    """`seed` (a sound universe or tilt table) with 1 to 3 mutations; sometimes padded past the
    size limit, or with odd line endings, a BOM or a NUL."""
    lines = seed.splitlines()
    how = []
    for _ in range(draw(st.integers(1, 3))):
        lines, step = draw(st.sampled_from(_TOML_OPS))(draw, lines)
        how.append(step)
    text = "\n".join(lines) + "\n"
    extra = draw(st.sampled_from(["", "", "", "", "pad", "crlf", "bom", "nul"]))
    if extra == "pad":
        text += "# padding\n" * 30000
    elif extra == "crlf":
        text = text.replace("\n", "\r\n")
    elif extra == "bom":
        text = "\ufeff" + text
    elif extra == "nul":
        text = text.replace("\n", "\n\x00", 1)
    return text, (*how, extra)


HOLDINGS = (
    "ticker,shares,account\nSPY,120,A\nIWM,35.5,A\n# cash is not a ticker\nGLD,0,B\nQQQ,8,B\n"
)


@st.composite
def holdings_files(draw) -> MutatedFile:
    """A sound ticker,shares file with 1 to 3 mutations, maybe with odd bytes or a huge cell."""
    lines = HOLDINGS.splitlines()
    how = []
    for _ in range(draw(st.integers(1, 3))):
        lines, step = draw(st.sampled_from(_TEXT_OPS))(draw, lines)
        how.append(step)
    data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 3)) == 0:
        data, step = _bytes_op(draw, data)
        how.append(step)
    if draw(st.integers(0, 19)) == 0:
        data += b"SPY," + b"9" * 200_000 + b"\n"
        how.append("huge cell")
    return MutatedFile("holdings.csv", data, tuple(how))
