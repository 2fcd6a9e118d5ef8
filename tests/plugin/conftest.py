"""Fixtures for tests inside a real QgsApplication (pytest-qgis, offscreen).

pytest-qgis's iface stubs out the calls that place widgets; here they act on its real
QMainWindow as QGIS's own iface does, so tests can count what the plugin leaves behind.
"""

from __future__ import annotations

import pytest
from pytest_qgis.qgis_interface import QgisInterface
from qgis.PyQt.QtWidgets import QToolBar


def _add_dock(self, area, dock):
    self.mainWindow().addDockWidget(area, dock)


def _remove_dock(self, dock):
    self.mainWindow().removeDockWidget(dock)


def _add_toolbar(self, toolbar):
    if isinstance(toolbar, str):
        toolbar = QToolBar(toolbar, self.mainWindow())
    self.mainWindow().addToolBar(toolbar)
    return toolbar


def _message_bar(self):
    """A real QgsMessageBar (the mock lacks createMessage/pushWidget) under the window."""
    from qgis.gui import QgsMessageBar

    if getattr(self, "_real_bar", None) is None:
        self._real_bar = QgsMessageBar(self.mainWindow())
    return self._real_bar


def _locator(self):
    """A real QgsLocator standing in for QGIS's search bar."""
    from qgis.core import QgsLocator

    if getattr(self, "_real_locator", None) is None:
        self._real_locator = QgsLocator()
    return self._real_locator


def _register_locator_filter(self, locator_filter):
    _locator(self).registerFilter(locator_filter)


def _deregister_locator_filter(self, locator_filter):
    _locator(self).deregisterFilter(locator_filter)


QgisInterface.messageBar = _message_bar
QgisInterface.locator = _locator
QgisInterface.registerLocatorFilter = _register_locator_filter
QgisInterface.deregisterLocatorFilter = _deregister_locator_filter
QgisInterface.addDockWidget = _add_dock
QgisInterface.removeDockWidget = _remove_dock
QgisInterface.addToolBar = _add_toolbar


@pytest.fixture
def qgis_settings_dir(tmp_path, monkeypatch):
    """An empty profile folder so caches and settings of one test never leak into another."""
    from qgis.core import QgsApplication, QgsSettings

    profile = tmp_path / "profile"
    profile.mkdir()
    monkeypatch.setattr(QgsApplication, "qgisSettingsDirPath", staticmethod(lambda: str(profile)))
    QgsSettings().remove("kmzb")
    yield profile
    QgsSettings().remove("kmzb")


# --- the real store, loaded with the store tests' known fixture data ---------------------
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))


def start_store(tmp_path):
    """A real store on loopback (SQLite) with 7 districts and 56 known reports, and tokens
    of an admin, an analityk (KGP) and the dzielnicowy of D-A1-1."""
    from fixture_data import fixture_data
    from store_server import StoreServer

    server = StoreServer(db_url=None, tmp_path=tmp_path)
    server.load_fixture(fixture_data())
    server.tokens = {
        "admin": server.create_user("admin", "admin"),
        "analityk": server.create_user("analityk", "analityk", unit="KGP"),
        "dzielnicowy": server.create_user("dzielnicowy", "dzielnicowy", districts=["D-A1-1"]),
    }
    return server


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    server = start_store(tmp_path_factory.mktemp("store"))
    yield server
    server.close()


def as_admin(store, path: str):
    """GET an API path as the admin (to see what the store holds), decoded."""
    import requests

    return requests.get(
        f"{store.api}{path}",
        timeout=30,
        headers={"Authorization": f"Bearer {store.tokens['admin']}"},
    ).json()


def admin_change(store, report_id: int, status: str, note: str | None = None) -> dict:
    """Change a report on the store as someone else would (the admin)."""
    import uuid

    import requests

    feature = as_admin(store, f"/reports/{report_id}")
    change = {
        "op_id": str(uuid.uuid4()),
        "report_id": report_id,
        "base_revision": feature["properties"]["revision"],
        "status": status,
    }
    if note:
        change["note"] = note
    answer = requests.post(
        f"{store.api}/verifications",
        json={"changes": [change]},
        timeout=30,
        headers={"Authorization": f"Bearer {store.tokens['admin']}"},
    )
    return answer.json()["results"][0]


