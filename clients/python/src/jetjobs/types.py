"""The gateway's JSON as typed objects: a job (``GET /v1/jobs/:id``) and a stream event."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

JobStatus = Literal["queued", "processing", "completed", "failed", "cancelled"]

FINAL_STATUSES: frozenset[str] = frozenset({"completed", "failed", "cancelled"})
TERMINAL_EVENT_TYPES: frozenset[str] = frozenset({"JobCompleted", "JobFailed", "JobCancelled"})


@dataclass(frozen=True)
class JobError:
    code: str
    message: str


@dataclass(frozen=True)
class Job:
    """A job as ``GET /v1/jobs/:id`` answers it; ``raw`` keeps the whole JSON object."""

    id: str
    kind: str
    status: str
    version: int
    attempt: int
    progress: float
    detail: str | None
    input: Any
    result: Any
    outputs: list[Any]
    logs: list[dict[str, Any]]
    error: JobError | None
    cancel_requested: bool
    created_at: str
    updated_at: str
    finished_at: str | None
    raw: dict[str, Any] = field(repr=False, compare=False)

    @property
    def done(self) -> bool:
        """True once the job is completed, failed or cancelled."""
        return self.status in FINAL_STATUSES

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> "Job":
        error = body.get("error")
        return cls(
            id=body["id"],
            kind=body.get("kind", ""),
            status=body["status"],
            version=body.get("version", 0),
            attempt=body.get("attempt", 0),
            progress=body.get("progress", 0),
            detail=body.get("detail"),
            input=body.get("input"),
            result=body.get("result"),
            outputs=list(body.get("outputs") or []),
            logs=list(body.get("logs") or []),
            error=JobError(error["code"], error["message"]) if error else None,
            cancel_requested=bool(body.get("cancel_requested", False)),
            created_at=body.get("created_at", ""),
            updated_at=body.get("updated_at", ""),
            finished_at=body.get("finished_at"),
            raw=body,
        )


@dataclass(frozen=True)
class SubmittedJob:
    """``POST /v1/jobs`` answer: the job's id and status."""

    id: str
    status: str


@dataclass(frozen=True)
class JobPage:
    """A page of ``GET /v1/jobs``; pass ``next_cursor`` back as ``cursor`` for the next one."""

    items: list[Job]
    total: int
    next_cursor: str | None


@dataclass(frozen=True)
class JobEvent:
    """One event of a job's stream: ``version`` counts 1, 2, 3... with no gaps (the SSE ``id:``)."""

    job_id: str
    type: str
    version: int
    occurred_at: str
    data: dict[str, Any]

    @property
    def terminal(self) -> bool:
        """True for ``JobCompleted``, ``JobFailed`` and ``JobCancelled``."""
        return self.type in TERMINAL_EVENT_TYPES

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> "JobEvent":
        return cls(body["job_id"], body["type"], int(body["version"]), body.get("occurred_at", ""), dict(body.get("data") or {}))
