"""kmzb:district_summary — load per district for a period, as a styled polygon layer."""

from __future__ import annotations

from qgis.core import (  # type: ignore[attr-defined]  # QgsProcessingException: not in qgis-stubs
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core import settings
from ..core.cache import Cache
from ..core.district_summary import summarize
from ..core.errors import KmzbError
from ..core.session import session
from ..core.summary_layer import status_names, style_summary, summary_features, summary_fields
from ..i18n import tr
from .common import (
    CONNECTION,
    SyncAlgorithm,
    connection_parameter,
    parse_day,
    resolve_connection,
    style_on_load,
)


class DistrictSummaryAlgorithm(SyncAlgorithm):
    """Reads only the cache; shares the connection handling of the sync algorithms."""

    FROM, TO, UNIT, OUTPUT = "SUBMITTED_FROM", "SUBMITTED_TO", "UNIT", "OUTPUT"

    def name(self) -> str:
        return "district_summary"

    def displayName(self) -> str:
        return tr("Load per district")

    def group(self) -> str:
        return tr("Districts")

    def groupId(self) -> str:
        return "districts"

    def shortHelpString(self) -> str:
        return tr(
            "Counts the cached reports of a KMZB connection per district for a period: "
            "by status, to take up, to verify, overdue and the share confirmed by residents. "
            "Writes the districts with these fields, styled by the overdue count. Works "
            "offline on what the last pull brought."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(connection_parameter())
        for name, label in (
            (self.FROM, tr("Submitted from (YYYY-MM-DD)")),
            (self.TO, tr("Submitted to (YYYY-MM-DD)")),
        ):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.UNIT, tr("Only the districts of police unit (ID)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT,
                tr("Load per district"),
                QgsProcessing.SourceType.TypeVectorPolygon,  # type: ignore[attr-defined]  # 3.22 name
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        conn = resolve_connection(self.parameterAsString(parameters, CONNECTION, context))
        path = settings.cache_path(conn)
        if not path.exists():
            raise QgsProcessingException(tr("Pull reports first."))
        since, until = (
            parse_day(self.parameterAsString(parameters, name, context), label)
            for name, label in ((self.FROM, tr("Submitted from")), (self.TO, tr("Submitted to")))
        )
        unit = parameters.get(self.UNIT)
        unit = None if unit in (None, "") else self.parameterAsInt(parameters, self.UNIT, context)
        try:
            cache = Cache(path)
            try:
                summaries = summarize(cache, unit_id=unit, since=since, until=until)
                names = status_names(session(cache).meta)
                fields = summary_fields(list(names))
                sink, dest = self.parameterAsSink(
                    parameters,
                    self.OUTPUT,
                    context,
                    fields,
                    QgsWkbTypes.Type.MultiPolygon,
                    QgsCoordinateReferenceSystem("EPSG:4326"),
                )
                if sink is None:
                    raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
                features = summary_features(cache, summaries, fields)
            finally:
                cache.close()
        except KmzbError as exc:
            raise QgsProcessingException(exc.message) from exc
        for i, feature in enumerate(features):
            if feedback.isCanceled():
                break
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            feedback.setProgress(100.0 * (i + 1) / len(features))
        feedback.pushInfo(
            tr("{} districts, {} reports.").format(len(features), sum(s.total for s in summaries))
        )
        style_on_load(context, dest, lambda layer: style_summary(layer, names))
        return {self.OUTPUT: dest}
