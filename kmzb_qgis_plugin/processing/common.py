"""What the kmzb algorithms share: choosing a connection, running core work on it, dates
as parameters, and styling outputs when Processing loads them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from qgis.core import (  # type: ignore[attr-defined]  # QgsProcessingException: not in qgis-stubs
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
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
    """The named connection (empty: the active one), or a clear error naming the known."""
    conn = settings.find_connection(name)
    if conn is None:
        raise QgsProcessingException(
            tr("No KMZB connection named “{}”. Known: {}").format(
                name, ", ".join(c.name for c in settings.connections()) or tr("none")
            )
        )
    return conn


def parse_day(text: str | None, label: str) -> date | None:
    """A YYYY-MM-DD parameter as a date; None when empty; a clear error when malformed."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise QgsProcessingException(
            tr("Dates are written YYYY-MM-DD: {} is not a date ({}).").format(text, label)
        ) from None


class _Styler(QgsProcessingLayerPostProcessorInterface):
    instances: ClassVar[list] = []  # keep Python wrappers alive until QGIS calls them

    def __init__(self, style: Callable) -> None:
        super().__init__()
        self.style = style

    def postProcessLayer(self, layer, context, feedback):
        self.style(layer)


def styler(style: Callable) -> QgsProcessingLayerPostProcessorInterface:
    """A post-processor that runs style(layer) on an output once Processing loads it."""
    processor = _Styler(style)
    _Styler.instances.append(processor)
    return processor


def style_on_load(context, output_id: str, style: Callable) -> None:
    """Style an output with style(layer) once Processing loads it into the project."""
    if context.willLoadLayerOnCompletion(output_id):
        context.layerToLoadOnCompletionDetails(output_id).setPostProcessor(styler(style))


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
