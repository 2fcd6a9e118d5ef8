"""kmzb:push_verifications — send the outbox of a connection to the store."""

from __future__ import annotations

from qgis.core import QgsProcessingOutputNumber

from ..core.push import push
from ..i18n import tr
from .common import (
    CONNECTION,
    SyncAlgorithm,
    connection_parameter,
    resolve_connection,
    run_on_store,
)


class PushVerificationsAlgorithm(SyncAlgorithm):
    APPLIED, CONFLICTS, REJECTED, WAITING = "APPLIED", "CONFLICTS", "REJECTED", "WAITING"

    def name(self) -> str:
        return "push_verifications"

    def displayName(self) -> str:
        return tr("Send verifications")

    def shortHelpString(self) -> str:
        return tr(
            "Sends every verification waiting in the outbox of a KMZB connection. A "
            "change leaves the outbox only once the store confirmed it; conflicts and "
            "refusals stay there with the store's reason."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(connection_parameter())
        for name, label in (
            (self.APPLIED, tr("Applied")),
            (self.CONFLICTS, tr("Conflicts")),
            (self.REJECTED, tr("Refused")),
            (self.WAITING, tr("Still waiting")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def processAlgorithm(self, parameters, context, feedback):
        conn = resolve_connection(self.parameterAsString(parameters, CONNECTION, context))

        def work(client, cache):
            result = push(
                client, cache, progress=feedback.setProgress, is_cancelled=feedback.isCanceled
            )
            return result, cache.pending_count()

        result, waiting = run_on_store(conn, feedback, work)
        for message in result.messages:
            feedback.reportError(message, False)
        feedback.pushInfo(
            tr("Sent: {} applied, {} conflicts, {} refused.").format(
                result.applied, result.conflicts, result.rejected
            )
        )
        return {
            self.APPLIED: result.applied,
            self.CONFLICTS: result.conflicts,
            self.REJECTED: result.rejected,
            self.WAITING: waiting,
        }
