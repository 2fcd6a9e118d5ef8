"""KMZB for QGIS: entry point. Imports lazily so QGIS starts fast."""


def classFactory(iface):
    """Create the plugin instance; QGIS calls this once at load."""
    from .plugin import KmzbPlugin

    return KmzbPlugin(iface)
