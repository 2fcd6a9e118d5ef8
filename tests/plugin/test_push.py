"""Pushing verifications to the real store: exactly once through lost answers and drops,
conflicts kept with the store's version, refusals kept with the reason."""

from __future__ import annotations

import pytest
from conftest import admin_change, history, meta_of, my_reports
from fault_proxy import FaultProxy

from kmzb_qgis_plugin.core import errors
from kmzb_qgis_plugin.core.api_client import StoreClient, make_retry
from kmzb_qgis_plugin.core.push import push
from kmzb_qgis_plugin.core.verify import ChangeRefused, save_changes


def test_save_validates_before_anything_is_stored(store, officer):
    meta = meta_of(officer)
    (report_id,) = my_reports(officer, store, 1)
    with pytest.raises(ChangeRefused, match="note"):
        save_changes(officer, meta, [report_id], "potwierdzone", "   ")
    with pytest.raises(ChangeRefused, match="does not allow"):
        save_changes(officer, meta, [report_id], "wyeliminowane", "x")
    assert officer.pending_count() == 0 and officer.report(report_id)["pending"] == 0


def test_answer_lost_after_commit_is_applied_exactly_once(store, officer):
    proxy = FaultProxy(store.url)
    try:
        (report_id,) = my_reports(officer, store, 1)
        save_changes(officer, meta_of(officer), [report_id], "weryfikacja", "Jadę na miejsce.")
        before = len(history(store, report_id))
        proxy.rule = lambda m, path, n: "forward_then_drop" if m == "POST" else "pass"
        client = StoreClient(proxy.url, store.tokens["dzielnicowy"], retry=make_retry(total=0))
        with pytest.raises(errors.StoreUnreachable):
            push(client, officer)
        assert officer.pending_count() == 1  # not confirmed: stays queued
        assert len(history(store, report_id)) == before + 1  # ...but the store applied it
        proxy.rule = lambda m, path, n: "pass"
        result = push(client, officer)
        assert result.applied == 1 and officer.pending_count() == 0
        assert len(history(store, report_id)) == before + 1  # the re-send changed nothing
        assert officer.report(report_id)["status"] == "weryfikacja"
        assert officer.report(report_id)["pending"] == 0
    finally:
        proxy.close()


def test_bulk_push_with_a_drop_mid_way(store, officer):
    ids = my_reports(officer, store, 2)
    save_changes(officer, meta_of(officer), ids, "zart_pomylka", "Zgłoszenie żartobliwe.")
    proxy = FaultProxy(store.url)
    try:
        # the store drops the POSTs until the push gives up: QGIS's network stack (Qt)
        # sends a request again when its connection drops before the answer
        away = [True]
        proxy.rule = lambda m, path, n: "drop" if m == "POST" and away[0] else "pass"
        client = StoreClient(proxy.url, store.tokens["dzielnicowy"], retry=make_retry(total=0))
        with pytest.raises(errors.StoreUnreachable):
            push(client, officer, batch_size=1)
        away[0] = False
        result = push(client, officer, batch_size=1)
    finally:
        proxy.close()
    assert result.applied == 2 and officer.pending_count() == 0
    for report_id in ids:
        changes = [h for h in history(store, report_id) if h.get("to_status") == "zart_pomylka"]
        assert len(changes) == 1


def test_two_changes_of_one_report_offline_go_out_in_order(store, officer):
    (report_id,) = my_reports(officer, store, 1)
    meta = meta_of(officer)
    save_changes(officer, meta, [report_id], "weryfikacja", None)
    save_changes(officer, meta, [report_id], "potwierdzone", "Potwierdzam, zaparkowane auta.")
    result = push(StoreClient(store.url, store.tokens["dzielnicowy"]), officer)
    assert result.applied == 2 and result.conflicts == 0
    assert [h["to_status"] for h in history(store, report_id)][-2:] == [
        "weryfikacja",
        "potwierdzone",
    ]


def test_conflict_keeps_both_versions_and_can_be_reapplied(store, officer):
    (report_id,) = my_reports(officer, store, 1)
    save_changes(officer, meta_of(officer), [report_id], "weryfikacja", "Moja notatka.")
    assert admin_change(store, report_id, "weryfikacja")["result"] == "applied"
    client = StoreClient(store.url, store.tokens["dzielnicowy"])
    result = push(client, officer)
    assert result.conflicts == 1
    (change,) = officer.outbox(("conflict",))
    assert "changed" in change.reason
    server = __import__("json").loads(
        officer.db.execute("SELECT server_state FROM kmzb_outbox").fetchone()[0]
    )
    assert server["properties"]["status"] == "weryfikacja"
    officer.resolve_conflict(change.op_id, reapply=False)
    assert officer.outbox(("pending", "conflict")) == []
    assert officer.report(report_id)["pending"] == 0
    assert officer.report(report_id)["revision"] == server["properties"]["revision"]


def test_conflict_reapplied_on_top_of_the_current_state(store, officer):
    (report_id,) = my_reports(officer, store, 1)
    save_changes(officer, meta_of(officer), [report_id], "niepotwierdzone", "Brak zagrożenia.")
    assert admin_change(store, report_id, "weryfikacja")["result"] == "applied"
    client = StoreClient(store.url, store.tokens["dzielnicowy"])
    assert push(client, officer).conflicts == 1
    (change,) = officer.outbox(("conflict",))
    assert officer.resolve_conflict(change.op_id, reapply=True)
    assert push(client, officer).applied == 1
    assert history(store, report_id)[-1]["to_status"] == "niepotwierdzone"


def test_forbidden_change_is_kept_with_the_reason(store, officer):
    """A report outside the officer's own districts (readable in his unit) is refused."""
    me = __import__("json").loads(officer.get_state("me"))
    marks = ",".join("?" * len(me["districts"]))
    (foreign,) = officer.db.execute(
        f"SELECT fid FROM reports WHERE status='nowe' AND district_id NOT IN ({marks}) LIMIT 1",
        me["districts"],
    ).fetchone()
    save_changes(officer, meta_of(officer), [foreign], "weryfikacja", None)
    result = push(StoreClient(store.url, store.tokens["dzielnicowy"]), officer)
    assert result.rejected == 1
    (change,) = officer.outbox(("rejected",))
    assert change.reason and officer.report(foreign)["pending"] == 1
