"""Plugin settings, all under the ``kmzb/`` key; secrets never live here (only authcfg ids)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from qgis.core import QgsApplication, QgsSettings

PREFIX = "kmzb"


@dataclass(frozen=True)
class Connection:
    name: str
    url: str
    authcfg: str = ""

    @property
    def slug(self) -> str:
        return re.sub(r"[^A-Za-z0-9_-]+", "_", self.name).strip("_") or "connection"


def connections() -> list[Connection]:
    s = QgsSettings()
    s.beginGroup(f"{PREFIX}/connections")
    names = s.childGroups()
    s.endGroup()
    return [connection(n) for n in sorted(names)]


def connection(name: str) -> Connection:
    s = QgsSettings()
    base = f"{PREFIX}/connections/{name}"
    return Connection(
        name, s.value(f"{base}/url", "", type=str), s.value(f"{base}/authcfg", "", type=str)
    )


def save_connection(conn: Connection) -> None:
    s = QgsSettings()
    base = f"{PREFIX}/connections/{conn.name}"
    s.setValue(f"{base}/url", conn.url)
    s.setValue(f"{base}/authcfg", conn.authcfg)


def delete_connection(name: str) -> None:
    QgsSettings().remove(f"{PREFIX}/connections/{name}")


def active_connection_name() -> str:
    return QgsSettings().value(f"{PREFIX}/active_connection", "", type=str)


def set_active_connection(name: str) -> None:
    QgsSettings().setValue(f"{PREFIX}/active_connection", name)


def find_connection(name: str = "") -> Connection | None:
    """The connection called ``name``; without a name the active one, else the first one
    (how the dock, the controller and the Processing algorithms find theirs)."""
    known = {c.name: c for c in connections()}
    if name:
        return known.get(name)
    return known.get(active_connection_name()) or next(iter(known.values()), None)


def cache_dir() -> Path:
    """Where the GeoPackage caches live: the active QGIS profile's folder."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "kmzb"


def cache_path(conn: Connection) -> Path:
    return cache_dir() / f"{conn.slug}.gpkg"


DEFAULT_SYNC_INTERVAL_S = 300  # background sync: every 5 minutes


def sync_enabled() -> bool:
    return QgsSettings().value(f"{PREFIX}/sync/enabled", True, type=bool)


def set_sync_enabled(enabled: bool) -> None:
    QgsSettings().setValue(f"{PREFIX}/sync/enabled", bool(enabled))


def sync_interval_s() -> float:
    """Seconds between background pulls (tests set a fraction of a second)."""
    value = QgsSettings().value(f"{PREFIX}/sync/interval_s", DEFAULT_SYNC_INTERVAL_S, type=float)
    return value if value and value > 0 else DEFAULT_SYNC_INTERVAL_S


def set_sync_interval_s(seconds: float) -> None:
    QgsSettings().setValue(f"{PREFIX}/sync/interval_s", float(seconds))
