"""Exactly once through crashes: QGIS (a real process running the plugin's push) or the
store SIGKILLed at each moment of a push; after restart every change is applied once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import history, meta_of, my_reports, start_store
from fault_proxy import FaultProxy

from kmzb_qgis_plugin.core import errors
from kmzb_qgis_plugin.core.api_client import StoreClient, make_retry
from kmzb_qgis_plugin.core.cache import Cache
from kmzb_qgis_plugin.core.push import push
from kmzb_qgis_plugin.core.sync import pull
from kmzb_qgis_plugin.core.verify import save_changes

WORKER = Path(__file__).resolve().parents[1] / "push_worker.py"


def applied_notes(store, report_id: int, note: str) -> int:
    return sum(1 for h in history(store, report_id) if h.get("note") == note)


def post_counter(hold_at: int, hold: str):
    """A proxy rule: the hold_at-th POST (0-based) is held, earlier ones pass."""
    posts = []

    def rule(method, path, n):
        if method != "POST":
            return "pass"
        posts.append(path)
        return hold if len(posts) - 1 == hold_at else "pass"

    return rule


# moment -> (rule, batch size, how many of the 3 changes the store has when QGIS dies,
#            how many the killed QGIS had already confirmed)
MOMENTS = {
    "before_the_batch_reached_the_store": (post_counter(0, "hold_request"), 500, 0, 0),
    "after_the_store_committed_before_its_answer": (post_counter(0, "hold_answer"), 500, 3, 0),
    "in_the_middle_of_a_batch_series": (post_counter(1, "hold_answer"), 1, 2, 1),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_qgis_killed_mid_push(store, officer, moment):
    rule, batch_size, on_store, confirmed = MOMENTS[moment]
    note = f"Sprawdzone ({moment})."
    ids = my_reports(officer, store, 3)
    save_changes(officer, meta_of(officer), ids, "weryfikacja", note)
    proxy = FaultProxy(store.url)
    proxy.rule, proxy.drop_held = rule, True
    args = (officer.path, proxy.url, store.tokens["dzielnicowy"], batch_size)
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert proxy.held.wait(60), worker.communicate(timeout=5)[0]
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(30) == -signal.SIGKILL
    finally:
        proxy.close()
    assert sum(applied_notes(store, i, note) for i in ids) == on_store
    assert officer.pending_count() == 3 - confirmed  # the cache survived the kill

    result = push(StoreClient(store.url, store.tokens["dzielnicowy"]), officer)  # restart

    assert result.applied == 3 - confirmed and officer.pending_count() == 0
    assert [applied_notes(store, i, note) for i in ids] == [1, 1, 1]
    assert all(officer.report(i)["status"] == "weryfikacja" for i in ids)


def test_store_killed_at_any_moment_of_a_push(tmp_path):
    """The store SIGKILLed while a push of 40 changes in batches of 10 is running, at
    several moments; after its restart the next push applies every change exactly once."""
    store = start_store(tmp_path / "store")
    cache = Cache(tmp_path / "officer.gpkg")
    try:
        pull(StoreClient(store.url, store.tokens["dzielnicowy"]), cache)
        ids = my_reports(cache, store, 40)
        interrupted = []
        for round_, delay in enumerate((0.0, 0.02, 0.05, 0.15)):
            note = f"Runda {round_}: sprawdzone."
            save_changes(cache, meta_of(cache), ids, None, note)
            client = StoreClient(store.url, store.tokens["dzielnicowy"], retry=make_retry(0))
            outcome: list = []

            def run(client=client, outcome=outcome):
                own = Cache(cache.path)  # like the push QgsTask: its own connection
                try:
                    outcome.append(push(client, own, batch_size=10))
                except errors.KmzbError as exc:
                    outcome.append(exc)
                finally:
                    own.close()

            pushing = threading.Thread(target=run)
            pushing.start()
            time.sleep(delay)
            store.kill()
            pushing.join(60)
            assert not pushing.is_alive() and len(outcome) == 1
            interrupted.append(isinstance(outcome[0], errors.StoreUnreachable))
            store.start()
            push(StoreClient(store.url, store.tokens["dzielnicowy"]), cache)
            assert cache.pending_count() == 0
            assert [applied_notes(store, i, note) for i in ids] == [1] * len(ids), delay
        assert interrupted[0]  # killed before or during the push: it failed, then resumed
    finally:
        cache.close()
        store.close()
