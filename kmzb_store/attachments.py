"""Attachment checks: allowed types by extension AND by content, size and count limits.

The original file name is kept only as display text (sanitised); files are stored as rows,
never written to a path derived from their name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import Invalid, TooLarge

MAX_FILES = 3
MAX_TOTAL_BYTES = 5 * 1024 * 1024

CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "pdf": "application/pdf",
    "3gp": "video/3gpp",
    "mov": "video/quicktime",
    "doc": "application/msword",
    "txt": "text/plain; charset=utf-8",
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_QT_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}


@dataclass
class Upload:
    name: str
    content: bytes
    content_type: str = ""

    @property
    def size(self) -> int:
        return len(self.content)


def _ftyp_brand(data: bytes) -> bytes | None:
    if len(data) >= 12 and data[4:8] == b"ftyp":
        return data[8:12]
    return None


def sniff_ok(ext: str, data: bytes) -> bool:
    """True when the content looks like the type its extension claims."""
    if ext in ("jpg", "jpeg"):
        return data[:3] == b"\xff\xd8\xff"
    if ext == "pdf":
        return data[:5] == b"%PDF-"
    if ext == "doc":
        return data[:8] == _OLE2
    if ext == "3gp":
        brand = _ftyp_brand(data)
        return brand is not None and brand[:2] == b"3g"
    if ext == "mov":
        brand = _ftyp_brand(data)
        if brand is not None:
            return brand == b"qt  "
        return len(data) >= 8 and data[4:8] in _QT_ATOMS
    if ext == "txt":
        if b"\x00" in data:
            return False
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return not any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f" for ch in text)
    return False


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def display_name(name: str) -> str:
    """The uploaded name reduced to safe display text (no directories, no controls)."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .") or "plik"
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cs", "Co", "Cn"))
    return name[:120] or "plik"


def extension(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def check(files: list[Upload]) -> list[tuple[str, str, bytes]]:
    """Validate uploads → [(display name, content type, content)], or raise Invalid / TooLarge."""
    if len(files) > MAX_FILES:
        raise Invalid(f"At most {MAX_FILES} attachments are allowed.", "too_many_files")
    total = sum(f.size for f in files)
    if total > MAX_TOTAL_BYTES:
        raise TooLarge("Attachments may total at most 5 MB.", "attachments_too_large")
    out = []
    for i, f in enumerate(files):
        ext = extension(f.name)
        if ext not in CONTENT_TYPES:
            raise Invalid(
                f"Attachment {i + 1}: allowed types are jpg, jpeg, pdf, 3gp, mov, doc, txt.",
                "attachment_type",
            )
        if f.size == 0:
            raise Invalid(f"Attachment {i + 1} is empty.", "attachment_empty")
        if not sniff_ok(ext, f.content):
            raise Invalid(
                f"Attachment {i + 1}: the content is not a valid .{ext} file.", "attachment_content"
            )
        out.append((display_name(f.name), CONTENT_TYPES[ext], f.content))
    return out
