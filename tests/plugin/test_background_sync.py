"""Background sync inside a real QgsApplication against the real store: new reports reach
the cache by themselves; a store that is down gets one message and quiet retries at growing
intervals, and the waiting changes go out when it answers again."""

from __future__ import annotations

import pytest
from conftest import history, submit
from fault_proxy import FaultProxy

from kmzb_qgis_plugin.core import api_client, settings


@pytest.fixture
def said(monkeypatch):
    """Every message the plugin shows in the message bar, as (text, level)."""
    from kmzb_qgis_plugin.gui.controller import Controller

    shown: list[tuple[str, object]] = []
    original = Controller.message

    def record(self, text, level=None):
        shown.append((text, level))
        return original(self, text) if level is None else original(self, text, level)

    monkeypatch.setattr(Controller, "message", record)
    return shown


def test_new_reports_arrive_by_themselves(store, pulled_plugin, qtbot, said):
    settings.set_sync_interval_s(0.5)
    plugin = pulled_plugin("dzielnicowy", "Rewir")
    controller = plugin.controller
    assert controller.sync.timer.isActive()  # armed after the user's own pull
    said.clear()
    report_id = submit(store)
    qtbot.waitUntil(lambda: controller.cached_report(report_id) is not None, timeout=20000)
    runs = []
    controller.sync.ran.connect(runs.append)
    qtbot.waitUntil(lambda: len(runs) >= 2, timeout=20000)  # idle runs: nothing to say
    assert runs == [None] * len(runs)
    assert not [text for text, _ in said if "Pulled" in text or "answer" in text]
    layer = controller.reports_layer()
    assert layer is not None and layer.getFeature(report_id).isValid()


def test_switched_off_it_does_nothing(store, pulled_plugin, qtbot):
    settings.set_sync_interval_s(0.3)
    plugin = pulled_plugin("dzielnicowy", "Rewir")
    plugin.dock.auto_sync.setChecked(False)
    assert not settings.sync_enabled() and not plugin.controller.sync.timer.isActive()
    report_id = submit(store)
    qtbot.wait(1500)
    assert plugin.controller.cached_report(report_id) is None
    plugin.dock.auto_sync.setChecked(True)
    assert plugin.controller.sync.timer.isActive()
    assert settings.sync_interval_s() == 60 * plugin.dock.sync_minutes.value()


def test_store_down_one_message_quiet_backoff_then_the_outbox_goes(
    store, pulled_plugin, qtbot, said, monkeypatch
):
    original_retry = api_client.make_retry
    monkeypatch.setattr(api_client, "make_retry", lambda: original_retry(total=0))
    proxy = FaultProxy(store.url)
    try:
        settings.set_sync_interval_s(0.2)
        plugin = pulled_plugin("dzielnicowy", "Rewir")
        controller = plugin.controller
        conn = settings.connection("Rewir")
        settings.save_connection(settings.Connection("Rewir", proxy.url, conn.authcfg))
        report_id = submit(store)
        controller.sync.tick()  # the new report is pulled through the proxy
        qtbot.waitUntil(lambda: controller.cached_report(report_id) is not None, timeout=20000)
        proxy.rule = lambda method, path, n: "drop"
        controller.with_cache(lambda c: c.record_changes([report_id], "weryfikacja", "Jadę."))
        said.clear()
        delays = []  # the wait after each failed background pull
        controller.sync.ran.connect(
            lambda error: error and delays.append(controller.sync.schedule.delay)
        )
        qtbot.waitUntil(lambda: len(delays) >= 4, timeout=30000)
        down = [text for text, _ in said if "does not answer" in text]
        assert len(down) == 1, said  # one message, then quiet
        assert delays[:4] == pytest.approx([0.4, 0.8, 1.6, 3.2])
        assert controller.pending_count() == 1
        before = len(history(store, report_id))
        proxy.rule = lambda method, path, n: "pass"
        controller.sync.tick()  # rather than wait out the back-off
        qtbot.waitUntil(lambda: controller.pending_count() == 0, timeout=20000)
        assert any("answers again" in text for text, _ in said)
        assert len(history(store, report_id)) == before + 1
        assert controller.sync.schedule.failures == 0
        assert controller.cached_report(report_id)["status"] == "weryfikacja"
    finally:
        proxy.close()
