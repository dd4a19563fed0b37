"""Retries against a real HTTP server scripted per request: 429/503 with Retry-After."""

from __future__ import annotations

import json
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from jetjobs import JetJobs, JetJobsError, RetryPolicy


class RetryTest(unittest.TestCase):
    def setUp(self) -> None:
        self.script: list[tuple[int, dict, dict]] = []
        self.seen: list[tuple[str, str | None]] = []
        test = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                test.seen.append((self.path, self.headers.get("Idempotency-Key")))
                status, headers, body = test.script.pop(0)
                data = json.dumps(body).encode()
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", "Content-Length": str(len(data)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.jj = JetJobs(f"http://127.0.0.1:{self.server.server_address[1]}", api_key="jj_k_s", retry=RetryPolicy(base_delay=0.01))

    def tearDown(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def test_a_submit_with_a_key_waits_retry_after_and_tries_again(self) -> None:
        self.script = [(429, {"Retry-After": "1"}, {"error": {"code": "rate_limited", "message": "slow down"}}),
                       (202, {}, {"id": "j1", "status": "queued"})]
        started = time.monotonic()
        job = self.jj.jobs.submit(kind="echo", input={}, idempotency_key="k1")
        self.assertEqual((job.id, job.status), ("j1", "queued"))
        self.assertGreaterEqual(time.monotonic() - started, 0.95)
        self.assertEqual(self.seen, [("/v1/jobs", "k1"), ("/v1/jobs", "k1")])

    def test_a_submit_without_a_key_is_never_repeated(self) -> None:
        self.script = [(503, {"Retry-After": "0"}, {"error": {"code": "unavailable", "message": "registry down"}}),
                       (202, {}, {"id": "j2", "status": "queued"})]
        with self.assertRaises(JetJobsError) as raised:
            self.jj.jobs.submit(kind="echo", input={})
        self.assertEqual((raised.exception.status, raised.exception.code, raised.exception.retry_after), (503, "unavailable", 0.0))
        self.assertEqual(len(self.seen), 1)


if __name__ == "__main__":
    unittest.main()
