"""The picture of the reports overview for the analyst's guide: the plugin's own layers (as
``layers.add_to_project`` makes them) over a pulled cache, rendered by QGIS as its canvas
does, over the whole of Poland (where the overview stands in for the reports).

    .venv/bin/python scripts/overview_picture.py CACHE.gpkg [OUT_DIR]

CACHE.gpkg: a cache after a pull, e.g. one kept by ``bench/bench_pull.py``; OUT_DIR
defaults to docs/img (overview-poland.png).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFillSymbol,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QEventLoop, QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def render(layers: list, extent: QgsRectangle, out: Path) -> None:
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:2180"))
    to_pl = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), settings.destinationCrs(), QgsProject.instance()
    )
    settings.setExtent(to_pl.transformBoundingBox(extent))
    settings.setOutputSize(QSize(1200, 900))
    settings.setBackgroundColor(QColor("#dfe9f2"))
    job = QgsMapRendererParallelJob(settings)
    loop = QEventLoop()
    job.finished.connect(loop.quit)
    job.start()
    loop.exec()
    job.renderedImage().save(str(out))
    print(f"{out} at 1:{settings.scale():,.0f}")


def main() -> None:
    cache_path = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "img"
    app = QgsApplication([], False)
    app.initQgis()
    from kmzb_qgis_plugin.core.cache import Cache
    from kmzb_qgis_plugin.core.layers import add_to_project
    from kmzb_qgis_plugin.core.model import Meta

    cache = Cache(cache_path)
    meta = Meta.from_json(json.loads(cache.get_state("meta") or "{}"))
    cache.close()
    reports, overview, districts = add_to_project(QgsProject.instance(), cache_path, meta, "KMZB")
    world = QgsApplication.pkgDataPath() + "/resources/data/world_map.gpkg|layername=countries"
    land = QgsVectorLayer(world, "countries", "ogr")
    land.renderer().setSymbol(
        QgsFillSymbol.createSimple({"color": "#f7f5f0", "outline_color": "#9a9a9a"})
    )
    stack = [reports, overview, districts, land]
    render(stack, QgsRectangle(13.8, 48.9, 24.4, 55.0), out / "overview-poland.png")
    app.exitQgis()


if __name__ == "__main__":
    main()
