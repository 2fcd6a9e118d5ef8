"""QGIS layers over the cache, styled from the store's catalogue: no style dialog needed.

Reports: one symbol per status in the KMZB colour, the category's SVG icon inside, a red
ring when overdue and a hollow badge while a change waits in the outbox. Citizen text is
plain text everywhere (form widgets without HTML, map tips escaped).
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsExpression,
    QgsFieldConstraints,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsProperty,
    QgsRendererCategory,
    QgsRendererRange,
    QgsSimpleMarkerSymbolLayer,
    QgsSingleSymbolRenderer,
    QgsSvgMarkerSymbolLayer,
    QgsSymbolLayer,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

from ..i18n import tr
from . import compat
from .attachments import first_photo_expression
from .cache import DISTRICTS, OUTSIDE, REPORTS
from .cache.overview import OVERVIEW
from .layer_edits import EDITABLE
from .model import Meta

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PL_1992 = QgsCoordinateReferenceSystem("EPSG:2180")
# zoomed out beyond 1:250,000 the reports overview stands in for the reports
WORKING_SCALE = 250_000


def language() -> str:
    from qgis.core import QgsSettings

    locale = QgsSettings().value("locale/userLocale", "en", type=str) or "en"
    return "pl" if locale.startswith("pl") else "en"


def field_aliases() -> dict[str, str]:
    return {
        "fid": tr("Report ID"),
        "revision": tr("Revision"),
        "category": tr("Category"),
        "status": tr("Status"),
        "description": tr("Description"),
        "submitted_at": tr("Submitted"),
        "event_date": tr("Event date"),
        "event_time": tr("Event time"),
        "time_of_day": tr("Time of day"),
        "days_of_week": tr("Days of week"),
        "unit_id": tr("Police unit"),
        "district_id": tr("District"),
        "confirmations": tr("Residents' confirmations"),
        "attachments": tr("Attachments"),
        "photo": tr("Photo"),
        "take_up_due": tr("Take up by"),
        "verify_due": tr("Verify by"),
        "taken_up_at": tr("Taken up"),
        "verified_at": tr("Verified"),
        "updated_at": tr("Last change"),
        "last_note": tr("Note"),
        "source": tr("Source"),
        "pending": tr("Waiting to be sent"),
        "take_up_left_h": tr("Hours left to take up"),
        "verify_left_h": tr("Hours left to verify"),
        "overdue": tr("Overdue"),
        OUTSIDE: tr("Outside every district"),
    }


def deadline_expressions(meta: Meta) -> dict[str, str]:
    """Virtual fields computed at render time, so deadlines stay true as time passes."""
    return {
        "take_up_left_h": meta.take_up_left_expression(),
        "verify_left_h": meta.verify_left_expression(),
        "overdue": meta.overdue_expression(),
    }


def reports_layer(gpkg: Path, meta: Meta, name: str | None = None) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{gpkg}|layername={REPORTS}", name or tr("KMZB reports"), "ogr")
    style_reports(layer, meta)
    return layer


def districts_layer(gpkg: Path, name: str | None = None) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{gpkg}|layername={DISTRICTS}", name or tr("Districts"), "ogr")
    style_districts(layer)
    return layer


def overview_layer(gpkg: Path, name: str | None = None) -> QgsVectorLayer:
    """The reports overview (cache/overview.py), shown only beyond WORKING_SCALE."""
    layer = QgsVectorLayer(
        f"{gpkg}|layername={OVERVIEW}", name or tr("KMZB reports overview"), "ogr"
    )
    ranges = []
    for low, high, color, size in (
        (1, 9, "#fdd49e", 1.2),
        (10, 99, "#fc8d59", 1.8),
        (100, 999, "#d7301f", 2.6),
        (1000, 1e12, "#7f0000", 3.4),
    ):
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": color, "outline_style": "no", "size": str(size)}
        )
        label = tr("{} and more reports").format(low) if high > 1e9 else f"{low}–{int(high)}"
        ranges.append(QgsRendererRange(low - 0.5, high + 0.5, symbol, label))
    layer.setRenderer(QgsGraduatedSymbolRenderer("reports", ranges))
    layer.setScaleBasedVisibility(True)
    layer.setMaximumScale(WORKING_SCALE)  # shown zoomed out from here on
    layer.setMapTipTemplate(tr("Reports in this cell: {}").format('[% "reports" %]'))
    layer.setCustomProperty("kmzb/layer", "overview")
    return layer


def _at_working_scales(layer: QgsMapLayer) -> None:
    """Draw the reports only zoomed in to WORKING_SCALE; further out the overview."""
    layer.setScaleBasedVisibility(True)
    layer.setMinimumScale(WORKING_SCALE)
    layer.setMaximumScale(0)


def style_reports(layer: QgsVectorLayer, meta: Meta) -> None:
    """Symbols, legend, virtual deadline fields, form and map tip from the catalogue."""
    from qgis.core import QgsField

    lang = language()
    existing = {f.name() for f in layer.fields().toList()}
    types = {
        "take_up_left_h": compat.DOUBLE,
        "verify_left_h": compat.DOUBLE,
        "overdue": compat.BOOL,
    }
    for field, expression in deadline_expressions(meta).items():
        if field not in existing:
            layer.addExpressionField(expression, QgsField(field, types[field]))
    if "photo" not in existing:  # the first photo, once fetched with the report's details
        cache = Path(layer.source().split("|", 1)[0])
        layer.addExpressionField(first_photo_expression(cache), QgsField("photo", compat.STRING))
        layer.setEditorWidgetSetup(
            layer.fields().indexOf("photo"),
            QgsEditorWidgetSetup(
                "ExternalResource",
                {"DocumentViewer": 1, "DocumentViewerHeight": 240, "FileWidget": False},
            ),
        )
    categories = []
    for status in meta.statuses:
        categories.append(
            QgsRendererCategory(status.code, _report_symbol(status.color, meta), status.name(lang))
        )
    renderer = QgsCategorizedSymbolRenderer("status", categories)
    layer.setRenderer(renderer)
    for field, alias in field_aliases().items():
        index = layer.fields().indexOf(field)
        if index >= 0:
            layer.setFieldAlias(index, alias)
    _value_map(layer, "status", {s.name(lang): s.code for s in meta.statuses})
    _value_map(layer, "category", {c.name(lang): c.code for c in meta.categories})
    _value_map(layer, "source", {s.name(lang): s.code for s in meta.sources})
    for field in ("description", "last_note"):
        index = layer.fields().indexOf(field)
        if index >= 0:  # plain text, never HTML
            layer.setEditorWidgetSetup(
                index, QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True, "UseHtml": False})
            )
    form = layer.editFormConfig()  # the store owns the rest: shown, never edited
    for index, field in enumerate(layer.fields().toList()):
        if field.name() not in EDITABLE:
            form.setReadOnly(index, True)
    layer.setEditFormConfig(form)
    index = layer.fields().indexOf("pending")
    if index >= 0:
        layer.setDefaultValueDefinition(index, QgsDefaultValue("0"))
        layer.setConstraintExpression(index, '"pending" IS NOT NULL')
        layer.setFieldConstraint(index, QgsFieldConstraints.Constraint.ConstraintNotNull)
    layer.setDisplayExpression('"fid" || \' — \' || represent_value("category")')
    layer.setMapTipTemplate(
        '<b>[% "fid" %] — [% represent_value("category") %]</b><br>'
        '[% represent_value("status") %]<br>'
        '[% represent_value("source") %]<br>'
        f"[% {_html_escaped('description')} %]"
    )
    layer.setCustomProperty("kmzb/layer", "reports")


def _html_escaped(field: str) -> str:
    """Expression that shows a field's text as plain text inside an HTML map tip."""
    return (
        'replace(replace(replace(coalesce("' + field + "\", ''), "
        "'&', '&amp;'), '<', '&lt;'), '>', '&gt;')"
    )


