"""Writing a density grid as a GeoTIFF in EPSG:2180 (GDAL, shipped with QGIS)."""

from __future__ import annotations

from pathlib import Path

from ...i18n import tr
from ..errors import AnalysisError
from .kde import Density


def write_geotiff(density: Density, path: str | Path) -> str:
    from osgeo import gdal, osr

    rows, cols = density.values.shape
    driver = gdal.GetDriverByName("GTiff")
    dataset = driver.Create(
        str(path), cols, rows, 1, gdal.GDT_Float32, options=["COMPRESS=DEFLATE", "TILED=YES"]
    )
    if dataset is None:
        raise AnalysisError(tr("Cannot write the raster {}.").format(path), gdal.GetLastErrorMsg())
    dataset.SetGeoTransform((density.xmin, density.pixel, 0, density.ymax, 0, -density.pixel))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2180)
    dataset.SetProjection(srs.ExportToWkt())
    band = dataset.GetRasterBand(1)
    band.WriteArray(density.values.astype("float32"))
    band.SetDescription(tr("Reports per km²"))
    dataset.FlushCache()
    dataset = None
    return str(path)
