"""Following a job's event stream: resumes after drops with Last-Event-ID, no gap, no repeat."""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Callable, Iterator

from ._http import RetryPolicy, Transport
from ._sse import read_sse
from .errors import JetJobsError
from .types import JobEvent

RECONNECT = RetryPolicy(max_retries=0, base_delay=0.2, max_delay=2.0)


class Follower:
    """Iterates a job's events in version order, each once, until its terminal event.

    A dropped connection is reopened after the last version yielded; a version that arrives out
    of order is never yielded (the stream is reopened instead). ``close()`` may be called from
    any thread and ends the iteration quietly.
    """

    def __init__(self, transport: Transport, job_id: str, after_version: int = 0, give_up_after: float = 120.0,
                 on_reconnect: Callable[[int, str], None] | None = None, read_timeout: float = 60.0) -> None:
        self._transport = transport
        self._job_id = job_id
        self.last_version = after_version
        self._give_up_after = give_up_after
        self._on_reconnect = on_reconnect
        self._read_timeout = read_timeout
        self._closed = threading.Event()
        self._response: Any = None

    def close(self) -> None:
        self._closed.set()
        response = self._response
        if response is not None:
            try:
                response.fp.raw._sock.shutdown(2)  # unblocks a read in another thread
            except (AttributeError, OSError):
                pass

    def __iter__(self) -> Iterator[JobEvent]:
        failing_since: float | None = None
        retry = 0
        while not self._closed.is_set():
            retry_after: float | None = None
            try:
                reason = "the gateway ended the stream"
                for event in self._connect():
                    failing_since, retry = None, 0
                    if event is None:
                        reason = "a version arrived out of order"
                        break
                    yield event
                    if event.terminal:
                        return
            except JetJobsError as error:
                if self._closed.is_set():
                    return
                if 400 <= error.status < 500 and error.status != 429:
                    raise
                reason, retry_after = f"{error.code}: {error.message}", error.retry_after
            except (OSError, ValueError) as error:
                if self._closed.is_set():
                    return
                reason = str(error) or type(error).__name__
            if self._closed.is_set():
                return
            failing_since = failing_since or time.monotonic()
            if time.monotonic() - failing_since > self._give_up_after:
                raise JetJobsError(0, "network_error", f"gave up following job {self._job_id}: {reason}")
            if self._on_reconnect:
                self._on_reconnect(self.last_version, reason)
            if self._closed.wait(RECONNECT.delay(min(retry, 10), retry_after)):
                return
            retry += 1

    def _connect(self) -> Iterator[JobEvent | None]:
        headers = {"Accept": "text/event-stream"}
        if self.last_version > 0:
            headers["Last-Event-ID"] = str(self.last_version)
        response = self._transport.open("GET", f"/v1/jobs/{self._job_id}/events", headers=headers, timeout=self._read_timeout)
        self._response = response
        with response:
            for message in read_sse(response):
                event = JobEvent.from_json(json.loads(message.data))
                if event.version <= self.last_version:
                    continue
                if event.version != self.last_version + 1:
                    yield None
                    return
                self.last_version = event.version
                yield event
