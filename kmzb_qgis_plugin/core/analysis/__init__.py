"""The analyst toolkit's numerical core: hot spots, kernel density, near repeats, trends.

Pure numpy/scipy on coordinates in metres (EPSG:2180) and epoch seconds; no widgets and
no QGIS layers, so it is tested in milliseconds and wrapped by thin Processing algorithms.
"""
