"""Standard Webhooks verification, as jetjobs signs its deliveries."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any, Mapping

from .errors import WebhookVerificationError


class Webhooks:
    """Reached as ``JetJobs(...).webhooks`` (or used alone: ``Webhooks().verify(...)``)."""

    def verify(self, raw_body: bytes | str, headers: Mapping[str, str], secret: str, *, tolerance: float = 300, now: float | None = None) -> Any:
        """Checks ``webhook-signature`` (``v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">``,
        keyed with the project's ``whsec_`` secret) and the timestamp's freshness; returns the
        parsed body, raises ``WebhookVerificationError``. Pass the raw body, before any parsing."""
        lowered = {key.lower(): value for key, value in headers.items()}
        msg_id, timestamp, signatures = (lowered.get(name) for name in ("webhook-id", "webhook-timestamp", "webhook-signature"))
        if not msg_id or not timestamp or not signatures:
            raise WebhookVerificationError("missing webhook-id, webhook-timestamp or webhook-signature header")
        if not timestamp.isdigit():
            raise WebhookVerificationError("webhook-timestamp is not unix seconds")
        if abs((time.time() if now is None else now) - int(timestamp)) > tolerance:
            raise WebhookVerificationError("webhook-timestamp is too old or too far in the future")
        body = raw_body.encode("utf-8") if isinstance(raw_body, str) else raw_body
        expected = self.sign(body, msg_id, int(timestamp), secret).split(",", 1)[1]
        for candidate in signatures.split(" "):
            version, _, value = candidate.partition(",")
            if version == "v1" and hmac.compare_digest(value.encode(), expected.encode()):
                return json.loads(body.decode("utf-8"))
        raise WebhookVerificationError("no webhook-signature matches the body")

    def sign(self, raw_body: bytes | str, msg_id: str, timestamp: int, secret: str) -> str:
        """The ``webhook-signature`` value for a body: for tests of a receiver."""
        body = raw_body.encode("utf-8") if isinstance(raw_body, str) else raw_body
        key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
        digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
        return f"v1,{base64.b64encode(digest).decode()}"