def _value_map(layer: QgsVectorLayer, field: str, mapping: dict[str, str]) -> None:
    index = layer.fields().indexOf(field)
    if index >= 0:
        layer.setEditorWidgetSetup(
            index, QgsEditorWidgetSetup("ValueMap", {"map": [{k: v} for k, v in mapping.items()]})
        )


def _report_symbol(color: str, meta: Meta) -> QgsMarkerSymbol:
    symbol = QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": color, "outline_color": "#ffffff", "size": "4.2"}
    )
    assert symbol is not None  # None only for properties QGIS cannot read
    icon = QgsSvgMarkerSymbolLayer(str(ICONS / "default.svg"), 2.8)
    icon.setDataDefinedProperty(
        QgsSymbolLayer.Property.PropertyName,  # type: ignore[attr-defined]  # 3.22 name
        QgsProperty.fromExpression(f"'{ICONS.as_posix()}/' || \"category\" || '.svg'"),
    )
    icon.setFillColor(QColor("#ffffff"))
    symbol.appendSymbolLayer(icon)
    ring = QgsSimpleMarkerSymbolLayer()
    ring.setSize(6.0)
    ring.setStrokeWidth(0.8)
    overdue = meta.overdue_expression()
    _only_where(ring, overdue, "#b00020")
    symbol.appendSymbolLayer(ring)
    badge = QgsSimpleMarkerSymbolLayer()
    badge.setShape(QgsSimpleMarkerSymbolLayer.decodeShape("diamond")[0])
    badge.setSize(2.2)
    badge.setOffset(badge.offset().__class__(2.2, -2.2))
    badge.setStrokeWidth(0.5)
    _only_where(badge, '"pending" = 1', "#1f4e96", "#ffffff")
    symbol.appendSymbolLayer(badge)
    police = [s.code for s in meta.sources if s.police]
    if police:  # a police-sourced threat: a dark square at the lower left
        mark = QgsSimpleMarkerSymbolLayer()
        mark.setShape(QgsSimpleMarkerSymbolLayer.decodeShape("square")[0])
        mark.setSize(2.0)
        mark.setOffset(mark.offset().__class__(-2.2, 2.2))
        mark.setStrokeWidth(0.4)
        codes = ", ".join(QgsExpression.quotedValue(code) for code in police)
        _only_where(mark, f'"source" IN ({codes})', "#ffffff", "#202020")
        symbol.appendSymbolLayer(mark)
    return symbol


