"""Property-based proof of exactly-once: random sequences of edits, pushes, dropped
connections, lost answers, 503s, retries and pulls against the real store; afterwards the
store's history of each report equals the model — nothing lost, nothing doubled, in order."""

from __future__ import annotations

import contextlib
import itertools

import pytest
from conftest import history, meta_of, my_reports
from fault_proxy import FaultProxy
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from kmzb_qgis_plugin.core import errors
from kmzb_qgis_plugin.core.api_client import StoreClient, make_retry
from kmzb_qgis_plugin.core.cache import Cache
from kmzb_qgis_plugin.core.push import push
from kmzb_qgis_plugin.core.sync import pull
from kmzb_qgis_plugin.core.verify import save_changes

REPORTS_PER_RUN = 3
FAULTS = ("drop", "forward_then_drop", "status:503")


def make_machine(store, workdir):
    runs = itertools.count()
    notes = itertools.count()

    class OfficerDay(RuleBasedStateMachine):
        """One officer's cache; the model is what the officer saved, per report."""

        def __init__(self):
            super().__init__()
            self.cache = Cache(workdir / f"run{next(runs)}.gpkg")
            self.token = store.tokens["dzielnicowy"]
            pull(StoreClient(store.url, self.token), self.cache)
            self.ids = my_reports(self.cache, store, REPORTS_PER_RUN)
            self.meta = meta_of(self.cache)
            self.status = dict.fromkeys(self.ids, "nowe")
            self.sent: dict[int, list[tuple[str, str | None]]] = {i: [] for i in self.ids}
            self.proxy = FaultProxy(store.url)
            self.client = StoreClient(store.url, self.token)
            self.faulty = StoreClient(self.proxy.url, self.token, retry=make_retry(total=0))

        @rule(data=st.data(), which=st.integers(0, REPORTS_PER_RUN - 1))
        def edit(self, data, which):
            report_id = self.ids[which]
            current = self.status[report_id]
            targets = sorted(t for f, t in self.meta.transitions if f == current)
            target = data.draw(st.sampled_from([None, *targets]), label="status")
            needs_note = target is None or self.meta.status(target).note_required
            with_note = needs_note or data.draw(st.booleans(), label="note")
            note = f"Notatka {next(notes)}" if with_note else None
            save_changes(self.cache, self.meta, [report_id], target, note)
            self.status[report_id] = target or current
            self.sent[report_id].append((target or current, note))

        @rule(batch_size=st.sampled_from([1, 2, 500]))
        def push(self, batch_size):
            push(self.client, self.cache, batch_size=batch_size)

        @rule(fault=st.sampled_from(FAULTS), after=st.integers(0, 2))
        def push_through_a_fault(self, fault, after):
            """The after-th POST meets the fault; retries are off so it surfaces."""
            self.proxy.rule = lambda m, path, n: (
                fault
                if m == "POST" and sum(r[0] == "POST" for r in self.proxy.requests) == after
                else "pass"
            )
            self.proxy.requests.clear()
            with contextlib.suppress(errors.StoreUnreachable, errors.StoreError):
                push(self.faulty, self.cache, batch_size=1)

        @rule()
        def pull(self):
            pull(self.client, self.cache)

        @invariant()
        def local_edits_survive(self):
            for report_id in self.ids:
                assert self.cache.report(report_id)["status"] == self.status[report_id]

        def teardown(self):
            try:
                push(self.client, self.cache)
                assert self.cache.pending_count() == 0
                assert self.cache.outbox(("rejected", "conflict")) == []
                for report_id in self.ids:
                    mine = [
                        (h["to_status"], h["note"])
                        for h in history(store, report_id)
                        if h.get("by") == "dzielnicowy"
                    ]
                    assert mine == self.sent[report_id]
            finally:
                self.client.close()
                self.faulty.close()
                self.proxy.close()
                self.cache.close()

    return OfficerDay


def test_exactly_once_under_random_faults(store, tmp_path):
    machine = make_machine(store, tmp_path)
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=12,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )


@pytest.mark.parametrize("fault", FAULTS)
def test_every_fault_kind_is_typed(store, officer, fault):
    """The faults the model throws surface as the typed errors it expects."""
    proxy = FaultProxy(store.url)
    try:
        (report_id,) = my_reports(officer, store, 1)
        save_changes(officer, meta_of(officer), [report_id], "weryfikacja", None)
        proxy.rule = lambda m, path, n: fault if m == "POST" else "pass"
        client = StoreClient(proxy.url, store.tokens["dzielnicowy"], retry=make_retry(total=0))
        with pytest.raises((errors.StoreUnreachable, errors.StoreError)):
            push(client, officer)
        assert officer.pending_count() == 1
    finally:
        proxy.close()
