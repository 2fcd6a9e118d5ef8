"""Builds the demo's QGIS profile content; runs inside QGIS (QGIS_CUSTOM_CONFIG_PATH and
QGIS_AUTH_* point at the throwaway profile)."""

from __future__ import annotations

import os
from pathlib import Path


def build(profile: str, url: str, token: str, user: str, connection: str, project_path: str):
    from qgis.core import (
        QgsApplication,
        QgsAuthMethodConfig,
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsProject,
        QgsReferencedRectangle,
        QgsSettings,
    )
    from qgis.PyQt.QtCore import QCoreApplication, QSettings

    # as the QGIS launcher does: settings in <profile>/QGIS/QGIS3.ini, not the user's own
    QCoreApplication.setOrganizationName("QGIS")
    QCoreApplication.setApplicationName("QGIS3")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, profile)
    app = QgsApplication([], False, profile)
    app.initQgis()
    from qgis.PyQt.QtCore import QTranslator

    translator = QTranslator()  # layer names in the project in the user's language (Polish)
    if translator.load(str(Path(__file__).resolve().parent.parent / "i18n" / "kmzb_pl.qm")):
        QCoreApplication.installTranslator(translator)
    from kmzb_qgis_plugin.core import settings
    from kmzb_qgis_plugin.core.api_client import StoreClient
    from kmzb_qgis_plugin.core.cache import Cache
    from kmzb_qgis_plugin.core.layers import add_to_project
    from kmzb_qgis_plugin.core.model import Meta
    from kmzb_qgis_plugin.core.sync import pull

    manager = QgsApplication.authManager()
    # a fresh auth database stores the hash of the first master password it is given; later
    # QGIS and qgis_process runs read it from QGIS_AUTH_PASSWORD_FILE without asking
    password = Path(os.environ["QGIS_AUTH_PASSWORD_FILE"]).read_text()
    assert manager.setMasterPassword(password, True), "could not set the master password"
    config = QgsAuthMethodConfig("Basic")
    config.setName(f"KMZB demo — {user}")
    config.setConfig("username", user)
    config.setConfig("password", token)
    ok, config = manager.storeAuthenticationConfig(config)
    assert ok, "could not store the demo credentials"
    settings.save_connection(settings.Connection(connection, url, config.id()))
    settings.set_active_connection(connection)
    s = QgsSettings()
    s.setValue("PythonPlugins/kmzb_qgis_plugin", True)
    s.setValue("locale/overrideFlag", True)
    s.setValue("locale/userLocale", "pl_PL")
    s.setValue("locale/globalLocale", "pl_PL")
    s.setValue("qgis/checkVersion", False)
    s.sync()

    conn = settings.connection(connection)
    cache = Cache(settings.cache_path(conn))
    result = pull(StoreClient(url, token), cache)
    meta = Meta.from_json(__import__("json").loads(cache.get_state("meta")))
    me = __import__("json").loads(cache.get_state("me"))
    cache.close()
    print(
        f"[demo] pulled {result.upserted:,} reports and {result.districts} districts "
        f"into {settings.cache_path(conn)}"
    )
    project = QgsProject.instance()
    reports, _, districts = add_to_project(
        project, settings.cache_path(conn), meta, f"KMZB — {connection}"
    )
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:2180"))
    mine = [f for f in districts.getFeatures() if f.id() in me.get("districts", [])]
    extent = mine[0].geometry().boundingBox() if mine else reports.extent()
    extent.grow(0.01)
    to_2180 = QgsCoordinateTransform(districts.crs(), project.crs(), project)
    view = to_2180.transformBoundingBox(extent)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(view, project.crs()))
    project.write(project_path)
    print(f"[demo] project written: {Path(project_path).name}")
    app.exitQgis()
