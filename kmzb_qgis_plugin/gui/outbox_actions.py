"""The controller's actions on the outbox: refused threats and conflicts, shown, resent,
dismissed or resolved (a part of gui/controller.py's Controller)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..i18n import tr

if TYPE_CHECKING:
    from .controller import Controller


class OutboxActions:
    """Mixed into Controller: uses its cache access, messages and push."""

    def outbox_problems(self: Controller) -> list:
        return self._with_cache(lambda c: c.outbox(("rejected", "conflict")), [])

    def refused_threats(self: Controller) -> list:
        """Police-sourced threats the store refused, with its reason."""
        return self._with_cache(lambda c: c.new_threats(("rejected",)), [])

    def resend_threat(self: Controller, op_id: str, dialog_exec=None) -> int | None:
        """A refused threat back in its dialog; saved: sent again as a new threat (a new
        op_id) and the refused one dismissed. The new local id, or None."""
        from qgis.PyQt.QtWidgets import QDialog

        from .threat_tool import ThreatDialog

        meta = self.meta()
        refused = {t.op_id: t for t in self.refused_threats()}.get(op_id)
        if meta is None or refused is None:
            return None
        item = refused.item
        dialog = ThreatDialog(meta, item["lon"], item["lat"], self.iface.mainWindow())
        dialog.fill(item)
        if (dialog_exec or QDialog.exec)(dialog) != QDialog.DialogCode.Accepted:
            return None
        local_id = self._with_cache(lambda c: c.record_new_threat(dialog.item()))
        if local_id is not None:
            self._with_cache(lambda c: c.dismiss_new_threat(op_id))
            self._queued(1)
        return local_id

    def dismiss_threat(self: Controller, op_id: str) -> None:
        self._with_cache(lambda c: c.dismiss_new_threat(op_id))
        self._changed()

    def describe_problem(self: Controller, op_id: str) -> str:
        """Both versions side by side, as plain text, for a conflict or a refusal."""
        change = self._with_cache(lambda cache: cache.outbox_change(op_id))
        if change is None:
            return ""
        lines = [
            tr("Report {}: {}").format(change.report_id, change.reason or change.state),
            "",
            tr("Yours: status {}, note: {}").format(change.status or "—", change.note or "—"),
        ]
        if change.server_state:
            props = (json.loads(change.server_state) or {}).get("properties", {})
            lines.append(
                tr("The store's: status {}, note: {} (revision {})").format(
                    props.get("status", "?"),
                    props.get("last_note") or "—",
                    props.get("revision", "?"),
                )
            )
        return "\n".join(lines)

    def resolve(self: Controller, op_id: str, reapply: bool) -> None:
        self._with_cache(lambda c: c.resolve_conflict(op_id, reapply))
        self._changed()
        if reapply:
            self.push()