def _only_where(
    marker: QgsSimpleMarkerSymbolLayer, condition: str, stroke: str, fill: str = "0,0,0,0"
) -> None:
    """Draw this mark only where ``condition`` holds. QGIS 3.22 ignores 'enabled' in
    legend icons, where no feature is at hand; so the static colours are transparent and
    the real ones come from expressions on the same condition: legends show no ring/badge."""
    marker.setStrokeColor(QColor(0, 0, 0, 0))
    marker.setColor(QColor(0, 0, 0, 0))
    for prop, value in (
        (QgsSymbolLayer.Property.PropertyLayerEnabled, QgsProperty.fromExpression(condition)),  # type: ignore[attr-defined]  # 3.22 name
        (QgsSymbolLayer.Property.PropertyStrokeColor, _if(condition, stroke)),  # type: ignore[attr-defined]  # 3.22 name
        (QgsSymbolLayer.Property.PropertyFillColor, _if(condition, fill)),  # type: ignore[attr-defined]  # 3.22 name
    ):
        marker.setDataDefinedProperty(prop, value)


def _if(condition: str, color: str) -> QgsProperty:
    return QgsProperty.fromExpression(f"if({condition}, '{color}', '0,0,0,0')")


def style_districts(layer: QgsVectorLayer) -> None:
    symbol = QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": "#1f4e96", "outline_width": "0.4"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    settings = QgsPalLayerSettings()
    settings.fieldName = (
        "\"name\" || '\\n' || coalesce(\"officer_rank\" || ' ', '') || "
        "coalesce(\"officer_name\", '')"
    )
    settings.isExpression = True
    text = QgsTextFormat()
    text.setFont(QFont("DejaVu Sans"))  # shipped with QGIS on Debian; not the offscreen default
    text.setColor(QColor("#1f4e96"))
    text.setSize(8)
    settings.setFormat(text)
    settings.scaleVisibility = True
    settings.maximumScale = 1
    settings.minimumScale = 150000
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    for field, alias in {
        "code": tr("Code"),
        "name": tr("District"),
        "unit_name": tr("Unit"),
        "officer_name": tr("District officer"),
        "officer_rank": tr("Rank"),
        "phone": tr("Phone"),
        "email": tr("E-mail"),
    }.items():
        index = layer.fields().indexOf(field)
        if index >= 0:
            layer.setFieldAlias(index, alias)
    form = layer.editFormConfig()  # the store owns the districts: shown, never edited
    for index in range(layer.fields().count()):
        form.setReadOnly(index, True)
    layer.setEditFormConfig(form)
    layer.setDisplayExpression('"name"')
    layer.setMapTipTemplate(
        "<b>[% "
        + _html_escaped("name")
        + " %]</b><br>"
        + "<br>".join(
            f"[% {_html_escaped(f)} %]" for f in ("officer_rank", "officer_name", "phone", "email")
        )
    )
    layer.setCustomProperty("kmzb/layer", "districts")


def add_to_project(project: QgsProject, gpkg: Path, meta: Meta, group_name: str) -> tuple:
    """Add (or reload) the reports, overview and districts layers of one cache in a group.
    A project saved before the overview existed gets it, and its reports layer the working
    scales, once."""
    root = project.layerTreeRoot()
    assert root is not None  # every project has one
    group = root.findGroup(group_name) or root.insertGroup(0, group_name)
    assert group is not None  # found or just made
    layers = []
    for kind, make in (
        ("reports", lambda: reports_layer(gpkg, meta)),
        ("overview", lambda: overview_layer(gpkg)),
        ("districts", lambda: districts_layer(gpkg)),
    ):
        found = [
            loaded
            for n in group.findLayers()
            if (loaded := n.layer()) is not None and loaded.customProperty("kmzb/layer") == kind
        ]
        if found:
            found[0].reload()
            found[0].triggerRepaint()
            layers.append(found[0])
            continue
        layer = make()
        project.addMapLayer(layer, False)
        group.addLayer(layer)  # reports first, then the overview, then districts below
        layers.append(layer)
        if kind in ("reports", "overview"):
            _at_working_scales(layers[0])  # the reports
    if project.count() == len(layers) and project.crs().authid() != "EPSG:2180":
        project.setCrs(PL_1992)  # a project the plugin creates is in PL-1992
    return tuple(layers)
