"""A QGIS process that pushes a cache's outbox and can be killed at any moment.

``python push_worker.py CACHE URL TOKEN BATCH_SIZE``: starts a QgsApplication (as QGIS
does), opens the cache and runs the plugin's push. Tests SIGKILL it mid-push.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qgis.core import QgsApplication

from kmzb_qgis_plugin.core.api_client import StoreClient, make_retry
from kmzb_qgis_plugin.core.cache import Cache
from kmzb_qgis_plugin.core.push import push


def main(cache_path: str, url: str, token: str, batch_size: str) -> None:
    app = QgsApplication([], False)
    app.initQgis()
    cache = Cache(Path(cache_path))
    result = push(
        StoreClient(url, token, retry=make_retry(total=0)), cache, batch_size=int(batch_size)
    )
    print(f"applied {result.applied}", flush=True)
    cache.close()
    app.exitQgis()


if __name__ == "__main__":
    main(*sys.argv[1:])
