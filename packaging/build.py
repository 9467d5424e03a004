"""Build the one-folder desktop package and wrap it as a tarball.

`make package` runs this from the project root. Output:
  dist/rotation-advisor/                                  the unpacked application
  dist/rotation-advisor-<version>-linux-x86_64.tar.gz     what a user downloads
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"
LICENCES = BUILD / "third_party_licenses.json"


def main() -> int:
    from desktop import __version__
    from desktop.data.licences import collect_licences, write_licences

    BUILD.mkdir(exist_ok=True)
    write_licences(collect_licences(), LICENCES)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(ROOT / "packaging" / "rotation-advisor.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    app_dir = DIST / "rotation-advisor"
    for name in ("rotation-advisor.desktop.in", "install-desktop.sh"):
        shutil.copy2(ROOT / "packaging" / name, app_dir / name)
    shutil.copytree(ROOT / "resources" / "icons", app_dir / "icons", dirs_exist_ok=True)
    tarball = DIST / f"rotation-advisor-{__version__}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(app_dir, arcname=f"rotation-advisor-{__version__}")
    print(f"built {tarball.relative_to(ROOT)} ({tarball.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
