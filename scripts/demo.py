"""`make demo`: a store with realistic national demo data, three demo users, and QGIS with
the plugin in a throwaway profile (connection and credentials in that profile's auth
database, reports and districts pulled and styled, project in EPSG:2180).

Without a display it runs the same loop headless through qgis_process: pull, verify a
sample of reports as the dzielnicowy, push, district summary, briefing PDF; then prints
where the outputs are. The store it started is stopped when it ends.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
OUT = Path(os.environ.get("KMZB_DEMO_DIR", ROOT / "demo-output"))
REPORTS = int(os.environ.get("KMZB_DEMO_REPORTS", "100000"))
PROFILE = "default"  # qgis_process reads the "default" profile under QGIS_CUSTOM_CONFIG_PATH
CONNECTION = "KMZB demo"

from store_process import BenchStore  # noqa: E402


def say(text: str) -> None:
    print(f"[demo] {text}", flush=True)


def start_store() -> tuple[BenchStore, dict[str, tuple[str, str]], str]:
    """Fresh SQLite store with demo data; returns it, {role: (name, token)} and the
    dzielnicowy's district code."""
    folder = OUT / "store"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    store = BenchStore(folder)
    store.cli("init")
    started = time.perf_counter()
    store.cli("demo-data", "--reports", str(REPORTS), "--days", "60", "--seed", "1")
    say(f"store: {REPORTS:,} demo reports loaded in {time.perf_counter() - started:.0f} s")
    import sqlite3

    db = sqlite3.connect(folder / "store.db")
    district, unit = db.execute(
        "SELECT d.code, u.code FROM districts d JOIN units u ON u.id = d.unit_id "
        "JOIN reports r ON r.district_id = d.id WHERE u.code LIKE 'KMP-%' AND r.status='nowe' "
        "GROUP BY d.id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    province = db.execute(
        "SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code=?", (unit,)
    ).fetchone()[0]
    db.close()
    users = {
        "analityk": (
            "anna.analityk",
            store.cli("create-user", "anna.analityk", "--role", "analityk", "--unit", province),
        ),
        "dzielnicowy": (
            "jan.dzielnicowy",
            store.cli(
                "create-user", "jan.dzielnicowy", "--role", "dzielnicowy", "--district", district
            ),
        ),
        "kierownik": (
            "ewa.kierownik",
            store.cli("create-user", "ewa.kierownik", "--role", "kierownik", "--unit", unit),
        ),
    }
    users = {role: (name, out.splitlines()[-1]) for role, (name, out) in users.items()}
    store.start()
    say(f"store: {store.url} (API docs at {store.url}/api/v1/docs)")
    say(f"public map for residents: {store.url}/ (report there, verify in QGIS, reload)")
    say(
        f"users: analityk {users['analityk'][0]} ({province}), dzielnicowy "
        f"{users['dzielnicowy'][0]} (district {district}), kierownik {users['kierownik'][0]} "
        f"({unit})"
    )
    return store, users, district


