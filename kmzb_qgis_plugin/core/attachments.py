"""Attachments kept next to the cache, so the form and the panel show photos (offline too).

Photos are fetched with a report's details; other files when the officer opens them. A file
is named by report id and number, never by the name the resident sent.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsExpression

from .api_client import StoreClient

EXTENSIONS = {
    "image/jpeg": ".jpg",
    "application/pdf": ".pdf",
    "video/3gpp": ".3gp",
    "video/quicktime": ".mov",
    "application/msword": ".doc",
    "text/plain": ".txt",
}
PHOTO_TYPES = ("image/jpeg",)


def _type(content_type: str | None) -> str:
    return str(content_type or "").split(";")[0].strip().lower()


def folder(cache_path: Path) -> Path:
    return cache_path.with_name(cache_path.stem + "-attachments")


def local_path(cache_path: Path, report_id: int, n: int, content_type: str) -> Path:
    extension = EXTENSIONS.get(_type(content_type), ".bin")
    return folder(cache_path) / str(int(report_id)) / f"{int(n)}{extension}"


def fetch(client: StoreClient, cache_path: Path, report_id: int, n: int, content_type: str):
    """The attachment's local file, downloaded once (written whole or not at all)."""
    path = local_path(cache_path, report_id, n, content_type)
    if not path.exists():
        data = client.attachment(report_id, n)
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        part.write_bytes(data)
        part.replace(path)
    return path


def fetch_photos(client: StoreClient, cache_path: Path, report_id: int, files: list) -> list:
    """Local files of the report's photos, from a detail Feature's ``attachment_files``."""
    return [
        fetch(client, cache_path, report_id, int(f["n"]), f["content_type"])
        for f in files
        if isinstance(f, dict) and _type(f.get("content_type")) in PHOTO_TYPES
    ]


def first_photo_expression(cache_path: Path) -> str:
    """A QGIS expression: where the report's first attachment is, when it is a photo."""
    base = QgsExpression.quotedString(str(folder(cache_path)) + "/")
    return f'CASE WHEN "attachments" > 0 THEN {base} || "fid" || \'/0.jpg\' END'
