"""What the plugin's requests need from QGIS: the token from the auth database, the proxy
and the certificate authorities configured in QGIS's options."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsSettings

from ..i18n import tr
from . import settings
from .api_client import StoreClient
from .errors import AuthExpired


def token_from_authcfg(authcfg: str) -> str:
    """The store token kept in the QGIS authentication database under ``authcfg``.

    Accepts a Basic config (token in the password field) or an API-header/ESRI-token style
    config with a ``token`` key. Call it on the main thread (the auth manager is not
    thread-safe before it has been initialised there).
    """
    if not authcfg:
        raise AuthExpired(tr("No credentials are set for this connection."))
    config = QgsAuthMethodConfig()
    manager = QgsApplication.authManager()
    if manager is None or not manager.loadAuthenticationConfig(authcfg, config, True):
        raise AuthExpired(
            tr(
                "The credentials of this connection cannot be read from the "
                "QGIS authentication database."
            )
        )
    token = config.config("token") or config.config("password")
    if not token:
        raise AuthExpired(tr("The authentication configuration holds no token."))
    return token


def proxies_from_qgis() -> dict[str, str]:
    """QGIS's HTTP proxy (Settings > Options > Network) as a requests proxies dict."""
    s = QgsSettings()
    if not s.value("proxy/proxyEnabled", False, type=bool):
        return {}
    host = s.value("proxy/proxyHost", "", type=str)
    port = s.value("proxy/proxyPort", "", type=str)
    if not host:
        return {}
    user = s.value("proxy/proxyUser", "", type=str)
    password = s.value("proxy/proxyPassword", "", type=str)
    auth = f"{quote(user)}:{quote(password)}@" if user else ""
    url = f"http://{auth}{host}{':' + port if port else ''}"
    return {"http": url, "https": url}


def ca_bundle_from_qgis(folder: Path) -> str | bool:
    """A PEM file with every certificate authority QGIS trusts (system and user-added), so
    internal police CAs work; True (requests' default) when QGIS has none to add."""
    manager = QgsApplication.authManager()
    certs = manager.trustedCaCertsCache() if manager is not None else []
    if not certs:
        return True
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ca-bundle.pem"
    path.write_bytes(b"".join(bytes(c.toPem()) for c in certs))
    return str(path)


@dataclass
class StoreAccess:
    """What a background task needs to reach the store; gathered on the main thread."""

    url: str
    token: str
    proxies: dict
    verify: bool | str

    def client(self) -> StoreClient:
        return StoreClient(self.url, self.token, proxies=self.proxies, verify=self.verify)


def store_access(conn: settings.Connection) -> StoreAccess:
    """Token, proxy and CAs for a connection; call on the main thread (auth manager)."""
    return StoreAccess(
        conn.url,
        token_from_authcfg(conn.authcfg),
        proxies_from_qgis(),
        ca_bundle_from_qgis(settings.cache_dir()),
    )
