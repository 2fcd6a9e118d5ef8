"""Typed failures with a message a person understands; never a raw traceback."""

from __future__ import annotations

from ..i18n import tr


class KmzbError(Exception):
    """Base of every failure the plugin reports to a user."""

    transient = False  # worth retrying later without changing anything

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail  # for QgsMessageLog only: may be long, never shown in the bar


class StoreUnreachable(KmzbError):
    transient = True


class StoreTimeout(KmzbError):
    transient = True


class AuthExpired(KmzbError):
    """401: the token is missing, wrong or expired; the user must enter it again."""


class Forbidden(KmzbError):
    pass


class NotFound(KmzbError):
    pass


class StoreError(KmzbError):
    """5xx: the store failed; retry later."""

    transient = True


class BadRequest(KmzbError):
    """4xx other than auth: the store refused what we sent."""


class PreconditionFailed(KmzbError):
    """412: the report changed on the store since we read it."""


class BadResponse(KmzbError):
    """The store answered something that is not the JSON/GeoJSON we expect."""


class Cancelled(KmzbError):
    pass


class CacheError(KmzbError):
    pass


class AnalysisError(KmzbError):
    """Inputs an analysis cannot work on (no reports, a cell size that does not fit...)."""


def from_status(status: int, body: bytes, url: str) -> KmzbError:
    """Map an HTTP error answer of the store to a typed exception."""
    store_message = _store_message(body)
    detail = f"HTTP {status} from {url}: {body[:2000]!r}"
    if status == 401:
        return AuthExpired(
            tr(
                "The store did not accept your credentials (expired or wrong token). "
                "Enter them again in the connection settings."
            ),
            detail,
        )
    if status == 403:
        return Forbidden(
            tr("You are not allowed to do this: {}").format(
                store_message or tr("access denied by the store")
            ),
            detail,
        )
    if status == 404:
        return NotFound(tr("Not found on the store: {}").format(store_message or url), detail)
    if status == 412:
        return PreconditionFailed(tr("The report changed on the store meanwhile."), detail)
    if status >= 500:
        return StoreError(tr("The store failed (HTTP {}). Try again later.").format(status), detail)
    return BadRequest(
        tr("The store refused the request (HTTP {}): {}").format(
            status, store_message or tr("no reason given")
        ),
        detail,
    )


def _store_message(body: bytes) -> str:
    """The human message of the store's error body `{"error": {"message"}}`, if any."""
    import json

    try:
        error = json.loads(body).get("error") or {}
        return str(error.get("message") or "")[:500]
    except (ValueError, AttributeError):
        return ""
