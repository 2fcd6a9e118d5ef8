"""The store's domain errors. The service layer raises these and knows no HTTP; the API maps
each kind to its status code and the JSON error body in one place (``api/errors.py``).

Each error carries a machine ``code`` (the body's ``error.code``) and a message a person
understands; some carry a ``retry_after`` (seconds) or ``extra`` keys for the body."""

from __future__ import annotations

from typing import Any


class StoreError(Exception):
    """Base of the domain errors: ``code``, ``message``, optional ``retry_after`` and
    ``extra`` (merged into the error body next to ``error``, e.g. ``current``)."""

    default_code = "error"

    def __init__(
        self,
        message: str,
        code: str | None = None,
        *,
        retry_after: int | None = None,
        extra: dict[str, Any] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.retry_after = retry_after
        self.extra = extra


class Malformed(StoreError):
    """The request cannot be read at all (not JSON, a broken multipart body)."""

    default_code = "bad_request"


class Unauthenticated(StoreError):
    """No valid bearer token."""

    def __init__(self) -> None:
        super().__init__("A valid bearer token is required.", "unauthorized")


class Forbidden(StoreError):
    """The caller is known but may not do this."""

    default_code = "forbidden"


class NotFound(StoreError):
    """No such thing, or not inside the caller's scope (the two are not told apart)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"No such {what}.", "not_found")


class AlreadyDone(StoreError):
    """The action was already taken and is taken only once (a second "+1")."""

    default_code = "conflict"


class StaleRevision(StoreError):
    """The report changed since the revision the change was based on; ``current`` is the
    report as it is now."""

    def __init__(self, current: Any) -> None:
        message = "The report changed since that revision."
        super().__init__(message, "stale_revision", extra={"current": current})


class TooLarge(StoreError):
    """A body or its attachments over the limit."""

    default_code = "body_too_large"


class Invalid(StoreError):
    """Input the store understood but refuses: a bad value, an unknown code, a change
    that is not allowed."""

    default_code = "invalid_request"


class RevisionRequired(StoreError):
    """A change to one report must name the revision it was based on."""

    def __init__(self) -> None:
        super().__init__('Send If-Match: "<revision>".', "precondition_required")


class RateLimited(StoreError):
    """Too many from one address; ``retry_after`` says when the next one is accepted."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, "rate_limited", retry_after=retry_after)


class Busy(StoreError):
    """The store has no capacity right now; try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("The store is busy; try again.", "busy", retry_after=retry_after)
