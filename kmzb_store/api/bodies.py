"""Request bodies read by hand (routes that take JSON or multipart and check it
themselves): malformed ones become the domain errors ``Malformed`` / ``Invalid``."""

from typing import Any

import orjson
from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect, Request

from ..attachments import MAX_FILES, Upload
from ..errors import Invalid, Malformed


def parse_json(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise Malformed("The body is not valid JSON.", "malformed_json") from None


async def read_multipart(request: Request) -> tuple[Any, list[Upload]]:
    """A resident's multipart body: the ``report`` part (JSON) and up to MAX_FILES files."""
    try:
        form = await request.form(max_files=10, max_fields=20, max_part_size=64 * 1024)
    except ClientDisconnect:
        raise
    except Exception:
        raise Malformed("The multipart body is malformed.", "malformed_multipart") from None
    try:
        data: Any = None
        files: list[Upload] = []
        for key, value in form.multi_items():
            if key == "report":
                if data is not None:
                    raise Invalid("Only one report part is allowed.", "invalid_body")
                raw = await value.read() if isinstance(value, UploadFile) else value.encode()
                data = parse_json(raw)
            elif key in ("files", "file"):
                if not isinstance(value, UploadFile):
                    raise Invalid("files must be file parts.", "invalid_body")
                if len(files) >= MAX_FILES:
                    raise Invalid(f"At most {MAX_FILES} attachments.", "too_many_files")
                files.append(Upload(value.filename or "plik", await value.read()))
            else:
                raise Invalid("Unknown multipart field.", "unknown_field")
        if data is None:
            raise Invalid("The multipart body needs a report part.", "invalid_body")
        return data, files
    finally:
        await form.close()
