"""Zoomed out, the project shows the reports overview instead of the reports (a million
styled symbols cannot be drawn in time); zoomed in to working scales, the reports."""

from __future__ import annotations

from conftest import meta_of
from qgis.core import (
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize

from kmzb_qgis_plugin.core.layers import (
    WORKING_SCALE,
    add_to_project,
    districts_layer,
    reports_layer,
)


def test_overview_stands_in_for_the_reports_when_zoomed_out(officer):
    project = QgsProject()
    layers = add_to_project(project, officer.path, meta_of(officer), "KMZB")
    kinds = {layer.customProperty("kmzb/layer"): layer for layer in layers}
    assert set(kinds) == {"reports", "overview", "districts"}
    reports, overview = kinds["reports"], kinds["overview"]
    assert overview.isValid() and overview.featureCount() > 0
    assert sum(f["reports"] for f in overview.getFeatures()) == officer.report_count()
    assert reports.isInScaleRange(WORKING_SCALE / 5) and not overview.isInScaleRange(
        WORKING_SCALE / 5
    )
    assert overview.isInScaleRange(WORKING_SCALE * 8) and not reports.isInScaleRange(
        WORKING_SCALE * 8
    )
    # the whole of Poland: the overview's cells are drawn
    settings = QgsMapSettings()
    settings.setLayers([reports, overview])
    settings.setDestinationCrs(overview.crs())
    settings.setExtent(QgsRectangle(14.0, 49.0, 24.2, 54.9))
    settings.setOutputSize(QSize(400, 300))
    assert settings.scale() > WORKING_SCALE
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    drawn = sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    )
    assert drawn > 0
    # adding again finds the layers already there
    assert len(add_to_project(project, officer.path, meta_of(officer), "KMZB")) == 3
    assert len(project.mapLayers()) == 3


def test_a_project_saved_before_the_overview_gets_it_once(officer):
    project = QgsProject()
    group = project.layerTreeRoot().insertGroup(0, "KMZB")
    old = [reports_layer(officer.path, meta_of(officer)), districts_layer(officer.path)]
    for layer in old:
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    assert not old[0].hasScaleBasedVisibility()
    reports, overview, districts = add_to_project(project, officer.path, meta_of(officer), "KMZB")
    assert (reports, districts) == (old[0], old[1])
    assert overview.customProperty("kmzb/layer") == "overview"
    assert not reports.isInScaleRange(WORKING_SCALE * 8)
    reports.setScaleBasedVisibility(False)  # the user's own choice stays
    add_to_project(project, officer.path, meta_of(officer), "KMZB")
    assert not reports.hasScaleBasedVisibility()
