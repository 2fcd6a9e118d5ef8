"""Edits made with QGIS's own attribute form or table on a reports layer take the same path
as the verification panel: each report's new status and note are checked against the store's
rules and queued in the outbox with the cached report, in one transaction.

The cache stays the source of truth: QGIS commits its edit buffer to the GeoPackage as usual,
and right after it the reports it touched are put back as they were plus the changes that
were queued. So a refused transition, a note missing for an outcome, a moved point, a deleted
or an added report never reach the cache; each is explained to the officer.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QTimer

from ..i18n import tr
from .cache import Cache
from .session import session
from .verify import save_each

EDITABLE = ("status", "last_note")


def cache_path_of(layer: QgsVectorLayer) -> Path:
    return Path(layer.source().split("|", 1)[0])


def officer_edits(layer: QgsVectorLayer, cache: Cache) -> dict[int, tuple[str | None, str | None]]:
    """report id -> (new status or None, new note or None) from the layer's edit buffer."""
    fields = layer.fields()
    names = {fields.indexOf(name): name for name in EDITABLE}
    edits: dict[int, tuple[str | None, str | None]] = {}
    buffer = layer.editBuffer()
    if buffer is None:  # not in editing mode: nothing edited
        return edits
    for fid, values in buffer.changedAttributeValues().items():
        report = cache.report(int(fid))
        if report is None:
            continue
        new = {names[i]: _text(v) for i, v in values.items() if i in names}
        status = new.get("status")
        note = new.get("last_note")
        status = None if status in (None, report["status"]) else status
        note = None if note in (None, report["last_note"]) else note
        if status or note:
            edits[int(fid)] = (status, note)
    return edits


def _text(value) -> str | None:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return str(value).strip() or None


class EditGate:
    """Watches one reports layer; ``on_done(saved_ids, messages)`` after each commit."""

    def __init__(self, layer: QgsVectorLayer, on_done: Callable[[list[int], list[str]], None]):
        self.layer = layer
        self.on_done = on_done
        self._reset()
        layer.beforeCommitChanges.connect(self._before_commit)
        layer.afterCommitChanges.connect(self._restore)

    def _reset(self) -> None:
        self.snapshot: list[tuple] = []
        self.saved: list[int] = []
        self.messages: list[str] = []
        self.restore_due = False

    def detach(self) -> None:
        for signal, slot in (
            (self.layer.beforeCommitChanges, self._before_commit),
            (self.layer.afterCommitChanges, self._restore),
        ):
            with contextlib.suppress(TypeError, RuntimeError):  # already gone with the layer
                signal.disconnect(slot)

    def _before_commit(self, *_args) -> None:
        self._reset()
        buffer = self.layer.editBuffer()
        if buffer is None:  # only emitted while editing; nothing to do otherwise
            return
        moved = set(buffer.changedGeometries())
        deleted = set(buffer.deletedFeatureIds())
        touched = moved | deleted | set(buffer.changedAttributeValues())
        cache = Cache(cache_path_of(self.layer))
        try:
            self.snapshot = cache.stored_rows(touched)
            meta = session(cache).meta
            edits = officer_edits(self.layer, cache)
            if meta and edits:
                self.saved, self.messages = save_each(cache, meta, edits)
            elif edits:
                self.messages.append(tr("Pull reports first."))
        finally:
            cache.close()
        if moved:
            self.messages.append(tr("Report locations come from residents; moves are not saved."))
        if deleted:
            self.messages.append(tr("Reports cannot be deleted; {} kept.").format(len(deleted)))
        added = list(buffer.addedFeatures())
        if added:
            self.layer.deleteFeatures(added)  # out of the buffer: never committed
            self.messages.append(tr("Reports come only from residents; new points are not saved."))
        self.restore_due = True
        QTimer.singleShot(0, self._restore)  # also when the commit fails half-way

    def _restore(self) -> None:
        """Put the touched reports back as the cache had them, plus the queued changes."""
        if not self.restore_due:
            return
        cache = Cache(cache_path_of(self.layer))
        try:
            with cache.transaction():
                cache.write_rows(self.snapshot, keep_pending=False)
                cache.show_waiting_changes([row[0] for row in self.snapshot])
        finally:
            cache.close()
        saved, messages = self.saved, self.messages
        self._reset()
        self.on_done(saved, messages)
