"""Edits through QGIS's own attribute form/table on the reports layer follow the panel's
path: valid ones queued in the outbox (and pushed), refused ones explained and not saved."""

from __future__ import annotations

from conftest import history, meta_of, my_reports
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY

from kmzb_qgis_plugin.core.api_client import StoreClient
from kmzb_qgis_plugin.core.layer_edits import EditGate
from kmzb_qgis_plugin.core.layers import reports_layer
from kmzb_qgis_plugin.core.push import push


def edit_and_commit(layer, edits) -> list:
    done = []
    gate = EditGate(layer, lambda saved, messages: done.append((saved, messages)))
    assert layer.startEditing()
    edits(layer)
    assert layer.commitChanges(), layer.commitErrors()
    gate.detach()
    assert len(done) == 1
    return done[0]


def set_values(layer, report_id: int, **values) -> None:
    for name, value in values.items():
        assert layer.changeAttributeValue(report_id, layer.fields().indexOf(name), value)


def test_form_edits_take_the_outbox_path(store, officer):
    ok, wrong_move, no_note, moved, deleted = my_reports(officer, store, 5)
    layer = reports_layer(officer.path, meta_of(officer))
    geometry_before = officer.stored_rows([moved])[0][1]

    def edits(layer):
        set_values(layer, ok, status="weryfikacja", last_note="Jadę na miejsce.")
        set_values(layer, wrong_move, status="wyeliminowane", last_note="Załatwione.")
        set_values(layer, no_note, status="potwierdzone")
        layer.changeGeometry(moved, QgsGeometry.fromPointXY(QgsPointXY(21.0, 52.2)))
        layer.deleteFeature(deleted)
        extra = QgsFeature(layer.fields())
        extra.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(20.05, 52.05)))
        layer.addFeature(extra)

    before = officer.report_count()
    saved, messages = edit_and_commit(layer, edits)

    assert saved == [ok]
    text = "\n".join(messages)
    assert f"Report {wrong_move}" in text and "does not allow" in text
    assert f"Report {no_note}" in text and "note is required" in text
    assert "moves are not saved" in text and "cannot be deleted" in text
    assert "new points are not saved" in text
    # the cache: only the valid change, marked pending and queued; the rest as it was
    assert [(c.report_id, c.status, c.note) for c in officer.outbox()] == [
        (ok, "weryfikacja", "Jadę na miejsce.")
    ]
    assert officer.report(ok)["status"] == "weryfikacja" and officer.report(ok)["pending"] == 1
    for report_id in (wrong_move, no_note, moved, deleted):
        assert officer.report(report_id)["status"] == "nowe"
        assert officer.report(report_id)["pending"] == 0
    assert officer.stored_rows([moved])[0][1] == geometry_before
    assert officer.report_count() == before
    layer.reload()
    assert layer.featureCount() == before
    assert layer.getFeature(ok)["status"] == "weryfikacja"

    assert push(StoreClient(store.url, store.tokens["dzielnicowy"]), officer).applied == 1
    assert history(store, ok)[-1]["note"] == "Jadę na miejsce."


def test_note_only_edit_in_the_table(store, officer):
    (report_id,) = my_reports(officer, store, 1)
    layer = reports_layer(officer.path, meta_of(officer))
    saved, messages = edit_and_commit(
        layer, lambda lyr: set_values(lyr, report_id, last_note="Patrol wysłany.")
    )
    assert saved == [report_id] and messages == []
    (change,) = officer.outbox()
    assert change.status is None and change.note == "Patrol wysłany."


def test_form_allows_only_status_and_note(store, officer):
    layer = reports_layer(officer.path, meta_of(officer))
    form = layer.editFormConfig()
    editable = {f.name() for i, f in enumerate(layer.fields()) if not form.readOnly(i)}
    assert editable == {"status", "last_note"}
