"""kmzb:near_repeats — clusters of same-category reports close in space and time."""

from __future__ import annotations

from qgis.core import (  # type: ignore[attr-defined]  # QgsProcessingException: not in qgis-stubs
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDateTime, Qt

from ..core import compat
from ..core.analysis.near_repeat import DUPLICATES, NEAR_REPEATS, near_repeats
from ..core.analysis_styles import style_clusters
from ..i18n import tr
from .analysis_common import PL_1992, AnalysisAlgorithm, stop_if_cancelled
from .common import style_on_load


class NearRepeatsAlgorithm(AnalysisAlgorithm):
    MODE, DISTANCE, DAYS, MIN_SIZE = "MODE", "DISTANCE", "DAYS", "MIN_SIZE"
    OUTPUT, CLUSTERS = "OUTPUT", "CLUSTERS"
    DEFAULTS = (NEAR_REPEATS, DUPLICATES)

    def name(self) -> str:
        return "near_repeats"

    def displayName(self) -> str:
        return tr("Repeats and near repeats")

    def shortHelpString(self) -> str:
        return tr(
            "Links reports of the same category that lie within a distance and a time window "
            "of each other and returns the linked groups (clusters) with their id, size and "
            "originator (the earliest report), so a cluster can be verified once. Near "
            "repeats default to 1 km and 7 days, duplicates of one threat to 50 m and 2 days; "
            "a distance or a number of days above 0 overrides the default."
        )

    def initAlgorithm(self, config=None):
        self.add_report_inputs()
        self.addParameter(
            QgsProcessingParameterEnum(
                self.MODE,
                tr("Looking for"),
                [tr("Near repeats (1 km, 7 days)"), tr("Duplicates (50 m, 2 days)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DISTANCE,
                tr("Distance in metres (0: the default)"),
                QgsProcessingParameterNumber.Type.Double,
                0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DAYS,
                tr("Time window in days (0: the default)"),
                QgsProcessingParameterNumber.Type.Double,
                0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_SIZE, tr("Smallest cluster"), defaultValue=2, minValue=2
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Clusters")))
        self.addOutput(QgsProcessingOutputNumber(self.CLUSTERS, tr("Clusters found")))

    def processAlgorithm(self, parameters, context, feedback):
        reports = self.read_reports(
            parameters, context, feedback, columns=("category",), need_time=True
        )
        default_distance, default_days = self.DEFAULTS[
            self.parameterAsEnum(parameters, self.MODE, context)
        ]
        distance = self.parameterAsDouble(parameters, self.DISTANCE, context) or default_distance
        days = self.parameterAsDouble(parameters, self.DAYS, context) or default_days
        min_size = self.parameterAsInt(parameters, self.MIN_SIZE, context)
        category = reports.attributes["category"].astype(str)
        clusters = self.run_core(
            lambda: near_repeats(
                reports.x,
                reports.y,
                reports.t,
                category,
                distance,
                days,
                min_size,
                self.steps(feedback),
            )
        )
        fields = QgsFields()
        for name, kind in (
            ("report_id", compat.LONG),
            ("category", compat.STRING),
            ("submitted_at", compat.DATETIME),
            ("cluster_id", compat.INT),
            ("cluster_size", compat.INT),
            ("originator", compat.LONG),
            ("is_originator", compat.INT),
        ):
            fields.append(QgsField(name, kind))
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.Point, PL_1992
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        members = clusters.cluster.nonzero()[0]
        members = members[(clusters.cluster[members]).argsort(kind="stable")]
        batch = []
        for index in members:
            origin = clusters.originator[index]
            feature = QgsFeature(fields)
            feature.setGeometry(
                QgsGeometry.fromPointXY(QgsPointXY(reports.x[index], reports.y[index]))
            )
            feature.setAttributes(
                [
                    int(reports.ids[index]),
                    str(category[index]),
                    QDateTime.fromMSecsSinceEpoch(int(reports.t[index] * 1000), Qt.TimeSpec.UTC),
                    int(clusters.cluster[index]),
                    int(clusters.size[index]),
                    int(reports.ids[origin]),
                    int(origin == index),
                ]
            )
            batch.append(feature)
            if len(batch) == 10000:
                stop_if_cancelled(feedback)
                sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
                batch = []
        sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
        style_on_load(context, dest_id, style_clusters)
        feedback.pushInfo(
            tr("{} clusters holding {:,} reports (within {:.0f} m and {:g} days).").format(
                clusters.count, len(members), distance, days
            )
        )
        return {self.OUTPUT: dest_id, self.CLUSTERS: clusters.count}
