"""Notes after a pull inside a real QgsApplication against the real store: new reports in
the officer's own district and deadlines within 12 h, told once, with a Show button and a
count on the Verify tab."""

from __future__ import annotations

import re

from conftest import submit

DEADLINE = r"(⚠ overdue by \d+ (min|h|days?)|\d+ (min|h) left|(take up|verify) by \S+ \d\d:\d\d)"


def pull_and_listen(controller, qtbot) -> list[list[int]]:
    """One background-style pull; the notes it gave (a list of id lists)."""
    told: list[list[int]] = []
    controller.notifier.noticed.connect(told.append)
    finished = []
    controller.pull_finished.connect(lambda r, e: finished.append(e))
    assert controller.pull(controller.last_filters(), quiet=True) is not None
    qtbot.waitUntil(lambda: bool(finished), timeout=30000)
    assert finished == [None]
    controller.notifier.noticed.disconnect(told.append)
    return told


def test_new_reports_in_my_district_are_told_once_with_show(store, pulled_plugin, qtbot):
    plugin = pulled_plugin("dzielnicowy", "Rewir")
    controller, dock = plugin.controller, plugin.dock
    mine = [submit(store, 20.05, 52.05), submit(store, 20.03, 52.07)]  # D-A1-1
    submit(store, 20.15, 52.05)  # D-A1-2: the unit's, not his
    assert pull_and_listen(controller, qtbot) == [sorted(mine)]
    verify_tab = dock.tabs.indexOf(dock.verify)
    assert dock.tabs.tabText(verify_tab) == "Verify (2)"
    controller.notifier.show_button.click()
    layer = controller.reports_layer()
    assert sorted(layer.selectedFeatureIds()) == sorted(mine)
    assert dock.tabs.tabText(verify_tab) == "Verify"
    assert pull_and_listen(controller, qtbot) == []  # already told: no note
    queue = dock.verify.queue  # the deadline column as a person says it
    said = {queue.item(row, 3).text() for row in range(queue.rowCount())}
    assert said and all(re.fullmatch(DEADLINE, text) for text in said), said


def test_a_deadline_within_12_h_is_told_once(store, pulled_plugin, qtbot):
    plugin = pulled_plugin("dzielnicowy", "Rewir")
    controller, dock = plugin.controller, plugin.dock
    store.run_cli("config", "take_up_hours", "6")
    try:
        urgent = submit(store, 20.06, 52.06)
    finally:
        store.run_cli("config", "take_up_hours", "48")
    told = pull_and_listen(controller, qtbot)
    assert told == [[urgent]]
    assert dock.tabs.tabText(dock.tabs.indexOf(dock.verify)) == "Verify (1)"
    dock.tabs.setCurrentWidget(dock.verify)  # looked at: the count goes
    assert dock.tabs.tabText(dock.tabs.indexOf(dock.verify)) == "Verify"
    assert pull_and_listen(controller, qtbot) == []
