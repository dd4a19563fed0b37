"""The native ``/v1/jobs`` API: submit, get, list, cancel, retry, follow and wait."""

from __future__ import annotations

import time
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import quote

from ._follow import Follower
from ._http import Transport
from .types import Job, JobEvent, JobPage, SubmittedJob


class Jobs:
    """Reached as ``JetJobs(...).jobs``."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def submit(self, kind: str, input: Any, *, webhook_url: str | None = None, idempotency_key: str | None = None) -> SubmittedJob:
        """``POST /v1/jobs``. With ``idempotency_key`` the same key returns the first job, and the
        submit is retried on 429/503/network errors; without one it is never repeated."""
        body: dict[str, Any] = {"kind": kind, "input": input}
        if webhook_url is not None:
            body["webhook_url"] = webhook_url
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        answer = self._transport.json("POST", "/v1/jobs", json_body=body, headers=headers, retry=idempotency_key is not None)
        return SubmittedJob(answer["id"], answer["status"])

    def get(self, job_id: str) -> Job:
        """``GET /v1/jobs/:id``; another project's job raises ``JetJobsError`` 404 ``job_not_found``."""
        return Job.from_json(self._transport.json("GET", _path(job_id), retry=True))

    def list(self, *, kind: str | None = None, status: str | Iterable[str] | None = None, limit: int | None = None,
             cursor: str | None = None, created_from: str | None = None, created_to: str | None = None) -> JobPage:
        """``GET /v1/jobs``: one page, newest first."""
        statuses = status if status is None or isinstance(status, str) else ",".join(status)
        query = {"kind": kind, "status": statuses, "limit": None if limit is None else str(limit), "cursor": cursor,
                 "created_from": created_from, "created_to": created_to}
        page = self._transport.json("GET", "/v1/jobs", query=query, retry=True)
        return JobPage([Job.from_json(item) for item in page["items"]], page["total"], page.get("next_cursor"))

    def cancel(self, job_id: str, *, reason: str | None = None) -> Job:
        """``POST /v1/jobs/:id/cancel``; not retried (a second cancel is an illegal transition)."""
        return self._command(job_id, "cancel", reason)

    def retry(self, job_id: str, *, reason: str | None = None) -> Job:
        """``POST /v1/jobs/:id/retry``: runs a failed or cancelled job again as its next attempt."""
        return self._command(job_id, "retry", reason)

    def follow(self, job_id: str, *, after_version: int = 0, give_up_after: float = 120.0,
               on_reconnect: Callable[[int, str], None] | None = None) -> Iterator[JobEvent]:
        """The job's events, each version once and in order, resumed across dropped connections,
        ending after its terminal event. Breaking out of the loop closes the connection."""
        follower = Follower(self._transport, job_id, after_version, give_up_after, on_reconnect)
        try:
            yield from follower
        finally:
            follower.close()

    def wait(self, job_id: str, *, timeout: float | None = None, on_event: Callable[[JobEvent], None] | None = None) -> Job:
        """The job once completed, failed or cancelled (check ``status``). Follows from the job's
        current version, so an earlier attempt's end does not count. ``TimeoutError`` after ``timeout`` s."""
        deadline = None if timeout is None else time.monotonic() + timeout
        job = self.get(job_id)
        if job.done:
            return job
        follower = Follower(self._transport, job_id, job.version, read_timeout=min(60.0, timeout or 60.0))
        timer = None
        if deadline is not None:
            import threading

            timer = threading.Timer(timeout, follower.close)  # type: ignore[arg-type]
            timer.daemon = True
            timer.start()
        try:
            for event in follower:
                if on_event:
                    on_event(event)
                if event.terminal:
                    return self.get(job_id)
        finally:
            follower.close()
            if timer:
                timer.cancel()
        raise TimeoutError(f"job {job_id} did not finish within {timeout} s")

    def _command(self, job_id: str, name: str, reason: str | None) -> Job:
        body = {} if reason is None else {"reason": reason}
        return Job.from_json(self._transport.json("POST", f"{_path(job_id)}/{name}", json_body=body, retry=False))


def _path(job_id: str) -> str:
    return f"/v1/jobs/{quote(job_id, safe='')}"
