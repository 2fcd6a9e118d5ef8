"""The kmzb Processing algorithms run like any other: pull, then push the outbox."""

from __future__ import annotations

import json

import pytest
from conftest import as_admin

from kmzb_qgis_plugin.core import settings
from kmzb_qgis_plugin.core.cache import Cache
from kmzb_qgis_plugin.core.model import Meta
from kmzb_qgis_plugin.core.verify import save_changes


def test_pull_and_push_algorithms(store, run_algorithm, qgis_settings_dir, auth_token_config):
    run = run_algorithm
    authcfg = auth_token_config(store.tokens["dzielnicowy"], "dzielnicowy")
    settings.save_connection(settings.Connection("proc", store.url, authcfg))
    pulled, context = run("kmzb:pull_reports", {"CONNECTION": "proc", "STATUS": "nowe"})
    assert pulled["PULLED"] > 0
    assert pulled["OUTPUT"].endswith("|layername=reports")
    assert list(context.layersToLoadOnCompletion())

    conn = settings.connection("proc")
    cache = Cache(settings.cache_path(conn))
    try:
        statuses = {r[0] for r in cache.db.execute("SELECT DISTINCT status FROM reports")}
        assert statuses == {"nowe"}
        me = json.loads(cache.get_state("me"))
        (report_id,) = cache.db.execute(
            f"SELECT fid FROM reports WHERE district_id IN ({','.join('?' * len(me['districts']))})"
            " AND pending = 0 LIMIT 1",
            me["districts"],
        ).fetchone()
        meta = Meta.from_json(json.loads(cache.get_state("meta")))
        save_changes(cache, meta, [report_id], "weryfikacja", "Przyjęte do weryfikacji.")
    finally:
        cache.close()
    pushed, _ = run("kmzb:push_verifications", {"CONNECTION": "proc"})
    assert pushed == {"APPLIED": 1, "CONFLICTS": 0, "REJECTED": 0, "WAITING": 0}
    remote = as_admin(store, f"/reports/{report_id}")
    assert remote["properties"]["status"] == "weryfikacja"


def test_unknown_connection_is_a_clear_error(run_algorithm, qgis_settings_dir):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="No KMZB connection"):
        run_algorithm("kmzb:push_verifications", {"CONNECTION": "nope"})
