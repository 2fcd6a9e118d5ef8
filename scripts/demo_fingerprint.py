"""Fingerprint of the demo data for fixed seeds and a fixed ``now``: a refactoring of
kmzb_store/demo must print the same lines before and after (same seed, same data).

    .venv/bin/python scripts/demo_fingerprint.py [module]   # default: kmzb_store.demo
"""

from __future__ import annotations

import hashlib
import importlib
import sys
from datetime import UTC, datetime

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
RUNS = ((1, 70000, False), (7, 5000, True))  # 70,000 reports: more than one numpy chunk


def main() -> None:
    demo = importlib.import_module(sys.argv[1] if len(sys.argv) > 1 else "kmzb_store.demo")
    for seed, n, full in RUNS:
        data = demo.generate(reports=n, days=60, seed=seed, full_scale=full, now=NOW)
        h = hashlib.sha256()
        h.update(repr(data.units).encode())
        h.update(repr(sorted(data.unit_seats.items())).encode())
        for d in data.districts:
            h.update(repr({k: v for k, v in d.items() if k != "geometry"}).encode())
            h.update(d["geometry"].wkb)
        count = 0
        for r in data.reports:
            h.update(repr(sorted(r.items())).encode())
            count += 1
        print(
            f"seed={seed} full_scale={full} units={len(data.units)} "
            f"districts={len(data.districts)} reports={count} sha256={h.hexdigest()}"
        )


if __name__ == "__main__":
    main()