def make_profile(store_url: str, token: str, user: str) -> tuple[Path, dict]:
    """A throwaway QGIS profile with the plugin, the connection, its credentials in the
    profile's auth database, and a project with the pulled layers."""
    config = OUT / "qgis"
    shutil.rmtree(config, ignore_errors=True)
    profile = config / "profiles" / PROFILE
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True)
    (plugins / "kmzb_qgis_plugin").symlink_to(ROOT / "kmzb_qgis_plugin")
    password_file = config / "master-password"
    password_file.write_text(secrets.token_urlsafe(24))
    password_file.chmod(0o600)
    env = {
        **os.environ,
        "QGIS_CUSTOM_CONFIG_PATH": str(config),
        "QGIS_AUTH_PASSWORD_FILE": str(password_file),
        "QGIS_AUTH_DB_DIR_PATH": str(profile),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
    code = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from scripts.demo_profile import build
build({str(profile)!r}, {store_url!r}, {token!r}, {user!r}, {CONNECTION!r},
      {str(OUT / "kmzb-demo.qgz")!r})
"""
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return profile, env


def run_algorithm(algorithm: str, env: dict, **params: str) -> None:
    """One kmzb algorithm through qgis_process.bin (the wrapper adds --noversioncheck)."""
    args = [f"{name}={value}" for name, value in {"CONNECTION": CONNECTION, **params}.items()]
    out = subprocess.run(
        ["qgis_process.bin", "run", algorithm, "--", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    say(f"qgis_process {algorithm}:\n" + out.stdout[-600:] + out.stderr[-600:])
    if out.returncode:
        raise SystemExit(f"headless {algorithm} failed")


def headless_loop(env: dict, district: str) -> list[Path]:
    """Pull, verify a sample as the dzielnicowy, push, load per district, brief — through
    qgis_process; returns the files written."""
    run_env = {**env, "QT_QPA_PLATFORM": "offscreen"}
    run_algorithm("kmzb:pull_reports", run_env)
    code = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
from qgis.core import QgsApplication
app = QgsApplication([], False); app.initQgis()
from kmzb_qgis_plugin.core import settings
from kmzb_qgis_plugin.core.cache import Cache
from kmzb_qgis_plugin.core.model import Meta
from kmzb_qgis_plugin.core.verify import save_changes
cache = Cache(settings.cache_path(settings.connection({CONNECTION!r})))
me = json.loads(cache.get_state("me"))
meta = Meta.from_json(json.loads(cache.get_state("meta")))
marks = ",".join("?" * len(me["districts"]))
ids = [r[0] for r in cache.db.execute(
    f"SELECT fid FROM reports WHERE status='nowe' AND district_id IN ({{marks}}) LIMIT 5",
    me["districts"])]
save_changes(cache, meta, ids, "weryfikacja", "Podjęte przez dzielnicowego (demo).")
print("queued", len(ids), "verifications")
"""
    out = subprocess.run(
        [sys.executable, "-c", code], env=run_env, capture_output=True, text=True, check=True
    )
    say(out.stdout.strip())
    run_algorithm("kmzb:push_verifications", run_env)
    today = datetime.now(UTC).date()
    start = (today - timedelta(days=30)).isoformat()
    load = OUT / "obciazenie-rejonow.gpkg"
    run_algorithm("kmzb:district_summary", run_env, SUBMITTED_FROM=start, OUTPUT=str(load))
    pdf, png = OUT / "odprawa.pdf", OUT / "odprawa.png"
    run_algorithm(
        "kmzb:briefing",
        run_env,
        DISTRICT=district,
        FROM=start,
        TO=today.isoformat(),
        OUTPUT_PDF=str(pdf),
        OUTPUT_PNG=str(png),
    )
    return [load, pdf, png]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    store, users, district = start_store()
    try:
        name, token = users["dzielnicowy"]
        profile, env = make_profile(store.url, token, name)
        say(f"QGIS profile: {profile} (credentials in its auth database)")
        say(f"project: {OUT / 'kmzb-demo.qgz'} (EPSG:2180)")
        if os.environ.get("DISPLAY") and not os.environ.get("KMZB_DEMO_HEADLESS"):
            say("starting QGIS; close it to stop the demo store")
            subprocess.run(
                [
                    "qgis",
                    "--profiles-path",
                    str(profile.parent.parent),  # QGIS adds "profiles/"
                    "--profile",
                    PROFILE,
                    "--noversioncheck",
                    str(OUT / "kmzb-demo.qgz"),
                ],
                env={k: v for k, v in env.items() if k != "QT_QPA_PLATFORM"},
                check=False,
            )
        else:
            say("no display: running the loop headless through qgis_process")
            for path in headless_loop(env, district):
                say(f"output: {path}")
        say(f"outputs: {OUT}")
    finally:
        store.stop()
        say("store stopped")


if __name__ == "__main__":
    main()
