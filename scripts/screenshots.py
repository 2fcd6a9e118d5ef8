"""`make screenshots`: regenerate docs/img/*.png from the real QGIS under Xvfb.

The same setup as `make demo` (scripts/demo.py): a store with demo data, the demo users, a
throwaway Polish profile with the dzielnicowy's connection and the pulled project; then QGIS
on a private Xvfb display runs scripts/screenshots_app.py, which saves each view.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("KMZB_DEMO_DIR", str(ROOT / "build" / "screenshots"))
os.environ.setdefault("KMZB_DEMO_REPORTS", "20000")
sys.path.insert(0, str(ROOT / "scripts"))

import demo  # noqa: E402
import qgis_xvfb  # noqa: E402

IMAGES = ROOT / "docs" / "img"


def main() -> None:
    started = time.perf_counter()
    IMAGES.mkdir(parents=True, exist_ok=True)
    for stale in IMAGES.glob("briefing*.png"):  # a shorter briefing leaves no old page behind
        stale.unlink()
    demo.OUT.mkdir(parents=True, exist_ok=True)
    store, users, district = demo.start_store()
    try:
        name, token = users["dzielnicowy"]
        profile, env = demo.make_profile(store.url, token, name)
        env = {
            **env,
            "KMZB_SHOTS_DIR": str(IMAGES),
            "KMZB_SHOTS_WORK": str(demo.OUT),
            "KMZB_SHOTS_DISTRICT": district,
            "KMZB_SHOTS_ANALYST_TOKEN": users["analityk"][1],
        }
        with qgis_xvfb.xvfb("1600x1000x24") as display:
            run = qgis_xvfb.run_qgis(
                profile.parent.parent,
                ROOT / "scripts" / "screenshots_app.py",
                display,
                project=demo.OUT / "kmzb-demo.qgz",
                env=env,
                timeout=240,
                screenshot_dir=demo.OUT,
            )
        print("\n".join(line for line in run.stdout.splitlines() if "[shots]" in line))
        failed = IMAGES / "screenshots-failed.txt"
        if failed.exists():
            text = failed.read_text(encoding="utf-8")
            failed.unlink()
            raise SystemExit(f"screenshots failed inside QGIS:\n{text}")
    finally:
        store.stop()
    print(f"screenshots in {IMAGES} ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
