"""Licences of the third-party libraries the application runs on, generated from metadata.

Source runs read the installed distributions' metadata; a packaged build ships the same list,
generated at build time, as `third_party_licenses.json` among its resources (a frozen app has no
installed metadata to read).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from desktop.data.paths import resources_dir

BUNDLED_FILE = "third_party_licenses.json"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True, slots=True)
class Licence:
    name: str
    version: str
    licence: str
    home_page: str


def third_party_licences() -> list[Licence]:
    """The bundled list when present (packaged builds), else the installed metadata."""
    bundled = resources_dir() / BUNDLED_FILE
    if bundled.exists():
        return read_licences(bundled)
    return collect_licences()


def collect_licences(root: str = "rotation-advisor") -> list[Licence]:
    """Every runtime dependency of `root`, transitively (extras excluded), sorted by name."""
    seen: dict[str, Licence] = {}
    pending = list(_runtime_requirements(root))
    while pending:
        name = pending.pop()
        key = _normalise(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = _describe(dist)
        pending.extend(_runtime_requirements(name))
    return sorted(seen.values(), key=lambda lic: lic.name.lower())


def write_licences(licences: list[Licence], path: Path) -> None:
    path.write_text(json.dumps([asdict(lic) for lic in licences], indent=1), encoding="utf-8")


def read_licences(path: Path) -> list[Licence]:
    return [Licence(**row) for row in json.loads(path.read_text(encoding="utf-8"))]


def _runtime_requirements(name: str) -> list[str]:
    try:
        requirements = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return []
    names = []
    for requirement in requirements:
        if "extra ==" in requirement.replace('extra=="', 'extra == "'):
            continue
        match = _NAME.match(requirement)
        if match:
            names.append(match.group(1))
    return names


def _describe(dist: metadata.Distribution) -> Licence:
    meta: Any = dist.metadata  # email.message.Message underneath: it has .get and .get_all
    licence = meta.get("License-Expression") or ""
    if not licence:
        classifiers = [
            c.split("::")[-1].strip()
            for c in meta.get_all("Classifier") or []
            if c.startswith("License ::") and c.split("::")[-1].strip() != "OSI Approved"
        ]
        licence = "; ".join(classifiers)
    if not licence:
        raw = (meta.get("License") or "").strip()
        licence = raw.splitlines()[0][:80] if raw else _licence_from_files(dist)
    home = meta.get("Home-page") or ""
    if not home:
        for url in meta.get_all("Project-URL") or []:
            home = url.split(",", 1)[-1].strip()
            break
    return Licence(name=meta["Name"], version=dist.version, licence=licence, home_page=home)


_LICENCE_TEXTS = (
    ("Permission is hereby granted, free of charge", "MIT"),
    ("Apache License", "Apache-2.0"),
    ("GNU LESSER GENERAL PUBLIC LICENSE", "LGPL"),
    ("GNU GENERAL PUBLIC LICENSE", "GPL"),
    ("Mozilla Public License", "MPL-2.0"),
    ("Redistribution and use in source and binary forms", "BSD"),
)


def _licence_from_files(dist: metadata.Distribution) -> str:
    """Name the licence from the text of the distribution's licence file, if it has one."""
    for name in dist.metadata.get_all("License-File") or []:
        text = dist.read_text(f"licenses/{name}") or dist.read_text(name) or ""
        for phrase, licence in _LICENCE_TEXTS:
            if phrase.lower() in text.lower():
                return f"{licence} (from its licence file)"
    return "unknown (see the project's home page)"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
