"""A briefing on paper: a QgsPrintLayout (A4 landscape) built from core.briefing data.

Page 1: the map of reports by status over the districts (the plugin's own styling), legend,
scale bar, north arrow, totals by status and the top categories. Page 2 on: the district
table (it grows onto further pages) and the overdue list. Exported to PDF and PNG.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateTransform,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMultiFrame,
    QgsLayoutPageCollection,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsTableCell,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtGui import QColor, QFont

from ..i18n import tr
from .briefing import Briefing, period_text
from .layers import PL_1992, districts_layer, reports_layer
from .model import Meta

FONT = "DejaVu Sans"  # shipped with QGIS on Debian; has every Polish letter
NORTH_ARROW = Path(QgsApplication.pkgDataPath()) / "svg" / "arrows" / "NorthArrow_02.svg"
MM = QgsUnitTypes.LayoutUnit.LayoutMillimeters  # type: ignore[attr-defined]  # 3.22 name
PAGE_W, PAGE_H = 297.0, 210.0
MARGIN = 10.0
MAP_POS, MAP_SIZE = (MARGIN, 27.0), (185.0, 163.0)


def build_layout(data: Briefing, project: QgsProject, gpkg: Path, meta: Meta) -> QgsPrintLayout:
    """The layout of a briefing; its layers live in ``project`` (keep both alive)."""
    reports = reports_layer(gpkg, meta, tr("Reports by status"))
    reports.setSubsetString(data.scope.report_filter())
    districts = districts_layer(gpkg, tr("Districts"))
    districts.setSubsetString(data.scope.district_filter())
    project.addMapLayers([reports, districts])
    project.setCrs(PL_1992)

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(tr("KMZB briefing"))
    page = _pages(layout).page(0)
    assert page is not None  # initializeDefaults() made it
    page.setPageSize("A4", QgsLayoutItemPage.Orientation.Landscape)

    _label(layout, "title", title(data), (MARGIN, 8), (PAGE_W - 2 * MARGIN, 10), 16, bold=True)
    _label(
        layout,
        "subtitle",
        tr("Reports submitted {}: {} in total, {} past a deadline").format(
            period_text(data.scope), data.total, data.overdue_total
        ),
        (MARGIN, 18),
        (PAGE_W - 2 * MARGIN, 7),
        10,
    )
    map_item = _map(layout, project, districts, reports)
    _legend(layout, map_item, project, reports)
    _scale_bar(layout, map_item)
    _north_arrow(layout)
    _table(
        layout,
        "by_status",
        [(tr("Status"), 58), (tr("Reports"), 24)],
        [[name, n] for name, n in data.by_status if n],
        (200, 108),
        (87, 40),
        page=0,
    )
    _table(
        layout,
        "top_categories",
        [(tr("Top categories"), 64), (tr("Reports"), 18)],
        [[name, n] for name, n in data.top_categories],
        (200, 150),
        (87, 40),
        page=0,
    )
    _footer(layout, data, 0)

    _pages(layout).addPage(_new_page(layout))
    _label(layout, "districts_title", tr("Districts"), (MARGIN, 8), (170, 8), 12, True, 1)
    _table(
        layout,
        "districts",
        [
            (tr("District"), 41),
            (tr("District officer"), 36),
            (tr("Reports"), 15),
            (tr("To take up"), 14),
            (tr("To verify"), 16),
            (tr("Overdue"), 14),
            (tr("Residents' +1"), 19),
        ],
        [
            [
                d.name,
                d.officer or "",
                d.total,
                d.to_take_up,
                d.to_verify,
                d.overdue,
                f"{d.confirmed_share:.0%}",
            ]
            for d in data.districts
        ],
        (MARGIN, 18),
        (170, PAGE_H - 18 - 2 * MARGIN),
        page=1,
        grows=True,
    )
    shown = len(data.overdue)
    overdue_title = tr("Past a deadline")
    if data.overdue_total > shown:
        overdue_title = tr("Past a deadline (the {} most overdue of {})").format(
            shown, data.overdue_total
        )
    _label(layout, "overdue_title", overdue_title, (185, 8), (102, 8), 12, True, 1)
    _table(
        layout,
        "overdue",
        [(tr("No."), 13), (tr("Category"), 34), (tr("District"), 28), (tr("Due"), 19)],
        [[r.report_id, r.category, r.district, r.due[:16].replace("T", " ")] for r in data.overdue]
        or [[tr("none"), "", "", ""]],
        (185, 18),
        (102, PAGE_H - 18 - 2 * MARGIN),
        page=1,
        font_size=6.5,
    )
    _footer(layout, data, 1)
    return layout


def title(data: Briefing) -> str:
    return tr("KMZB briefing — {}").format(data.scope.label)


def _pages(layout: QgsPrintLayout) -> QgsLayoutPageCollection:
    pages = layout.pageCollection()
    assert pages is not None  # every layout has one
    return pages


def export(layout: QgsPrintLayout, pdf: Path | None, png: Path | None) -> list[Path]:
    """Write the PDF (all pages) and PNG (one file per page: name.png, name_2.png, ...)."""
    exporter = QgsLayoutExporter(layout)
    written = []
    if pdf:
        pdf_settings = QgsLayoutExporter.PdfExportSettings()
        pdf_settings.dpi = 150
        if exporter.exportToPdf(str(pdf), pdf_settings) != QgsLayoutExporter.ExportResult.Success:
            raise OSError(tr("Could not write the PDF {}: {}").format(pdf, exporter.errorMessage()))
        written.append(Path(pdf))
    if png:
        png_settings = QgsLayoutExporter.ImageExportSettings()
        png_settings.dpi = 110
        png_settings.exportMetadata = False  # GDAL cannot update a PNG in place
        if exporter.exportToImage(str(png), png_settings) != QgsLayoutExporter.ExportResult.Success:
            raise OSError(tr("Could not write the PNG {}: {}").format(png, exporter.errorMessage()))
        png = Path(png)
        written.append(png)  # later pages: name_2.png, name_3.png, ...
        for n in range(2, _pages(layout).pageCount() + 1):
            written.append(png.with_name(f"{png.stem}_{n}{png.suffix}"))
    return written


def _new_page(layout: QgsPrintLayout) -> QgsLayoutItemPage:
    page = QgsLayoutItemPage(layout)
    page.setPageSize("A4", QgsLayoutItemPage.Orientation.Landscape)
    return page


def _place(layout, item, pos: tuple[float, float], size: tuple[float, float], page: int = 0):
    item.attemptMove(QgsLayoutPoint(pos[0], pos[1], MM), page=page)
    item.attemptResize(QgsLayoutSize(size[0], size[1], MM))


def _text_format(size: float, bold: bool = False) -> QgsTextFormat:
    text = QgsTextFormat()
    font = QFont(FONT)
    font.setBold(bold)
    text.setFont(font)
    text.setSize(size)
    text.setColor(QColor("#1a1a1a"))
    return text


def _label(layout, item_id: str, text: str, pos, size, font_size: float, bold=False, page=0):
    label = QgsLayoutItemLabel(layout)
    label.setId(item_id)
    label.setText(text)
    font = QFont(FONT)
    font.setPointSizeF(font_size)
    font.setBold(bold)
    label.setFont(font)
    layout.addLayoutItem(label)
    _place(layout, label, pos, size, page)
    return label


def _map(layout, project, districts, reports) -> QgsLayoutItemMap:
    item = QgsLayoutItemMap(layout)
    item.setId("map")
    item.setCrs(PL_1992)
    item.setLayers([reports, districts])
    item.setFrameEnabled(True)
    layout.addLayoutItem(item)
    _place(layout, item, MAP_POS, MAP_SIZE)
    box = QgsRectangle()
    for feature in districts.getFeatures():  # the layer's extent ignores a fresh subset
        box.combineExtentWith(feature.geometry().boundingBox())
    box = QgsCoordinateTransform(districts.crs(), PL_1992, project).transformBoundingBox(box)
    # the districts with a margin, grown on one side to the frame's shape
    width, height = box.width() * 1.08, box.height() * 1.08
    ratio = MAP_SIZE[0] / MAP_SIZE[1]
    width, height = max(width, height * ratio), max(height, width / ratio)
    center = box.center()
    item.setExtent(
        QgsRectangle(
            center.x() - width / 2,
            center.y() - height / 2,
            center.x() + width / 2,
            center.y() + height / 2,
        )
    )
    return item


def _legend(layout, map_item, project, reports) -> None:
    legend = QgsLayoutItemLegend(layout)
    legend.setId("legend")
    legend.setTitle(tr("Legend"))
    legend.setLinkedMap(map_item)
    legend.setLegendFilterByMapEnabled(True)  # only the statuses on the map
    legend.setAutoUpdateModel(True)
    for style, size in ((QgsLegendStyle.Style.Title, 11), (QgsLegendStyle.Style.Group, 9)):
        legend.setStyleFont(style, QFont(FONT, size))
    for style in (QgsLegendStyle.Style.Subgroup, QgsLegendStyle.Style.SymbolLabel):
        legend.setStyleFont(style, QFont(FONT, 8))
    # the overdue ring and the pending badge are drawn per report, never in the legend
    node = project.layerTreeRoot().findLayer(reports.id())
    for index, category in enumerate(reports.renderer().categories()):
        symbol = category.symbol().clone()
        while symbol.symbolLayerCount() > 2:  # the status circle and the category icon
            symbol.deleteSymbolLayer(symbol.symbolLayerCount() - 1)
        QgsMapLayerLegendUtils.setLegendNodeCustomSymbol(node, index, symbol)
    model = legend.model()
    assert model is not None  # a legend item always has its model
    model.refreshLayerLegend(node)
    layout.addLayoutItem(legend)
    _place(layout, legend, (200, 27), (87, 70))
    legend.setResizeToContents(True)
    _label(layout, "legend_note", tr("Red ring: past a deadline"), (200, 99), (87, 5), 8)


def _scale_bar(layout, map_item) -> None:
    bar = QgsLayoutItemScaleBar(layout)
    bar.setId("scale_bar")
    bar.setStyle("Single Box")
    bar.setLinkedMap(map_item)
    bar.setUnits(QgsUnitTypes.DistanceUnit.DistanceKilometers)  # type: ignore[attr-defined]  # 3.22 name
    bar.setUnitLabel(tr("km"))
    bar.setMapUnitsPerScaleBarUnit(1000)
    bar.setNumberOfSegments(3)
    bar.setNumberOfSegmentsLeft(0)
    bar.applyDefaultSize(QgsUnitTypes.DistanceUnit.DistanceKilometers)  # type: ignore[attr-defined]  # 3.22 name
    bar.setTextFormat(_text_format(8))
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(MARGIN + 3, 180, MM))


def _north_arrow(layout) -> None:
    arrow = QgsLayoutItemPicture(layout)
    arrow.setId("north_arrow")
    arrow.setPicturePath(str(NORTH_ARROW))
    layout.addLayoutItem(arrow)
    _place(layout, arrow, (MARGIN + 170, 29), (12, 12))


def _table(layout, item_id, columns, rows, pos, size, page, grows=False, font_size=7.5):
    """A manual table in a frame; ``columns``: (header, text width in mm), text wraps
    inside; each column adds 1.6 mm of cell margins to its width."""
    table = QgsLayoutItemManualTable.create(layout)
    assert table is not None  # create() makes a new one
    headers = []
    for text, width in columns:
        header = QgsLayoutTableColumn(text)
        header.setWidth(width)
        headers.append(header)
    table.setHeaders(headers)
    table.setColumnWidths([width for _, width in columns])
    table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
    table.setTableContents([[QgsTableCell(value) for value in row] for row in rows])
    table.setHeaderTextFormat(_text_format(font_size, bold=True))
    table.setContentTextFormat(_text_format(font_size))
    table.setIncludeTableHeader(True)
    table.setCellMargin(0.8)
    if grows:
        table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.ExtendToNextPage)
    layout.addMultiFrame(table)
    frame = QgsLayoutFrame(layout, table)
    frame.setId(item_id)
    _place(layout, frame, pos, size, page)
    table.addFrame(frame)
    return table


def _footer(layout, data: Briefing, page: int) -> None:
    _label(
        layout,
        f"footer_{page + 1}",
        tr("Prepared {} by {}. Source: KMZB store, local cache of the plugin.").format(
            data.generated_at.astimezone().strftime("%Y-%m-%d %H:%M"), data.author
        ),
        (MARGIN, PAGE_H - 8),
        (PAGE_W - 2 * MARGIN, 5),
        7,
        page=page,
    )
