"""Build dist/kmzb_qgis_plugin-<version>.zip for QGIS's "Install from ZIP".

The plugin folder with metadata.txt, resources, compiled .qm files and the licence; no
tests, caches, __pycache__, .ts sources or anything that could hold a secret.
"""

from __future__ import annotations

import configparser
import os
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "kmzb_qgis_plugin"
EXCLUDED_SUFFIXES = {".pyc", ".pyo", ".ts", ".gpkg", ".db", ".pem", ".orig", ".bak"}
EXCLUDED_PARTS = {"__pycache__", "tests", ".pytest_cache", ".ruff_cache"}


def version() -> str:
    meta = configparser.ConfigParser()
    meta.read(ROOT / "metadata.txt", encoding="utf-8")
    return meta["general"]["version"]


def plugin_files() -> list[tuple[Path, str]]:
    """(file on disk, name in the zip); symlinked folders are followed."""
    files = []
    for folder, _, names in os.walk(PLUGIN, followlinks=True):  # resources/, i18n/ are links
        for name in sorted(names):
            path = Path(folder) / name
            rel = path.relative_to(PLUGIN)
            if EXCLUDED_PARTS & set(rel.parts) or path.suffix in EXCLUDED_SUFFIXES:
                continue
            files.append((path, f"{PLUGIN.name}/{rel.as_posix()}"))
    files.append((ROOT / "LICENSE", f"{PLUGIN.name}/LICENSE"))
    return files


def build() -> Path:
    out = ROOT / "dist" / f"{PLUGIN.name}-{version()}.zip"
    out.parent.mkdir(exist_ok=True)
    names = [name for _, name in plugin_files()]
    if not any(name.endswith(".qm") for name in names):
        sys.exit("no compiled .qm files: run `make translations` first")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, name in plugin_files():
            archive.write(path, name)
    print(f"{out.relative_to(ROOT)}: {len(names)} files")
    return out


if __name__ == "__main__":
    build()
