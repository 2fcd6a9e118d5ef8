"""kmzb:kernel_density — a heat map of reports as a raster (quartic kernel, per km²)."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination

from ..core.analysis.kde import kernel_density, suggest_pixel, suggest_radius
from ..core.analysis.raster import write_geotiff
from ..core.analysis_styles import style_density
from ..i18n import tr
from .analysis_common import AnalysisAlgorithm
from .common import style_on_load


class KernelDensityAlgorithm(AnalysisAlgorithm):
    RADIUS, PIXEL, OUTPUT = "RADIUS", "PIXEL_SIZE", "OUTPUT"

    def name(self) -> str:
        return "kernel_density"

    def displayName(self) -> str:
        return tr("Kernel density heat map")

    def shortHelpString(self) -> str:
        return tr(
            "A raster of report density in reports per km² (EPSG:2180), with the quartic "
            "kernel of QGIS's heat map. Radius 0 takes ArcGIS's default (from the standard "
            "distance and the median distance to the mean centre); pixel size 0 takes the "
            "shorter side of the extent divided by 250."
        )

    def initAlgorithm(self, config=None):
        self.add_report_inputs()
        for name, label in (
            (self.RADIUS, tr("Radius in metres (0: suggest from the data)")),
            (self.PIXEL, tr("Pixel size in metres (0: suggest from the data)")),
        ):
            self.addParameter(
                QgsProcessingParameterNumber(
                    name, label, QgsProcessingParameterNumber.Type.Double, 0.0, minValue=0.0
                )
            )
        self.addParameter(
            QgsProcessingParameterRasterDestination(self.OUTPUT, tr("Kernel density"))
        )

    def processAlgorithm(self, parameters, context, feedback):
        reports = self.read_reports(parameters, context, feedback)
        radius = self.parameterAsDouble(parameters, self.RADIUS, context) or suggest_radius(
            reports.x, reports.y
        )
        pixel = self.parameterAsDouble(parameters, self.PIXEL, context) or suggest_pixel(
            reports.x, reports.y, radius
        )
        feedback.pushInfo(tr("Radius {:.0f} m, pixel {:.0f} m.").format(radius, pixel))
        density = self.run_core(
            lambda: kernel_density(reports.x, reports.y, radius, pixel, self.steps(feedback))
        )
        path = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        self.run_core(lambda: write_geotiff(density, path))
        style_on_load(context, path, style_density)
        return {self.OUTPUT: path}
