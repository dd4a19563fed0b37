"""The HTTP layer every part of the client shares: credentials, errors and retries (urllib only)."""

from __future__ import annotations

import email.utils
import json
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterable, Mapping

from .errors import JetJobsError

RETRIED_STATUSES = (429, 503)


@dataclass(frozen=True)
class RetryPolicy:
    """Retries after the first attempt; each waits ``Retry-After`` if the gateway said, else
    ``base_delay`` doubled per retry with up to half of it random, capped at ``max_delay``."""

    max_retries: int = 4
    base_delay: float = 0.25
    max_delay: float = 30.0

    def delay(self, retry: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(self.max_delay, retry_after)
        exponential = self.base_delay * 2**retry
        return min(self.max_delay, exponential / 2 + random.uniform(0, exponential / 2))


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def error_from(status: int, body: bytes, retry_after: str | None) -> JetJobsError:
    """The API's ``{"error": {"code", "message"}}`` body as an exception (moderation's capitals lowered)."""
    code, message = _status_code(status), f"the gateway answered {status}"
    try:
        error = json.loads(body.decode("utf-8")).get("error") or {}
        code = str(error.get("code", code)).lower()
        message = str(error.get("message", message))
    except (ValueError, AttributeError, UnicodeDecodeError):
        pass
    return JetJobsError(status, code, message, retry_after_seconds(retry_after))


def _status_code(status: int) -> str:
    return {401: "unauthorized", 403: "forbidden", 404: "not_found", 429: "rate_limited", 503: "unavailable"}.get(
        status, "internal" if status >= 500 else "validation_failed"
    )


class Transport:
    """Sends requests to one gateway with one credential."""

    def __init__(self, base_url: str, credential: str | None, retry: RetryPolicy, timeout: float) -> None:
        self.base_url = base_url.rstrip("/")
        self.credential = credential
        self.retry = retry
        self.timeout = timeout

    def url(self, path: str, query: Mapping[str, str | None] | None = None) -> str:
        pairs = [(k, v) for k, v in (query or {}).items() if v is not None]
        return f"{self.base_url}{path}" + (f"?{urllib.parse.urlencode(pairs)}" if pairs else "")

    def headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": "jetjobs-python/0.1.0"}
        if self.credential:
            headers["Authorization"] = f"Bearer {self.credential}"
        headers.update(extra or {})
        return headers

    def open(self, method: str, path: str, *, headers: Mapping[str, str] | None = None, body: bytes | Iterable[bytes] | BinaryIO | None = None,
             query: Mapping[str, str | None] | None = None, timeout: float | None = None) -> Any:
        """One attempt; returns the open response of a 2xx answer, raises ``JetJobsError`` otherwise."""
        request = urllib.request.Request(self.url(path, query), data=body, method=method, headers=self.headers(headers))  # type: ignore[arg-type]
        try:
            return urllib.request.urlopen(request, timeout=timeout or self.timeout)
        except urllib.error.HTTPError as error:
            with error:
                raise error_from(error.code, error.read(), error.headers.get("Retry-After")) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise JetJobsError(0, "network_error", f"cannot reach {self.base_url}: {reason}") from error

    def json(self, method: str, path: str, *, json_body: Any = None, headers: Mapping[str, str] | None = None,
             query: Mapping[str, str | None] | None = None, retry: bool, cancel: threading.Event | None = None) -> Any:
        """Sends JSON, answers JSON; retries 429, 503 and network errors when ``retry`` allows."""
        body = None if json_body is None else json.dumps(json_body).encode("utf-8")
        all_headers = dict(headers or {})
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        attempt = 0
        while True:
            try:
                with self.open(method, path, headers=all_headers, body=body, query=query) as response:
                    return json.loads(response.read().decode("utf-8"))
            except JetJobsError as error:
                retryable = error.status in RETRIED_STATUSES or error.code == "network_error"
                if not (retry and retryable) or attempt >= self.retry.max_retries:
                    raise
                wait = self.retry.delay(attempt, error.retry_after)
                if cancel is not None and cancel.wait(wait):
                    raise
                if cancel is None:
                    time.sleep(wait)
                attempt += 1
