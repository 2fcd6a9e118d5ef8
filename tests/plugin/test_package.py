"""`make package` output installs into a fresh profile and loads in QGIS; the plugin also
imports under QGIS's own Python (Debian's), not only in the venv."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import qgis.utils

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import package  # noqa: E402

import i18n  # noqa: E402  (scripts/ is not a package)


def test_zip_has_what_qgis_needs_and_nothing_else():
    i18n.compile_qm()
    path = package.build()
    names = zipfile.ZipFile(path).namelist()
    assert path.name == f"kmzb_qgis_plugin-{package.version()}.zip"
    top = {n.split("/")[0] for n in names}
    assert top == {"kmzb_qgis_plugin"}
    for required in (
        "__init__.py",
        "metadata.txt",
        "LICENSE",
        "i18n/kmzb_pl.qm",
        "resources/icon.svg",
    ):
        assert f"kmzb_qgis_plugin/{required}" in names, required
    assert not [n for n in names if "__pycache__" in n or n.endswith((".ts", ".pyc", ".gpkg"))]
    assert not [n for n in names if "/tests/" in n]
    metadata = zipfile.ZipFile(path).read("kmzb_qgis_plugin/metadata.txt").decode()
    for field in (
        "name",
        "qgisMinimumVersion=3.22",
        "qgisMaximumVersion=4.99",  # QGIS 4 (Qt6): make qt6-check holds the plugin to it
        "supportsQt6=True",
        "description",
        "about",
        "version",
        "author",
        "email",
        "repository",
        "tracker",
        "homepage",
        "tags",
        "category",
        "icon",
        "hasProcessingProvider=yes",
        "changelog",
    ):
        assert f"\n{field}" in metadata, field


def test_zip_loads_in_a_fresh_profile(qgis_iface, tmp_path, monkeypatch, qtbot):
    i18n.compile_qm()
    path = package.build()
    plugins = tmp_path / "profile" / "python" / "plugins"
    plugins.mkdir(parents=True)
    zipfile.ZipFile(path).extractall(plugins)
    for module in [m for m in sys.modules if m.startswith("kmzb_qgis_plugin")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(qgis.utils, "plugin_paths", [str(plugins)])
    monkeypatch.syspath_prepend(str(plugins))
    monkeypatch.setattr(qgis.utils, "iface", qgis_iface)
    # QGIS's import hook records a plugin's modules for unloadPlugin(); tests have no hook
    monkeypatch.setitem(qgis.utils._plugin_modules, "kmzb_qgis_plugin", set())
    assert qgis.utils.loadPlugin("kmzb_qgis_plugin")
    assert qgis.utils.startPlugin("kmzb_qgis_plugin")
    try:
        loaded = sys.modules["kmzb_qgis_plugin"]
        assert Path(loaded.__file__).resolve().parent == (plugins / "kmzb_qgis_plugin").resolve()
        from qgis.core import QgsApplication

        assert QgsApplication.processingRegistry().providerById("kmzb") is not None
    finally:
        assert qgis.utils.unloadPlugin("kmzb_qgis_plugin")
        qtbot.wait(10)  # let deleteLater() run before the next test counts widgets
    assert QgsApplication.processingRegistry().providerById("kmzb") is None


def test_imports_under_qgis_own_python():
    """QGIS runs plugins in Debian's python3 with Debian's shapely 1.8 and requests."""
    code = (
        "import requests, shapely; import kmzb_qgis_plugin.plugin, "
        "kmzb_qgis_plugin.gui.dock, kmzb_qgis_plugin.processing.pull_reports, "
        "kmzb_qgis_plugin.core.sync, kmzb_qgis_plugin.core.layers; "
        "print(shapely.__version__)"
    )
    out = subprocess.run(
        ["/usr/bin/python3", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin"},
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().startswith("1.8"), out.stdout
