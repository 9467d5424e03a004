"""Smoke-test the built package the way a user meets it.

Unpacks the tarball into a temporary folder and, with a fresh empty HOME (so the app starts from
its bundled demo data and may write only to the user's data folder), runs the frozen program:
`--self-test` offscreen, `--version`, and `allocate` writing a CSV. Exits non-zero on any failure
with the reason. Prints the package's sizes and the frozen app's start-up timings.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from desktop import __version__

    tarballs = sorted((ROOT / "dist").glob(f"rotation-advisor-{__version__}-linux-*.tar.gz"))
    if not tarballs:
        return fail("no tarball in dist/: run `make package` first")
    tarball = tarballs[-1]
    with tempfile.TemporaryDirectory(prefix="ra-package-test-") as tmp:
        tmp_path = Path(tmp)
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp_path / "unpacked", filter="data")
        app_dir = tmp_path / "unpacked" / f"rotation-advisor-{__version__}"
        exe = app_dir / "rotation-advisor"
        home = tmp_path / "home"
        home.mkdir()
        env = clean_env(home)
        before = snapshot(app_dir)

        version = run([str(exe), "--version"], env)
        if __version__ not in version.stdout:
            return fail(f"--version printed {version.stdout!r}, expected {__version__}")

        started = time.perf_counter()
        self_test = run([str(exe), "--self-test"], env, timeout=300)
        self_test_s = time.perf_counter() - started
        print(self_test.stdout.strip())
        if self_test.returncode != 0:
            return fail(f"--self-test exited {self_test.returncode}: {self_test.stderr.strip()}")

        out_csv = tmp_path / "allocation.csv"
        allocate = run([str(exe), "allocate", "--out", str(out_csv)], env, timeout=300)
        if allocate.returncode != 0:
            return fail(f"allocate exited {allocate.returncode}: {allocate.stderr.strip()}")
        problem = check_allocation_csv(out_csv)
        if problem:
            return fail(problem)

        if snapshot(app_dir) != before:
            return fail("the frozen app wrote inside its own folder; it must write only to HOME")
        written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
        print(f"files the app wrote under the fresh HOME: {written}")
        print(f"tarball {tarball.name}: {tarball.stat().st_size / 1e6:.1f} MB")
        print(f"unpacked: {folder_size(app_dir) / 1e6:.1f} MB")
        print(f"self-test wall time (cold start to exit): {self_test_s:.2f} s")
    print("package-test: passed")
    return 0


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ROTATION_ADVISOR"))}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONNOUSERSITE="1")
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    return env


def run(cmd: list[str], env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)


def check_allocation_csv(path: Path) -> str | None:
    if not path.exists():
        return f"allocate did not write {path}"
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("ticker,"):
        return "the allocation CSV does not start with its header row"
    if not path.with_name(f"{path.stem}.settings.json").exists():
        return f"allocate did not write the settings beside {path}"
    rows = list(csv.DictReader(lines))
    if len(rows) < 2:
        return f"the allocation CSV has {len(rows)} rows"
    for column in ("model_weight", "suggested_weight"):
        total = round(sum(float(r[column]) for r in rows), 2)
        if total != 100.00:
            return f"{column} sums to {total}, not 100.00"
    return None


def snapshot(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*") if p.is_file()}


def folder_size(folder: Path) -> int:
    """Bytes on disk, counting each file once (the bundle links some libraries)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def fail(reason: str) -> int:
    print(f"package-test: FAILED: {reason}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
