"""The synchronous client."""

from __future__ import annotations

from ._http import RetryPolicy, Transport
from .jobs import Jobs
from .uploads import Uploads
from .webhooks import Webhooks


class JetJobs:
    """A jetjobs gateway with one credential: ``jobs``, ``uploads`` and ``webhooks``.

    >>> jj = JetJobs("http://127.0.0.1:8080", token=token)      # or api_key=
    >>> job = jj.jobs.submit(kind="echo", input={"message": "hi"})
    >>> done = jj.jobs.wait(job.id)
    """

    def __init__(self, base_url: str, *, token: str | None = None, api_key: str | None = None,
                 retry: RetryPolicy | None = None, timeout: float = 30.0) -> None:
        if token and api_key:
            raise ValueError("give token or api_key, not both")
        self.base_url = base_url.rstrip("/")
        transport = Transport(self.base_url, token or api_key, retry or RetryPolicy(), timeout)
        self.jobs = Jobs(transport)
        self.uploads = Uploads(transport, self.jobs)
        self.webhooks = Webhooks()
