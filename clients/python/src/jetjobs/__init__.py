"""jetjobs: submit jobs to a jetjobs gateway, follow their events, wait for results, verify webhooks."""

from ._http import RetryPolicy
from .aio import AsyncJetJobs
from .client import JetJobs
from .errors import JetJobsError, WebhookVerificationError
from .types import FINAL_STATUSES, TERMINAL_EVENT_TYPES, Job, JobError, JobEvent, JobPage, SubmittedJob
from .webhooks import Webhooks

__all__ = [
    "AsyncJetJobs", "FINAL_STATUSES", "JetJobs", "JetJobsError", "Job", "JobError", "JobEvent", "JobPage",
    "RetryPolicy", "SubmittedJob", "TERMINAL_EVENT_TYPES", "WebhookVerificationError", "Webhooks",
]
__version__ = "0.1.0"
