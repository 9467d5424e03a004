"""Rebuild the bundled synthetic demo data in resources/ (`make demo-data`), byte for byte.

Usage: python -m scripts.build_demo_data [--out FOLDER]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.data import paths
from desktop.data.demo import MACRO_FILE, PRICES_FILE, load_demo
from scripts.demo_data.build import build_demo_files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=paths.resources_dir(), help="folder (default: resources/)"
    )
    args = parser.parse_args(argv)
    sizes = build_demo_files(args.out)
    demo = load_demo(args.out)
    prices, macro = demo.prices, demo.macro
    for name in (PRICES_FILE, MACRO_FILE):
        print(f"{args.out / name}: {sizes[name] / 1e6:.2f} MB")
    print(
        f"{len(prices)} days {prices.index[0]:%Y-%m-%d}..{demo.end_date:%Y-%m-%d}, "
        f"{prices.shape[1]} tickers, {len(macro)} macro releases of "
        f"{macro['series'].nunique()} series"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
