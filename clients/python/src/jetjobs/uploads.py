"""Video uploads: the file streams to the gateway, which stores it and submits the job."""

from __future__ import annotations

import json
import os
import secrets
from typing import IO, Callable, Iterator, Union

from ._http import Transport
from .jobs import Jobs
from .types import Job

# Each API's own upload route and where its answer names the job.
UPLOAD_ROUTES = {
    "avf": ("/api-gateway/avf/infer", lambda body: ((body.get("data") or {}).get("metadata") or {}).get("request_id")),
    "moderation": ("/api/v1/moderate/video", lambda body: body.get("job_id")),
    "clipper": ("/api/process", lambda body: body.get("job_id")),
}

UploadSource = Union[str, "os.PathLike[str]", bytes, IO[bytes]]
CHUNK = 64 * 1024


class Uploads:
    """Reached as ``JetJobs(...).uploads``."""

    def __init__(self, transport: Transport, jobs: Jobs) -> None:
        self._transport = transport
        self._jobs = jobs

    def submit_video(self, kind: str, source: UploadSource, *, filename: str | None = None, content_type: str = "application/octet-stream",
                     on_progress: Callable[[int, int | None], None] | None = None) -> Job:
        """Uploads a video (a path, bytes or a binary file) and submits a job of ``kind``
        (``avf``, ``moderation`` or ``clipper``); returns the new job. ``on_progress(sent, total)``
        hears of every chunk. Not retried: a stream cannot be sent twice."""
        if kind not in UPLOAD_ROUTES:
            raise ValueError(f'kind "{kind}" takes no upload; one of {", ".join(UPLOAD_ROUTES)}')
        path, job_id_of = UPLOAD_ROUTES[kind]
        file, size, name, owned = _open(source)
        try:
            boundary = f"jetjobs-{secrets.token_hex(12)}"
            safe = (filename or name).replace('"', "_").replace("\r", "_").replace("\n", "_")
            head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{safe}"\r\n'
                    f"Content-Type: {content_type}\r\n\r\n").encode("utf-8")
            tail = f"\r\n--{boundary}--\r\n".encode("ascii")
            headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
            if size is not None:
                headers["Content-Length"] = str(len(head) + size + len(tail))
            body = _chunks(head, file, tail, size, on_progress)
            with self._transport.open("POST", path, headers=headers, body=body) as response:
                answer = json.loads(response.read().decode("utf-8"))
        finally:
            if owned:
                file.close()
        job_id = job_id_of(answer)
        if not job_id:
            raise ValueError(f"the gateway's answer names no job: {answer!r}"[:300])
        return self._jobs.get(job_id)


def _open(source: UploadSource) -> tuple[IO[bytes], int | None, str, bool]:
    if isinstance(source, bytes):
        import io

        return io.BytesIO(source), len(source), "video.mp4", True
    if isinstance(source, (str, os.PathLike)):
        return open(source, "rb"), os.path.getsize(source), os.path.basename(os.fspath(source)), True
    name = os.path.basename(str(getattr(source, "name", "video.mp4")))
    try:
        size = os.fstat(source.fileno()).st_size - source.tell()
    except (AttributeError, OSError, ValueError):
        size = None
    return source, size, name, False


def _chunks(head: bytes, file: IO[bytes], tail: bytes, size: int | None, on_progress: Callable[[int, int | None], None] | None) -> Iterator[bytes]:
    yield head
    sent = 0
    while chunk := file.read(CHUNK):
        sent += len(chunk)
        yield chunk
        if on_progress:
            on_progress(sent, size)
    yield tail
