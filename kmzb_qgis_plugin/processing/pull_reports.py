"""kmzb:pull_reports — the same pull as the dock's button, scriptable and headless."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessingContext,
    QgsProcessingOutputNumber,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterExtent,
    QgsProcessingParameterString,
)

from ..core import settings
from ..core.cache import REPORTS
from ..core.layers import style_reports
from ..core.session import session
from ..core.sync import pull
from ..i18n import tr
from .common import (
    CONNECTION,
    SyncAlgorithm,
    connection_parameter,
    resolve_connection,
    run_on_store,
    styler,
)


class PullReportsAlgorithm(SyncAlgorithm):
    CONNECTION, EXTENT, STATUS, CATEGORY = CONNECTION, "EXTENT", "STATUS", "CATEGORY"
    SOURCE = "SOURCE"
    FROM, TO, OUTPUT, COUNT = "SUBMITTED_FROM", "SUBMITTED_TO", "OUTPUT", "PULLED"

    def name(self) -> str:
        return "pull_reports"

    def displayName(self) -> str:
        return tr("Pull reports")

    def shortHelpString(self) -> str:
        return tr(
            "Brings the local cache of a KMZB connection up to date with the store "
            "(only what changed since the last pull) and loads the reports layer. "
            "Filters: extent, status, category, source and submission period."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(connection_parameter())
        self.addParameter(
            QgsProcessingParameterExtent(self.EXTENT, tr("Only this extent"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.STATUS, tr("Status codes, comma separated"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.CATEGORY, tr("Category codes, comma separated"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.SOURCE, tr("Source codes, comma separated"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.FROM, tr("Submitted from (YYYY-MM-DD)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.TO, tr("Submitted to (YYYY-MM-DD)"), optional=True)
        )
        self.addOutput(QgsProcessingOutputVectorLayer(self.OUTPUT, tr("Reports")))
        self.addOutput(QgsProcessingOutputNumber(self.COUNT, tr("Reports pulled")))

    def processAlgorithm(self, parameters, context: QgsProcessingContext, feedback):
        conn = resolve_connection(self.parameterAsString(parameters, self.CONNECTION, context))
        filters = self.filters(parameters, context)
        path = settings.cache_path(conn)

        def work(client, cache):
            result = pull(
                client,
                cache,
                filters,
                progress=feedback.setProgress,
                is_cancelled=feedback.isCanceled,
            )
            meta = session(cache).meta
            assert meta is not None, "a pull stores the catalogue first"
            return result, meta

        result, meta = run_on_store(conn, feedback, work)
        feedback.pushInfo(
            tr("Pulled {} reports, removed {}, cursor at revision {}.").format(
                result.upserted, result.deleted, result.cursor
            )
        )
        uri = f"{path}|layername={REPORTS}"
        details = QgsProcessingContext.LayerDetails(
            tr("KMZB reports"), context.project(), self.OUTPUT
        )
        details.setPostProcessor(styler(lambda layer: style_reports(layer, meta)))
        context.addLayerToLoadOnCompletion(uri, details)
        return {self.OUTPUT: uri, self.COUNT: result.upserted}

    def filters(self, parameters, context) -> dict[str, str]:
        result = {}
        if parameters.get(self.EXTENT):
            box = self.parameterAsExtent(parameters, self.EXTENT, context)
            crs = self.parameterAsExtentCrs(parameters, self.EXTENT, context)
            wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
            if crs.isValid() and crs != wgs84:
                box = QgsCoordinateTransform(crs, wgs84, context.project()).transformBoundingBox(
                    box
                )
            result["bbox"] = ",".join(
                f"{v:.6f}" for v in (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
            )
        for key, param in (
            ("status", self.STATUS),
            ("category", self.CATEGORY),
            ("source", self.SOURCE),
            ("submitted_from", self.FROM),
            ("submitted_to", self.TO),
        ):
            value = self.parameterAsString(parameters, param, context).strip()
            if value:
                result[key] = value
        return result
