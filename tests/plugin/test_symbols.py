"""The overdue ring and the pending badge: drawn on the reports that have them, never in
the legend icons (QGIS 3.22 ignores 'enabled' there)."""

from __future__ import annotations

from conftest import meta_of, my_reports
from qgis.core import (
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsRectangle,
    QgsSymbolLayerUtils,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from kmzb_qgis_plugin.core.layers import reports_layer
from kmzb_qgis_plugin.core.verify import save_changes


def pixels_of(image, color: str, tolerance: int = 30) -> int:
    """Opaque pixels within ``tolerance`` of ``color`` on each channel."""
    target = QColor(color)
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if (c := image.pixelColor(x, y)).alpha() > 200
        and abs(c.red() - target.red()) < tolerance
        and abs(c.green() - target.green()) < tolerance
        and abs(c.blue() - target.blue()) < tolerance
    )


def ring_pixels(image) -> int:
    return pixels_of(image, "#b00020")


def badge_pixels(image) -> int:
    return pixels_of(image, "#1f4e96")


def render(layer, report_id: int):
    layer.setSubsetString(f'"fid" = {report_id}')
    point = layer.getFeature(report_id).geometry().asPoint()
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setOutputSize(QSize(80, 80))
    settings.setExtent(
        QgsRectangle(point.x() - 0.002, point.y() - 0.002, point.x() + 0.002, point.y() + 0.002)
    )
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def police_pixels(image) -> int:
    return pixels_of(image, "#202020", 20)


def test_police_sourced_threats_carry_their_mark(store, officer):
    from kmzb_qgis_plugin.core.api_client import StoreClient
    from kmzb_qgis_plugin.core.push import push

    (citizen,) = my_reports(officer, store, 1)
    item = {"op_id": "mark-1", "category": "alkohol", "lon": 20.07, "lat": 52.03,
            "source": "spotkanie"}  # fmt: skip
    police = officer.record_new_threat(item)
    layer = reports_layer(officer.path, meta_of(officer))
    assert police_pixels(render(layer, police)) > 3
    assert police_pixels(render(layer, citizen)) == 0
    push(StoreClient(store.url, store.tokens["dzielnicowy"]), officer)
    layer.setSubsetString("")
    stored = next(f.id() for f in layer.getFeatures("\"source\" = 'spotkanie'"))
    assert police_pixels(render(layer, stored)) > 3


def test_ring_and_badge_where_they_belong(store, officer):
    layer = reports_layer(officer.path, meta_of(officer))
    overdue = next(f.id() for f in layer.getFeatures() if f["overdue"] and not f["pending"])
    (fresh,) = my_reports(officer, store, 1)
    assert ring_pixels(render(layer, overdue)) > 20
    assert ring_pixels(render(layer, fresh)) == 0
    assert badge_pixels(render(layer, fresh)) == 0
    save_changes(officer, meta_of(officer), [fresh], "weryfikacja", None)
    layer.reload()
    assert badge_pixels(render(layer, fresh)) > 5
    for category in layer.renderer().categories():  # legend = the symbol without the marks
        bare = category.symbol().clone()
        assert bare.symbolLayerCount() == 5  # with the police-source mark
        for index in (4, 3, 2):
            bare.deleteSymbolLayer(index)
        icons = [
            QgsSymbolLayerUtils.symbolPreviewPixmap(s, QSize(64, 64)).toImage()
            for s in (category.symbol(), bare)
        ]
        assert icons[0] == icons[1], category.value()
