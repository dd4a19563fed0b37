"""A Server-Sent Events reader over a byte stream, as the HTML specification parses one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator


@dataclass(frozen=True)
class SseMessage:
    id: str | None
    event: str | None
    data: str


def read_sse(lines: Iterable[bytes]) -> Iterator[SseMessage]:
    """Messages from raw lines: a blank line ends one, ``:`` starts a comment (keepalives),
    ``data`` lines join with newlines, one space after the colon is dropped. A message without
    data (a blank line at the start, as the gateway writes) is no message."""
    event_id: str | None = None
    event: str | None = None
    data: list[str] = []
    for raw in lines:
        line = raw.decode("utf-8").rstrip("\r\n")
        if line == "":
            if data:
                yield SseMessage(event_id, event, "\n".join(data))
            event, data = None, []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "data":
            data.append(value)
        elif name == "event":
            event = value
        elif name == "id" and "\0" not in value:
            # The last event id persists across messages, as in EventSource.
            event_id = value
