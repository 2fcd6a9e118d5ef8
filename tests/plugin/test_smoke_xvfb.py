"""Smoke test: the packaged zip in a fresh profile, the real `qgis` binary under Xvfb, and
checks made from inside the running application (tests/plugin/smoke_app.py)."""

from __future__ import annotations

import json
import shutil
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import package  # noqa: E402
import qgis_xvfb  # noqa: E402

import i18n  # noqa: E402  (scripts/ is not a package)

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("qgis")), reason="needs Xvfb and qgis"
)


def test_packaged_plugin_starts_in_real_qgis(tmp_path):
    started = time.monotonic()
    i18n.compile_qm()
    archive = package.build()
    profile = tmp_path / "profiles" / "default"
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True)
    zipfile.ZipFile(archive).extractall(plugins)
    qgis_xvfb.write_profile_settings(
        profile,
        {
            "PythonPlugins": {"kmzb_qgis_plugin": True},
            "locale": {"overrideFlag": True, "userLocale": "pl_PL", "globalLocale": "pl_PL"},
            "qgis": {"checkVersion": False},
            "core": {"NewsFeed\\httpsfeedqgisorg\\disabled": True},
        },
    )
    out = tmp_path / "report.json"
    script = Path(__file__).with_name("smoke_app.py")
    env = {
        **qgis_xvfb.os.environ,
        "KMZB_SMOKE_REPORT": str(out),
        "PYQGIS_STARTUP": str(script),
        "HOME": str(tmp_path),
    }
    with qgis_xvfb.xvfb() as display:
        run = qgis_xvfb.run_qgis(
            tmp_path, script, display, timeout=50, env=env, screenshot_dir=tmp_path
        )
    assert out.exists(), f"QGIS wrote no report (exit {run.returncode}):\n{run.stdout[-3000:]}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert "crash" not in result, result.get("crash")
    assert result["errors"] == [], "\n".join(result["errors"])

    assert result["active"]
    assert Path(result["plugin_file"]).resolve().is_relative_to(plugins.resolve())
    assert "Pobierz zgłoszenia" in result["actions"]  # the zip's Polish .qm is loaded
    assert "Wyślij weryfikacje" in result["actions"]
    assert result["toolbar"] and result["toolbar_visible"]
    assert result["dock"]
    assert "&KMZB" in result["menus"]
    assert result["provider"] == "KMZB"
    assert {"kmzb:pull_reports", "kmzb:push_verifications", "kmzb:briefing"} <= set(
        result["algorithms"]
    )
    assert time.monotonic() - started < 60
