"""The client against a running gateway, named by the environment the Jest spec sets:
JETJOBS_TEST_GATEWAY, JETJOBS_TEST_TOKEN (project A), JETJOBS_TEST_OTHER_TOKEN (project B),
JETJOBS_TEST_KIND (the scripted test worker's kind) and JETJOBS_TEST_VIDEO (a small mp4)."""

from __future__ import annotations

import asyncio
import os
import time
import unittest
import uuid

from jetjobs import AsyncJetJobs, JetJobs, JetJobsError

ENV = ("JETJOBS_TEST_GATEWAY", "JETJOBS_TEST_TOKEN", "JETJOBS_TEST_OTHER_TOKEN", "JETJOBS_TEST_KIND", "JETJOBS_TEST_VIDEO")
MISSING = [name for name in ENV if not os.environ.get(name)]


@unittest.skipIf(MISSING, f"needs a running gateway: set {', '.join(MISSING)}")
class GatewayTest(unittest.TestCase):
    def setUp(self) -> None:
        self.kind = os.environ["JETJOBS_TEST_KIND"]
        self.jj = JetJobs(os.environ["JETJOBS_TEST_GATEWAY"], token=os.environ["JETJOBS_TEST_TOKEN"])

    def test_submit_once_per_key_follow_every_version_and_wait(self) -> None:
        key = str(uuid.uuid4())
        job = self.jj.jobs.submit(kind=self.kind, input={"steps": 4, "stepMs": 50}, idempotency_key=key)
        self.assertEqual(job.status, "queued")
        self.assertEqual(self.jj.jobs.submit(kind=self.kind, input={"steps": 1}, idempotency_key=key).id, job.id)

        events = list(self.jj.jobs.follow(job.id))
        self.assertEqual([e.version for e in events], list(range(1, len(events) + 1)))
        self.assertEqual([e.data["frames_completed"] for e in events if e.type == "JobProgressed"], [1, 2, 3, 4])
        self.assertEqual(events[-1].type, "JobCompleted")
        self.assertTrue(events[-1].terminal)

        done = self.jj.jobs.wait(job.id)
        self.assertEqual((done.status, done.result, done.version), ("completed", {"steps": 4, "attempt": 1}, events[-1].version))
        self.assertEqual([e.version for e in self.jj.jobs.follow(job.id, after_version=done.version - 1)], [done.version])
        # Lists come from the registry's projection, which catches up a moment after the stream.
        deadline = time.monotonic() + 20
        while True:
            page = self.jj.jobs.list(kind=self.kind, status=["completed"], limit=50)
            if job.id in [item.id for item in page.items] or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        self.assertIn(job.id, [item.id for item in page.items])
        self.assertTrue(all(item.status == "completed" for item in page.items))

    def test_cancel_then_retry_a_failed_job(self) -> None:
        running = self.jj.jobs.submit(kind=self.kind, input={"steps": 1, "waitForCancel": True})
        for event in self.jj.jobs.follow(running.id):
            if event.type == "JobStarted":
                break
        self.assertTrue(self.jj.jobs.cancel(running.id, reason="not needed").cancel_requested)
        self.assertEqual(self.jj.jobs.wait(running.id, timeout=20).status, "cancelled")

        failing = self.jj.jobs.submit(kind=self.kind, input={"steps": 1, "failAttempts": 1, "failWith": "permanent"})
        failed = self.jj.jobs.wait(failing.id, timeout=20)
        self.assertEqual((failed.status, failed.error.code if failed.error else None), ("failed", "bad_input"))
        self.jj.jobs.retry(failing.id)
        retried = self.jj.jobs.wait(failing.id, timeout=20)
        self.assertEqual((retried.status, retried.attempt), ("completed", 2))

    def test_wait_times_out(self) -> None:
        job = self.jj.jobs.submit(kind=self.kind, input={"steps": 1, "waitForCancel": True})
        with self.assertRaises(TimeoutError):
            self.jj.jobs.wait(job.id, timeout=1)
        self.jj.jobs.cancel(job.id)

    def test_errors_carry_the_api_codes(self) -> None:
        job = self.jj.jobs.submit(kind=self.kind, input={"steps": 1})
        stranger = JetJobs(os.environ["JETJOBS_TEST_GATEWAY"], token=os.environ["JETJOBS_TEST_OTHER_TOKEN"])
        with self.assertRaises(JetJobsError) as raised:
            stranger.jobs.get(job.id)
        self.assertEqual((raised.exception.status, raised.exception.code), (404, "job_not_found"))
        with self.assertRaises(JetJobsError) as raised:
            list(stranger.jobs.follow(job.id))
        self.assertEqual(raised.exception.code, "job_not_found")

    def test_uploads_a_video_with_progress(self) -> None:
        path = os.environ["JETJOBS_TEST_VIDEO"]
        progress: list[tuple[int, int | None]] = []
        job = self.jj.uploads.submit_video("moderation", path, on_progress=lambda sent, total: progress.append((sent, total)))
        size = os.path.getsize(path)
        self.assertEqual((job.kind, job.status), ("moderation", "queued"))
        self.assertEqual(job.input["source"]["upload"]["size"], size)
        self.assertEqual(job.input["source"]["upload"]["filename"], os.path.basename(path))
        self.assertEqual(progress[-1], (size, size))

    def test_async_client_has_the_same_surface(self) -> None:
        async def scenario() -> tuple[list[int], str, str]:
            jj = AsyncJetJobs(os.environ["JETJOBS_TEST_GATEWAY"], token=os.environ["JETJOBS_TEST_TOKEN"])
            job = await jj.jobs.submit(kind=self.kind, input={"steps": 3})
            versions = [event.version async for event in jj.jobs.follow(job.id)]
            done = await jj.jobs.wait(job.id, timeout=20)
            return versions, done.status, (await jj.jobs.get(job.id)).id

        versions, status, fetched = asyncio.run(scenario())
        self.assertEqual(versions, list(range(1, len(versions) + 1)))
        self.assertEqual(status, "completed")
        self.assertTrue(fetched)


if __name__ == "__main__":
    unittest.main()
