"""KMZB central store: the report service the KMZB QGIS plugin syncs with."""

__version__ = "0.1.0"
