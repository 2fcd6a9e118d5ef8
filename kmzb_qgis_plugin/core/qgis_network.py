"""What the plugin's requests need from QGIS besides its network stack (which brings the
proxy and the trusted certificate authorities): the token from the auth database."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsApplication, QgsAuthMethodConfig

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


@dataclass
class StoreAccess:
    """What a background task needs to reach the store; gathered on the main thread."""

    url: str
    token: str

    def client(self) -> StoreClient:
        return StoreClient(self.url, self.token)


def store_access(conn: settings.Connection) -> StoreAccess:
    """The URL and token of a connection; call on the main thread (auth manager)."""
    return StoreAccess(conn.url, token_from_authcfg(conn.authcfg))
