"""Residents' reports: JSON and multipart, attachments (type by extension and content, count,
size), the one-per-IP-per-day rule, and the reporter's IP never leaving the store."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3

import requests
from conftest import fresh_ip

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
GP3 = b"\x00\x00\x00\x18ftyp3gp4\x00\x00\x00\x00" + b"\x00" * 50
MOV = b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00" + b"\x00" * 50
TXT = "Zdjęcie z miejsca zdarzenia.\n".encode()


def post_multipart(store, report, files, ip=None):
    data = [("report", (None, json.dumps(report), "application/json"))]
    data += [("files", f) for f in files]
    return requests.post(
        store.api + "/public/reports",
        files=data,
        headers={"X-Forwarded-For": ip or fresh_ip()},
        timeout=60,
    )


REPORT = {"category": "wandalizm", "lon": 20.05, "lat": 52.05, "description": "Zniszczona wiata"}


def test_json_report_with_all_fields(store):
    rid = store.submit(
        20.05,
        52.05,
        category="alkohol",
        description="Picie pod sklepem",
        event_date="2026-01-02",
        event_time="18:30",
        time_of_day="wieczor",
        days_of_week="wt,pn",
    )
    p = store.feature(rid)["properties"]
    assert p["category"] == "alkohol" and p["description"] == "Picie pod sklepem"
    assert p["event_date"] == "2026-01-02" and p["event_time"] == "18:30"
    assert p["time_of_day"] == "wieczor" and p["days_of_week"] == "pn,wt"
    assert p["status"] == "nowe" and p["attachments"] == 0


def test_multipart_with_three_files_and_download(store):
    files = [
        ("zdjęcie.JPG", JPEG, "image/jpeg"),
        ("../../etc/passwd.pdf", PDF, "application/pdf"),
        ("notatka.txt", TXT, "text/plain"),
    ]
    r = post_multipart(store, REPORT, files)
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    f = store.feature(rid)
    assert f["properties"]["attachments"] == 3
    listed = f["properties"]["attachment_files"]
    assert [a["n"] for a in listed] == [0, 1, 2]
    assert listed[0]["name"] == "zdjęcie.JPG" and listed[0]["content_type"] == "image/jpeg"
    assert listed[1]["name"] == "passwd.pdf"  # display text only, no directories
    assert [a["size"] for a in listed] == [len(JPEG), len(PDF), len(TXT)]
    for n, (_, content, _) in enumerate(files):
        r = store.get(f"/reports/{rid}/attachments/{n}", "kierownik_a1")
        assert r.status_code == 200 and r.content == content
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert "attachment" in r.headers["Content-Disposition"]
    assert store.get(f"/reports/{rid}/attachments/0", "kierownik_b1").status_code == 404
    assert store.get(f"/reports/{rid}/attachments/3", "admin").status_code == 422


def test_all_allowed_types(store):
    for name, content in [("a.jpeg", JPEG), ("a.doc", DOC), ("a.3gp", GP3), ("a.mov", MOV)]:
        r = post_multipart(store, REPORT, [(name, content, "application/octet-stream")])
        assert r.status_code == 201, (name, r.text)


def test_attachment_rules(store):
    before = store.revision()
    cases = [
        ([("a.exe", b"MZ" + b"\x00" * 50, "application/octet-stream")], 422),
        ([("photo.jpg", PDF, "image/jpeg")], 422),  # extension says jpg, content is a PDF
        ([("doc.pdf", JPEG, "application/pdf")], 422),
        ([("a.txt", b"abc\x00def", "text/plain")], 422),
        ([("empty.jpg", b"", "image/jpeg")], 422),
        ([("noext", JPEG, "image/jpeg")], 422),
        ([(f"{i}.jpg", JPEG, "image/jpeg") for i in range(4)], 422),  # four files
        ([(f"{i}.jpg", JPEG + b"\x00" * 1_800_000, "image/jpeg") for i in range(3)], 413),
    ]
    for files, status in cases:
        r = post_multipart(store, REPORT, files)
        assert r.status_code == status, (files[0][0], r.text)
        assert set(r.json()["error"]) == {"code", "message"}
    assert store.revision() == before  # nothing stored


def test_one_report_per_ip_per_day(store):
    ip = fresh_ip()
    ok = requests.post(
        store.api + "/public/reports",
        json=REPORT,
        headers={"X-Forwarded-For": ip},
        timeout=30,
    )
    assert ok.status_code == 201
    again = requests.post(
        store.api + "/public/reports",
        json=REPORT,
        headers={"X-Forwarded-For": ip},
        timeout=30,
    )
    assert again.status_code == 429
    retry = int(again.headers["Retry-After"])
    assert 86000 < retry <= 86400
    assert again.json()["error"]["code"] == "rate_limited"
    # a bad report from the same IP is still 422 (validation first), not stored
    bad = requests.post(
        store.api + "/public/reports",
        json={**REPORT, "category": "nope"},
        headers={"X-Forwarded-For": ip},
        timeout=30,
    )
    assert bad.status_code == 422


def _ip_hash(store, ip: str) -> str:
    if store.server.dialect == "sqlite":
        path = store.server.db_url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as c:
            salt = c.execute("SELECT value FROM settings WHERE key = 'ip_salt'").fetchone()[0]
    else:
        import psycopg

        with psycopg.connect(store.server.db_url) as c:
            salt = c.execute("SELECT value FROM settings WHERE key = 'ip_salt'").fetchone()[0]
    return hmac.new(salt.encode(), ip.encode(), hashlib.sha256).hexdigest()


def test_ip_never_leaves_the_store(store):
    ip = "203.0.113.77"
    r = requests.post(
        store.api + "/public/reports",
        json={**REPORT, "description": "adres testowy"},
        headers={"X-Forwarded-For": ip},
        timeout=30,
    )
    assert r.status_code == 201
    rid = r.json()["id"]
    second = requests.post(
        store.api + "/public/reports", json=REPORT, headers={"X-Forwarded-For": ip}, timeout=30
    )
    assert second.status_code == 429
    digest = _ip_hash(store, ip)
    assert len(digest) == 64
    bodies = [r.text, second.text, json.dumps(dict(second.headers))]
    for user in ("admin", "kierownik_a1", "analityk_kgp"):
        for path in (
            "/reports?limit=50000",
            f"/reports/{rid}",
            f"/reports/{rid}/history",
            "/me",
            "/units",
            "/districts",
            "/meta",
        ):
            resp = store.get(path, user)
            bodies += [resp.text, json.dumps(dict(resp.headers))]
    bodies.append(store.get("/openapi.json", None).text)
    for text in bodies:
        assert ip not in text
        assert digest not in text
    log = store.server.log_text()
    assert "POST /api/v1/public/reports 201" in log  # requests are logged…
    assert ip not in log and digest not in log  # …without the address
    assert "127.0.0.1:" not in log.split("(Press CTRL+C to quit)")[-1]


def test_confirmations(store):
    rid = store.submit_in("D-A2-1")
    before = store.feature(rid)["properties"]
    ip = fresh_ip()
    url = f"{store.api}/public/reports/{rid}/confirmations"
    r = requests.post(url, headers={"X-Forwarded-For": ip}, timeout=30)
    assert r.status_code == 201 and r.json() == {"id": rid, "confirmations": 1}
    again = requests.post(url, headers={"X-Forwarded-For": ip}, timeout=30)
    assert again.status_code == 409
    other = requests.post(url, headers={"X-Forwarded-For": fresh_ip()}, timeout=30)
    assert other.status_code == 201 and other.json()["confirmations"] == 2
    after = store.feature(rid)["properties"]
    assert after["confirmations"] == 2 and after["revision"] > before["revision"]
    assert after["status"] == before["status"]
    missing = requests.post(
        f"{store.api}/public/reports/999999999/confirmations",
        headers={"X-Forwarded-For": fresh_ip()},
        timeout=30,
    )
    assert missing.status_code == 404
