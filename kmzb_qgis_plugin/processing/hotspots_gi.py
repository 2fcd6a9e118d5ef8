"""kmzb:hotspots_gi — Getis-Ord Gi* hot and cold spots of reports on a hexagon grid."""

from __future__ import annotations

import struct

import numpy as np
from qgis.core import (  # type: ignore[attr-defined]  # QgsProcessingException: not in qgis-stubs
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..core import compat
from ..core.analysis.getis_ord import hot_spots
from ..core.analysis.hexgrid import suggest_cell_size
from ..core.analysis_styles import style_hot_spots
from ..i18n import tr
from .analysis_common import PL_1992, AnalysisAlgorithm, stop_if_cancelled
from .common import style_on_load

_RING = struct.pack("<BIII", 1, 3, 1, 7)  # WKB header: little endian polygon, 1 ring, 7 points


def hexagon_wkb(grid, cx: np.ndarray, cy: np.ndarray) -> list[bytes]:
    """WKB polygons of many hexagons at once."""
    r, h = grid.radius, grid.size / 2
    dx = np.array([-r, -r / 2, r / 2, r, r / 2, -r / 2, -r])
    dy = np.array([0, h, h, 0, -h, -h, 0])
    rings = np.stack((cx[:, None] + dx, cy[:, None] + dy), axis=2).astype("<f8")
    return [_RING + ring.tobytes() for ring in rings]


class HotSpotsGiAlgorithm(AnalysisAlgorithm):
    CELL_SIZE, DISTANCE, FDR, OUTPUT = "CELL_SIZE", "DISTANCE", "FDR", "OUTPUT"
    EXTENT = "GRID_EXTENT"
    USED_SIZE, HOT, COLD = "CELL_SIZE_USED", "HOT_CELLS", "COLD_CELLS"

    def name(self) -> str:
        return "hotspots_gi"

    def displayName(self) -> str:
        return tr("Hot spots (Getis-Ord Gi*)")

    def shortHelpString(self) -> str:
        return tr(
            "Counts reports in hexagons (sized as in Create grid: the distance between "
            "neighbouring centres, in metres of EPSG:2180) and computes Getis-Ord Gi* over the "
            "hexagons that hold reports, with binary weights within the distance band (default "
            "two cell sizes: the two rings around a cell). Each hexagon gets its z-score, "
            "p-value and bin: ±3, ±2, ±1 for hot/cold spots at 99, 95 and 90% confidence "
            "(optionally with the false discovery rate correction), 0 not significant. "
            "Cell size 0 suggests one from the data: twice the mean nearest-neighbour distance "
            "expected at random, rounded."
        )

    def initAlgorithm(self, config=None):
        self.add_report_inputs()
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CELL_SIZE,
                tr("Cell size in metres (0: suggest from the data)"),
                QgsProcessingParameterNumber.Type.Double,
                0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DISTANCE,
                tr("Distance band in metres (0: two cell sizes)"),
                QgsProcessingParameterNumber.Type.Double,
                0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.FDR, tr("False discovery rate correction"), defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterExtent(
                self.EXTENT,
                tr("Grid extent, as in Create grid (empty: the reports' extent)"),
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Hot spots")))
        self.addOutput(QgsProcessingOutputNumber(self.USED_SIZE, tr("Cell size used")))
        self.addOutput(QgsProcessingOutputNumber(self.HOT, tr("Hot spot cells")))
        self.addOutput(QgsProcessingOutputNumber(self.COLD, tr("Cold spot cells")))

    def processAlgorithm(self, parameters, context, feedback):
        reports = self.read_reports(parameters, context, feedback)
        size = self.parameterAsDouble(parameters, self.CELL_SIZE, context)
        if size == 0:
            size = suggest_cell_size(reports.x, reports.y)
            feedback.pushInfo(tr("Suggested cell size: {:.0f} m.").format(size))
        distance = self.parameterAsDouble(parameters, self.DISTANCE, context) or 2 * size
        fdr = self.parameterAsBool(parameters, self.FDR, context)
        extent = None
        if parameters.get(self.EXTENT):
            box = self.parameterAsExtent(parameters, self.EXTENT, context, PL_1992)
            extent = (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
        result = self.run_core(
            lambda: hot_spots(
                reports.x, reports.y, size, distance, fdr, self.steps(feedback), extent
            )
        )
        if result.left_out:
            feedback.pushWarning(
                tr("{:,} reports outside the grid extent were left out.").format(result.left_out)
            )
        fields = QgsFields()
        for name, kind in (
            ("cell_id", compat.LONG),
            ("reports", compat.INT),
            ("neighbours", compat.INT),
            ("gi_z", compat.DOUBLE),
            ("gi_p", compat.DOUBLE),
            ("gi_bin", compat.INT),
        ):
            fields.append(QgsField(name, kind))
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.Polygon, PL_1992
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        grid = result.grid
        cx, cy = grid.centres(result.col, result.row)
        shapes = hexagon_wkb(grid, cx, cy)
        cell_ids = result.col * grid.rows + result.row
        batch = []
        for i, wkb in enumerate(shapes):
            feature = QgsFeature(fields)
            geometry = QgsGeometry()
            geometry.fromWkb(wkb)
            feature.setGeometry(geometry)
            feature.setAttributes(
                [
                    int(cell_ids[i]),
                    int(result.count[i]),
                    int(result.neighbours[i]),
                    float(result.z[i]),
                    float(result.p[i]),
                    int(result.bin[i]),
                ]
            )
            batch.append(feature)
            if len(batch) == 10000:
                stop_if_cancelled(feedback)
                sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
                batch = []
                feedback.setProgress(90 + 10 * i / len(shapes))
        sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
        style_on_load(context, dest_id, style_hot_spots)
        hot, cold = int((result.bin > 0).sum()), int((result.bin < 0).sum())
        feedback.pushInfo(
            tr("{:,} hexagons of {:.0f} m, distance band {:.0f} m: {} hot, {} cold.").format(
                len(shapes), size, distance, hot, cold
            )
        )
        return {self.OUTPUT: dest_id, self.USED_SIZE: size, self.HOT: hot, self.COLD: cold}