@pytest.fixture
def officer(store, tmp_path):
    """A dzielnicowy's cache with his reports pulled."""
    from kmzb_qgis_plugin.core.api_client import StoreClient
    from kmzb_qgis_plugin.core.cache import Cache
    from kmzb_qgis_plugin.core.sync import pull

    cache = Cache(tmp_path / "officer.gpkg")
    pull(StoreClient(store.url, store.tokens["dzielnicowy"]), cache)
    yield cache
    cache.close()


def meta_of(cache):
    import json

    from kmzb_qgis_plugin.core.model import Meta

    return Meta.from_json(json.loads(cache.get_state("meta")))


_ips = iter(range(1, 60000))


def submit(store, lon=20.05, lat=52.05, category="parkowanie", **fields) -> int:
    """A resident's report on the store (by default in the officer's district D-A1-1), each
    from its own address; its id."""
    import requests

    ip = next(_ips)
    answer = requests.post(
        f"{store.api}/public/reports",
        timeout=30,
        json={"category": category, "lon": lon, "lat": lat, **fields},
        headers={"X-Forwarded-For": f"198.19.{ip // 250}.{ip % 250 + 1}"},
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def my_reports(cache, store, n: int) -> list[int]:
    """n new reports filed by residents in the officer's district D-A1-1, pulled."""
    from kmzb_qgis_plugin.core.api_client import StoreClient
    from kmzb_qgis_plugin.core.sync import pull

    ids = [submit(store, description="Auta na chodniku.") for _ in range(n)]
    pull(StoreClient(store.url, store.tokens["dzielnicowy"]), cache)
    assert all(cache.report(i)["status"] == "nowe" for i in ids)
    return ids


def history(store, report_id: int) -> list[dict]:
    return as_admin(store, f"/reports/{report_id}/history")


@pytest.fixture
def auth_token_config(qgis_app):
    """Store a token in the QGIS authentication database; returns a factory of authcfg ids."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("kmzb-test-master", True)
    made = []

    def make(token: str, user: str = "test") -> str:
        config = QgsAuthMethodConfig("Basic")
        config.setName(f"KMZB {user}")
        config.setConfig("username", user)
        config.setConfig("password", token)
        assert manager.storeAuthenticationConfig(config)[0]
        made.append(config.id())
        return config.id()

    yield make
    for authcfg in made:
        manager.removeAuthenticationConfig(authcfg)


# --- the kmzb Processing provider ----------------------------------------------------------
@pytest.fixture
def provider(qgis_processing):
    """The kmzb provider registered for one test."""
    from qgis.core import QgsApplication

    from kmzb_qgis_plugin.processing.provider import KmzbProvider

    provider = KmzbProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    yield provider
    QgsApplication.processingRegistry().removeProvider(provider)


@pytest.fixture
def run_algorithm(provider):
    """run(algorithm_id, parameters) -> (results, context), in the current project."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    def run(algorithm_id: str, parameters: dict):
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        results = processing.run(
            algorithm_id, parameters, context=context, feedback=QgsProcessingFeedback()
        )
        return results, context

    return run


@pytest.fixture
def pulled_plugin(store, qgis_iface, qgis_settings_dir, auth_token_config, qtbot):
    """A factory: the plugin loaded (English) for one of the store's users, after one pull
    from the dock; unloaded and the project cleared afterwards."""
    from qgis.core import QgsProject, QgsSettings

    import kmzb_qgis_plugin
    from kmzb_qgis_plugin.core import settings

    loaded = []

    def make(role: str, connection: str):
        QgsProject.instance().clear()
        QgsSettings().setValue("locale/userLocale", "en_US")
        authcfg = auth_token_config(store.tokens[role], role)
        settings.save_connection(settings.Connection(connection, store.url, authcfg))
        settings.set_active_connection(connection)
        plugin = kmzb_qgis_plugin.classFactory(qgis_iface)
        plugin.initGui()
        loaded.append(plugin)
        finished = []
        plugin.controller.pull_finished.connect(lambda r, e: finished.append(e))
        plugin.dock.pull()
        qtbot.waitUntil(lambda: bool(finished), timeout=30000)
        assert finished[0] is None, finished[0].detail
        return plugin

    yield make
    for plugin in loaded:
        plugin.unload()
    qtbot.wait(10)
    QgsProject.instance().clear()
