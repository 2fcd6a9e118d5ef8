"""QGIS's network options apply to the plugin's requests: the HTTP proxy from Settings >
Options > Network, and certificate authorities added to the QGIS authentication database."""

from __future__ import annotations

import subprocess

import pytest
from fault_proxy import FaultProxy
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtNetwork import QSslCertificate

from kmzb_qgis_plugin.core import errors, settings
from kmzb_qgis_plugin.core.qgis_network import store_access


@pytest.fixture
def qgis_proxy(store, monkeypatch):
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    proxy = FaultProxy(store.url)
    s = QgsSettings()
    s.setValue("proxy/proxyEnabled", True)
    s.setValue("proxy/proxyType", "HttpProxy")
    s.setValue("proxy/proxyHost", "127.0.0.1")
    s.setValue("proxy/proxyPort", proxy.url.rsplit(":", 1)[1])
    yield proxy
    s.remove("proxy")
    proxy.close()


def test_requests_go_through_the_qgis_proxy(
    store, qgis_settings_dir, qgis_proxy, auth_token_config
):
    conn = settings.Connection("Via proxy", store.url, auth_token_config(store.tokens["analityk"]))
    client = store_access(conn).client()
    try:
        assert client.me()["role"] == "analityk"
    finally:
        client.close()
    assert (
        "GET",
        f"{store.url}/api/v1/me",
        "pass",
    ) in qgis_proxy.requests  # absolute form: sent to a proxy, not to the store


def make_certificates(folder) -> tuple[str, str, str]:
    """A police-internal CA and a server certificate for 127.0.0.1 signed by it."""

    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=folder)

    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-subj",
        "/CN=KMZB Test Police CA",
    )
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    )
    (folder / "san.cnf").write_text("subjectAltName=IP:127.0.0.1\n")
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-out",
        "server.pem",
        "-extfile",
        "san.cnf",
    )
    return str(folder / "ca.pem"), str(folder / "server.pem"), str(folder / "server.key")


def test_certificate_authority_from_the_qgis_auth_database(
    store, qgis_settings_dir, auth_token_config, tmp_path, monkeypatch
):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")  # ignored
    ca, cert, key = make_certificates(tmp_path)
    https = FaultProxy(store.url, tls=(cert, key))
    conn = settings.Connection("TLS", https.url, auth_token_config(store.tokens["analityk"]))
    manager = QgsApplication.authManager()
    (authority,) = QSslCertificate.fromPath(ca)
    try:
        with pytest.raises(errors.StoreUnreachable, match="certificate"):
            store_access(conn).client().me()
        assert manager.storeCertAuthority(authority)
        manager.rebuildCaCertsCache()
        manager.rebuildCertTrustCache()
        manager.rebuildTrustedCaCertsCache()
        trusted = [c.toPem() for c in manager.trustedCaCertsCache()]
        assert authority.toPem() in trusted, len(trusted)
        client = store_access(conn).client()
        try:
            assert client.me()["role"] == "analityk"
        finally:
            client.close()
    finally:
        manager.removeCertAuthority(authority)
        manager.rebuildCaCertsCache()
        manager.rebuildTrustedCaCertsCache()
        https.close()
