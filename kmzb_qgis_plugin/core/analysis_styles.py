"""Styles of the analysis outputs, applied when Processing loads them: Gi* bins in a
diverging red/blue ramp, the density raster in a pseudocolour ramp, clusters by role."""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsColorRampShader,
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsProperty,
    QgsRasterBandStats,
    QgsRasterShader,
    QgsRendererCategory,
    QgsSingleBandPseudoColorRenderer,
    QgsStyle,
    QgsSymbolLayer,
)
from qgis.PyQt.QtGui import QColor

from ..i18n import tr

# Esri's hot spot colours: blue cold spots, white not significant, red hot spots.
GI_BINS = (
    (3, "#d62f27"),
    (2, "#ed7551"),
    (1, "#fab984"),
    (0, "#f7f7f2"),
    (-1, "#c0ccbe"),
    (-2, "#849eba"),
    (-3, "#4575b5"),
)


def gi_bin_labels() -> dict[int, str]:
    return {
        3: tr("Hot spot — 99% confidence"),
        2: tr("Hot spot — 95% confidence"),
        1: tr("Hot spot — 90% confidence"),
        0: tr("Not significant"),
        -1: tr("Cold spot — 90% confidence"),
        -2: tr("Cold spot — 95% confidence"),
        -3: tr("Cold spot — 99% confidence"),
    }


def style_hot_spots(layer) -> None:
    labels = gi_bin_labels()
    categories = []
    for value, color in GI_BINS:
        symbol = QgsFillSymbol.createSimple(
            {"color": color, "outline_color": "#9e9e9e", "outline_width": "0.05"}
        )
        categories.append(QgsRendererCategory(value, symbol, labels[value]))
    layer.setRenderer(QgsCategorizedSymbolRenderer("gi_bin", categories))
    layer.setOpacity(0.8)
    layer.triggerRepaint()


def style_density(layer) -> None:
    provider = layer.dataProvider()
    stats = provider.bandStatistics(1, QgsRasterBandStats.Stats.Max)
    style = QgsStyle.defaultStyle()
    assert style is not None  # QGIS's own style library, there once the application runs
    ramp = style.colorRamp("YlOrRd") or style.colorRamp("Reds")
    shader_function = QgsColorRampShader(0, stats.maximumValue)
    shader_function.setSourceColorRamp(ramp)
    shader_function.setColorRampType(QgsColorRampShader.Type.Interpolated)  # type: ignore[attr-defined]  # 3.22 name
    shader_function.classifyColorRamp(8)
    items = shader_function.colorRampItemList()
    if items:  # nothing at all is transparent
        first = items[0]
        clear = QColor(first.color)
        clear.setAlpha(0)
        first.color = clear
        items[0] = first
        shader_function.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(shader_function)
    renderer = QgsSingleBandPseudoColorRenderer(provider, 1, shader)
    renderer.setClassificationMin(0)
    renderer.setClassificationMax(stats.maximumValue)
    layer.setRenderer(renderer)
    layer.setOpacity(0.75)
    layer.triggerRepaint()


def style_clusters(layer) -> None:
    """Originators as big stars, the reports repeating them as dots; one colour a cluster."""
    color = QgsProperty.fromExpression('color_hsv(("cluster_id" * 137) % 360, 85, 85)')
    categories = []
    for value, shape, size, label in (
        (1, "star", "5", tr("Originator (earliest report of the cluster)")),
        (0, "circle", "2.6", tr("Repeat")),
    ):
        symbol = QgsMarkerSymbol.createSimple(
            {"name": shape, "size": size, "outline_color": "#ffffff", "outline_width": "0.3"}
        )
        assert symbol is not None  # None only for properties QGIS cannot read
        fill = QgsSymbolLayer.Property.PropertyFillColor  # type: ignore[attr-defined]  # 3.22 name
        symbol.symbolLayer(0).setDataDefinedProperty(fill, color)
        categories.append(QgsRendererCategory(value, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("is_originator", categories))
    layer.triggerRepaint()
