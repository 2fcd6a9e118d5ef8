"""Issue 15 figures: (1) time from a resident's report (POST /public/reports to the real
store) to the officer's note in QGIS, with the background sync's timer at INTERVAL seconds;
(2) CPU of the idle timer per hour (nothing changes in the store): the QGIS process's CPU
time over IDLE minutes with the timer on, beside the same process with it off (the
reference), scaled to an hour; the store's CPU for the idle pulls too.

    .venv/bin/python bench/bench_officer_day.py [INTERVAL=60] [ROUNDS=3] [IDLE_MINUTES=5]

Runs the plugin's Controller (background sync + notifier) in a real QgsApplication
(offscreen) against a real SQLite store on loopback with the tests' fixture data, as the
dzielnicowy of district D-A1-1.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = Path(tempfile.mkdtemp(prefix="kmzb-bench-day-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = str(TMP / "config")  # QgsSettings of this run only
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "store")]

import requests  # noqa: E402
from fixture_data import district_center, fixture_data  # noqa: E402
from qgis.core import QgsApplication  # noqa: E402
from qgis.gui import QgsMapCanvas, QgsMessageBar  # noqa: E402
from qgis.PyQt.QtCore import QEventLoop, QTimer  # noqa: E402
from qgis.PyQt.QtWidgets import QMainWindow  # noqa: E402
from store_server import StoreServer  # noqa: E402

from kmzb_qgis_plugin.core import settings  # noqa: E402
from kmzb_qgis_plugin.core.qgis_network import StoreAccess  # noqa: E402


class Iface:
    """What the Controller asks of QGIS's iface."""

    def __init__(self) -> None:
        self.window = QMainWindow()
        self.bar = QgsMessageBar(self.window)
        self.canvas = QgsMapCanvas(self.window)

    def messageBar(self):
        return self.bar

    def mapCanvas(self):
        return self.canvas

    def mainWindow(self):
        return self.window


def wait(seconds: float) -> None:
    """Let Qt run (timers, tasks' signals) for a while without spinning."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def wait_until(condition, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while not condition() and time.monotonic() < end:
        wait(0.05)
    return condition()


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process and its reaped children (/proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def main(interval: float, rounds: int, idle_minutes: float) -> None:
    app = QgsApplication([], True, str(TMP / "profile"))  # settings, cache: this run only
    app.initQgis()
    server = StoreServer(db_url=f"sqlite:///{TMP / 'store.db'}", tmp_path=TMP)
    server.load_fixture(fixture_data())
    token = server.create_user("dzielnicowy", "dzielnicowy", districts=["D-A1-1"])
    from kmzb_qgis_plugin.gui.controller import Controller

    class BenchController(Controller):
        def access(self, conn, quiet=False):  # the token without an auth database
            return StoreAccess(conn.url, token)

    settings.save_connection(settings.Connection("bench", server.url, "none"))
    settings.set_active_connection("bench")
    settings.set_sync_interval_s(interval)
    settings.set_sync_enabled(True)
    controller = BenchController(Iface())
    assert str(settings.cache_dir()).startswith(str(TMP)), settings.cache_dir()
    done = []
    controller.pull_finished.connect(lambda r, e: done.append(e))
    controller.pull()
    assert wait_until(lambda: bool(done), 120) and done[0] is None, done
    told: dict[int, float] = {}
    controller.notifier.noticed.connect(lambda ids: told.update({i: time.monotonic() for i in ids}))
    lon, lat = district_center("D-A1-1")
    latencies = []
    for n in range(rounds):
        wait(random.uniform(0, interval))  # a report comes at any moment of the cycle
        t0 = time.monotonic()
        answer = requests.post(
            f"{server.api}/public/reports",
            json={"category": "alkohol", "lon": lon, "lat": lat},
            headers={"X-Forwarded-For": f"198.51.100.{n + 1}"},
            timeout=30,
        )
        report_id = answer.json()["id"]
        assert wait_until(lambda: report_id in told, interval * 3 + 30), "no note"  # noqa: B023
        latencies.append(told[report_id] - t0)
        print(f"report {report_id}: noted after {latencies[-1]:.1f} s", flush=True)
    print(
        f"submission -> note, timer {interval:g} s, {rounds} reports: mean "
        f"{sum(latencies) / len(latencies):.1f} s, max {max(latencies):.1f} s "
        f"(expected: at most one interval plus one pull)"
    )

    seconds = idle_minutes * 60
    figures = {}
    for label, enabled in (("timer off (reference)", False), ("timer on", True)):
        settings.set_sync_enabled(enabled)
        controller.sync.apply_settings()
        runs = []
        controller.sync.ran.connect(runs.append)
        cpu0, store0, t0 = time.process_time(), process_cpu(server.proc.pid), time.monotonic()
        wait(seconds)
        cpu = time.process_time() - cpu0
        store = process_cpu(server.proc.pid) - store0
        elapsed = time.monotonic() - t0
        controller.sync.ran.disconnect(runs.append)
        figures[label] = cpu
        print(
            f"{label}: {len(runs)} idle pulls in {elapsed:.0f} s; QGIS process CPU "
            f"{cpu:.2f} s = {cpu * 3600 / elapsed:.1f} s/h; store CPU "
            f"{store * 3600 / elapsed:.1f} s/h"
        )
    extra = (figures["timer on"] - figures["timer off (reference)"]) * 3600 / seconds
    print(f"idle timer at {interval:g} s: {extra:.1f} CPU s per hour in QGIS beyond the reference")
    controller.close()
    server.close()
    app.exitQgis()


if __name__ == "__main__":
    args = [float(a) for a in sys.argv[1:]]
    interval, rounds, idle = (args + [60, 3, 5][len(args) :])[:3]
    main(interval, int(rounds), idle)
