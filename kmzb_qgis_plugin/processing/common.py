"""What the kmzb algorithms share: choosing a connection and running core work on it."""

from __future__ import annotations

from datetime import date

from qgis.core import (  # type: ignore[attr-defined]  # QgsProcessingException: not in qgis-stubs
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterString,
)

from ..core import settings
from ..core.cache import Cache
from ..core.errors import KmzbError
from ..core.qgis_network import store_access
from ..i18n import tr

CONNECTION = "CONNECTION"


def connection_parameter() -> QgsProcessingParameterString:
    return QgsProcessingParameterString(
        CONNECTION, tr("Connection (empty: the active one)"), optional=True
    )


def resolve_connection(name: str) -> settings.Connection:
    name = name or settings.active_connection_name()
    known = {c.name: c for c in settings.connections()}
    if name not in known:
        raise QgsProcessingException(
            tr("No KMZB connection named “{}”. Known: {}").format(
                name, ", ".join(known) or tr("none")
            )
        )
    return known[name]


def parse_day(text: str | None) -> date | None:
    """A YYYY-MM-DD parameter as a date; None when empty; a clear error when malformed."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise QgsProcessingException(tr("Dates are written YYYY-MM-DD: {}").format(text)) from None


def run_on_store(conn: settings.Connection, feedback, work):
    """work(client, cache) with typed failures turned into a clear QgsProcessingException."""
    try:
        client = store_access(conn).client()
        cache = Cache(settings.cache_path(conn))
        try:
            return work(client, cache)
        finally:
            cache.close()
            client.close()
    except KmzbError as exc:
        feedback.reportError(exc.detail or exc.message, False)
        raise QgsProcessingException(exc.message) from exc


class SyncAlgorithm(QgsProcessingAlgorithm):
    """Base of the algorithms in the Synchronisation group."""

    def group(self) -> str:
        return tr("Synchronisation")

    def groupId(self) -> str:
        return "sync"

    def createInstance(self):
        return type(self)()
