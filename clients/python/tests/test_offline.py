"""Parts of the client that need no gateway: the SSE reader, resumption, webhooks, Retry-After."""

from __future__ import annotations

import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from jetjobs import JetJobs, JetJobsError, WebhookVerificationError, Webhooks
from jetjobs._http import retry_after_seconds
from jetjobs._sse import read_sse

JOB = "5b0d7a3e-8c51-4f7e-9d6c-0f3f2a1b4c5d"


def frame(version: int, type_: str = "JobProgressed") -> bytes:
    event = {"job_id": JOB, "type": type_, "version": version, "occurred_at": "2026-12-01T00:00:00.000Z", "data": {"progress": version}}
    return f"id: {version}\nevent: {type_}\ndata: {json.dumps(event)}\n\n".encode()


class SseReaderTest(unittest.TestCase):
    def test_parses_as_the_specification_says(self) -> None:
        lines = [b"\n", b": keepalive\n", b"id: 1\n", b"event: a\n", b"data: one\n", b"data:two\n", b"\n", b"data: {\"x\": 1}\r\n", b"\r\n"]
        messages = list(read_sse(lines))
        self.assertEqual([(m.id, m.event, m.data) for m in messages], [("1", "a", "one\ntwo"), ("1", None, '{"x": 1}')])


class WebhookTest(unittest.TestCase):
    # The Standard Webhooks specification's own test vector.
    SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    HEADERS = {"webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330",
               "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}
    BODY = '{"test": 2432232314}'

    def test_accepts_the_specification_vector(self) -> None:
        self.assertEqual(Webhooks().verify(self.BODY, self.HEADERS, self.SECRET, now=1614265340), {"test": 2432232314})
        headers = {key.title(): value for key, value in self.HEADERS.items()}
        self.assertEqual(Webhooks().verify(self.BODY.encode(), headers, self.SECRET, now=1614265340), {"test": 2432232314})

    def test_refuses_tampering_staleness_and_missing_headers(self) -> None:
        with self.assertRaisesRegex(WebhookVerificationError, "no webhook-signature matches"):
            Webhooks().verify(self.BODY.replace("2432", "2433"), self.HEADERS, self.SECRET, now=1614265340)
        with self.assertRaisesRegex(WebhookVerificationError, "too old"):
            Webhooks().verify(self.BODY, self.HEADERS, self.SECRET, now=1614265330 + 301)
        with self.assertRaisesRegex(WebhookVerificationError, "missing"):
            Webhooks().verify(self.BODY, {"webhook-id": "x"}, self.SECRET)


class RetryAfterTest(unittest.TestCase):
    def test_reads_seconds_and_dates(self) -> None:
        self.assertEqual(retry_after_seconds("3"), 3.0)
        self.assertIsNone(retry_after_seconds("whenever"))
        self.assertEqual(retry_after_seconds("Thu, 01 Jan 1970 00:00:00 GMT"), 0.0)


class FollowResumeTest(unittest.TestCase):
    """A real HTTP server scripted per connection: drops, repeats and a skipped version."""

    def setUp(self) -> None:
        self.seen: list[str | None] = []
        seen = self.seen
        script = [
            (200, [frame(1), frame(2), frame(3)]),            # then the connection drops
            (200, [frame(3), frame(5)]),                      # a repeat, then a version that skips one
            (503, []),
            (200, [frame(4), frame(5, "JobCompleted"), frame(6)]),
        ]

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                seen.append(self.headers.get("Last-Event-ID"))
                status, frames = script.pop(0) if script else (500, [])
                self.send_response(status)
                if status != 200:
                    self.send_header("Retry-After", "0")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                self.wfile.write(b"\n: keepalive\n\n" + b"".join(frames))
                self.wfile.flush()
                self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def tearDown(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def test_every_version_once_in_order_until_the_terminal_event(self) -> None:
        reconnects: list[int] = []
        jj = JetJobs(self.url, token="t")
        events = list(jj.jobs.follow(JOB, on_reconnect=lambda after, _reason: reconnects.append(after)))
        self.assertEqual([(e.version, e.type) for e in events], [(1, "JobProgressed"), (2, "JobProgressed"), (3, "JobProgressed"),
                                                                 (4, "JobProgressed"), (5, "JobCompleted")])
        self.assertEqual(self.seen, [None, "3", "3", "3"])
        self.assertEqual(reconnects, [3, 3, 3])


if __name__ == "__main__":
    unittest.main()
