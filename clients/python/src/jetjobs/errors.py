"""Errors the client raises: the API's own codes, plus one for webhooks that do not verify."""

from __future__ import annotations


class JetJobsError(Exception):
    """The gateway refused or failed a request.

    ``status`` is the HTTP status (0 when the gateway could not be reached), ``code`` the
    machine-readable code of its ``{"error": {"code", "message"}}`` body (``job_not_found``,
    ``forbidden``, ``rate_limited``, ... or ``network_error``), ``retry_after`` the seconds the
    gateway asked the caller to wait, when it said.
    """

    def __init__(self, status: int, code: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return f"JetJobsError(status={self.status}, code={self.code!r}, message={self.message!r})"


class WebhookVerificationError(Exception):
    """A webhook request whose signature, id or timestamp does not check out."""
