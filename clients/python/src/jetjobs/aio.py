"""The asyncio client: the same surface as ``JetJobs``, each blocking call run in a worker thread
(the standard library has no asyncio HTTP client), and ``follow`` an async iterator whose
cancellation closes the connection."""

from __future__ import annotations

import asyncio
from typing import Any, AsyncIterator, Callable, Iterable

from ._follow import Follower
from ._http import RetryPolicy
from .client import JetJobs
from .types import Job, JobEvent, JobPage, SubmittedJob
from .uploads import UploadSource
from .webhooks import Webhooks

_END = object()


class AsyncJobs:
    """Reached as ``AsyncJetJobs(...).jobs``."""

    def __init__(self, client: JetJobs) -> None:
        self._sync = client.jobs
        self._transport = client.jobs._transport

    async def submit(self, kind: str, input: Any, *, webhook_url: str | None = None, idempotency_key: str | None = None) -> SubmittedJob:
        return await asyncio.to_thread(self._sync.submit, kind, input, webhook_url=webhook_url, idempotency_key=idempotency_key)

    async def get(self, job_id: str) -> Job:
        return await asyncio.to_thread(self._sync.get, job_id)

    async def list(self, *, kind: str | None = None, status: str | Iterable[str] | None = None, limit: int | None = None,
                   cursor: str | None = None, created_from: str | None = None, created_to: str | None = None) -> JobPage:
        return await asyncio.to_thread(self._sync.list, kind=kind, status=status, limit=limit, cursor=cursor,
                                       created_from=created_from, created_to=created_to)

    async def cancel(self, job_id: str, *, reason: str | None = None) -> Job:
        return await asyncio.to_thread(self._sync.cancel, job_id, reason=reason)

    async def retry(self, job_id: str, *, reason: str | None = None) -> Job:
        return await asyncio.to_thread(self._sync.retry, job_id, reason=reason)

    async def follow(self, job_id: str, *, after_version: int = 0, give_up_after: float = 120.0,
                     on_reconnect: Callable[[int, str], None] | None = None) -> AsyncIterator[JobEvent]:
        """As ``JetJobs.jobs.follow``; leaving the loop or cancelling the task closes the stream."""
        follower = Follower(self._transport, job_id, after_version, give_up_after, on_reconnect)
        events = iter(follower)
        try:
            while True:
                event = await asyncio.to_thread(next, events, _END)
                if event is _END:
                    return
                yield event  # type: ignore[misc]
        finally:
            follower.close()

    async def wait(self, job_id: str, *, timeout: float | None = None, on_event: Callable[[JobEvent], None] | None = None) -> Job:
        """As ``JetJobs.jobs.wait``; ``asyncio.TimeoutError`` after ``timeout`` s."""
        return await asyncio.wait_for(self._wait(job_id, on_event), timeout)

    async def _wait(self, job_id: str, on_event: Callable[[JobEvent], None] | None) -> Job:
        job = await self.get(job_id)
        if job.done:
            return job
        async for event in self.follow(job_id, after_version=job.version):
            if on_event:
                on_event(event)
            if event.terminal:
                return await self.get(job_id)
        raise RuntimeError(f"stopped following job {job_id} before it ended")


class AsyncUploads:
    """Reached as ``AsyncJetJobs(...).uploads``."""

    def __init__(self, client: JetJobs) -> None:
        self._sync = client.uploads

    async def submit_video(self, kind: str, source: UploadSource, *, filename: str | None = None,
                           content_type: str = "application/octet-stream", on_progress: Callable[[int, int | None], None] | None = None) -> Job:
        return await asyncio.to_thread(self._sync.submit_video, kind, source, filename=filename, content_type=content_type, on_progress=on_progress)


class AsyncJetJobs:
    """``JetJobs`` for asyncio: ``await jj.jobs.submit(...)``, ``async for event in jj.jobs.follow(id)``."""

    def __init__(self, base_url: str, *, token: str | None = None, api_key: str | None = None,
                 retry: RetryPolicy | None = None, timeout: float = 30.0) -> None:
        client = JetJobs(base_url, token=token, api_key=api_key, retry=retry, timeout=timeout)
        self.base_url = client.base_url
        self.jobs = AsyncJobs(client)
        self.uploads = AsyncUploads(client)
        self.webhooks = Webhooks()
