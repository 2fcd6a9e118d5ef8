"""Issue 5 figure: pushing 1,000 queued verifications from the outbox to the store on
loopback, beside a bare HTTP POST of an equal batch (no cache, no outbox) as reference.

    .venv/bin/python bench/bench_push.py [REPORTS=150000] [CHANGES=1000]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import requests  # noqa: E402
from store_process import BenchStore  # noqa: E402

from kmzb_qgis_plugin.core.api_client import StoreClient  # noqa: E402
from kmzb_qgis_plugin.core.cache import Cache  # noqa: E402
from kmzb_qgis_plugin.core.model import Meta  # noqa: E402
from kmzb_qgis_plugin.core.push import push  # noqa: E402
from kmzb_qgis_plugin.core.sync import pull  # noqa: E402
from kmzb_qgis_plugin.core.verify import save_changes  # noqa: E402


def main() -> None:
    reports = int(sys.argv[1]) if len(sys.argv) > 1 else 150_000
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    with tempfile.TemporaryDirectory(prefix="kmzb-bench-") as tmp:
        store = BenchStore(Path(tmp))
        store.cli("init")
        store.cli("demo-data", "--reports", str(reports), "--seed", "3")
        token = store.token("bench-kierownik", "kierownik", "KGP")
        store.start()
        try:
            client = StoreClient(store.url, token)
            cache = Cache(Path(tmp) / "cache.gpkg")
            pull(client, cache)
            meta = Meta.from_json(json.loads(cache.get_state("meta")))
            rows = cache.db.execute(
                f"SELECT fid, revision FROM reports WHERE status='nowe' ORDER BY fid LIMIT {2 * n}"
            ).fetchall()
            assert len(rows) == 2 * n, f"need {2 * n} open reports, have {len(rows)}"
            mine, reference = rows[:n], rows[n:]
            t = time.perf_counter()
            save_changes(cache, meta, [fid for fid, _ in mine], "weryfikacja", "Podjęte.")
            queued = time.perf_counter() - t
            t = time.perf_counter()
            result = push(client, cache, batch_size=1000)
            pushed = time.perf_counter() - t
            assert result.applied == n and cache.pending_count() == 0, result
            changes = [
                {
                    "op_id": str(uuid.uuid4()),
                    "report_id": fid,
                    "base_revision": rev,
                    "status": "weryfikacja",
                    "note": "Podjęte.",
                }
                for fid, rev in reference
            ]
            t = time.perf_counter()
            answer = requests.post(
                f"{store.url}/api/v1/verifications",
                timeout=60,
                json={"changes": changes},
                headers={"Authorization": f"Bearer {token}"},
            )
            bare = time.perf_counter() - t
            assert answer.ok and all(r["result"] == "applied" for r in answer.json()["results"])
            cache.close()
        finally:
            store.stop()
    print(f"data: {reports:,} demo reports on SQLite; {n:,} changes by a kierownik")
    print(f"queue {n:,} changes (cache + outbox, one transaction): {queued:.3f} s")
    print(f"push {n:,} queued changes:  {pushed:.3f} s (target <= 2 s), {result.batches} batch(es)")
    print(f"bare POST of {n:,} changes:  {bare:.3f} s (reference: store work + HTTP only)")
    print(f"ratio push/bare: {pushed / bare:.2f}")


if __name__ == "__main__":
    main()
