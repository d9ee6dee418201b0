"""A local Gemini API for tests: the real ``google-genai`` SDK talks to it over HTTP.

Routes, as the SDK 3.4 sends them (read from ``google/genai/_api_client.py``
and ``models.py``):

- ``POST /{v1|v1beta}/models/{model}:generateContent``
- ``POST /{v1|v1beta}/models/{model}:streamGenerateContent?alt=sse``
  (chunked ``text/event-stream``; each event ``data: <GenerateContentResponse>``
  and a blank line; no ``[DONE]``; the last carries finishReason and usage)
- ``GET /{v1|v1beta}/models`` (``client.models.list()``)
- a request with ``tools`` (Google Search, URL context) gets ``Reply.grounded`` answers:
  ``groundingMetadata`` on the last chunk, supported and unsupported segments
- the key arrives in the ``x-goog-api-key`` header.

Usage::

    with GeminiDouble() as double:
        client = GeminiClient("test-key", base_url=double.base_url, ...)
        double.script(Reply.quota(retry_delay_s=1), Reply.ok())  # next two calls
        double.always(Reply.ok({"vision": "..."}), match="coordinatore")  # per agent
        double.latency_s = 0.3                                   # every call
        ... client.complete(...)
        assert double.generate_requests()[0].headers["x-goog-api-key"] == "test-key"

Unscripted calls get an instance of the request's ``responseJsonSchema`` (or
``responseSchema``) built by ``schema_instance.instance_for``.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from dataclasses import dataclass
from typing import Any

from tests.doubles.http_double import Exchange, HTTPDouble, RecordedRequest
from tests.doubles.replies import Reply, split_text
from tests.doubles.schema_instance import instance_for

__all__ = ["GeminiDouble", "Reply", "Rule"]

_ROUTE = re.compile(
    r"^/(?P<version>v1(?:beta|alpha)?\d*)/models/(?P<model>[^/:]+):(?P<method>\w+)$"
)
_LIST = re.compile(r"^/(?P<version>v1(?:beta|alpha)?\d*)/models/?$")
# What a key lists in late 2026 (Gemini API models page and changelog): 3.x Flash GA, a
# Flash-Lite, a Pro preview, and a 2.5 Flash-Lite not yet retired.
DEFAULT_MODELS = (
    "gemini-3.8-flash",
    "gemini-3.7-flash",
    "gemini-3.5-flash-lite",
    "gemini-3.1-pro-preview",
    "gemini-2.5-flash-lite",
)


@dataclass
class Rule:
    reply: Reply
    match: str | None  # substring of system instruction + prompt, or None for any
    remaining: int | None  # None: forever


class GeminiDouble(HTTPDouble):
    def __init__(
        self,
        *,
        latency_s: float = 0.0,
        valid_keys: set[str] | None = None,
        models: tuple[str, ...] = DEFAULT_MODELS,
        model_version: str | None = None,
        retired: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.latency_s = latency_s
        self.valid_keys = valid_keys  # when set, other keys get 400 API_KEY_INVALID
        self.models = models
        self.model_version = model_version  # None: echo the requested model
        self.retired = retired  # shut-down models: 404 NOT_FOUND, as Google answers
        self._rules: list[Rule] = []
        self._rules_lock = threading.Lock()
        self._ids = itertools.count(1)
        self._quota: tuple[int, float] | None = None
        self._quota_starts: list[float] = []
        self.quota_rejections = 0
        # Requests with tools (the research agent's grounded call) are answered apart, so
        # the agents' scripted replies are not used up by them: see ``research``.
        self._grounded: list[Rule] = []

    @property
    def base_url(self) -> str:
        """What to pass as ``base_url`` (or ``GOOGLE_GEMINI_BASE_URL``)."""
        return self.origin + "/"

    # --- scripting -------------------------------------------------------------------

    def script(self, *replies: Reply, match: str | None = None) -> None:
        """One-shot replies, used in order by the next matching calls."""
        with self._rules_lock:
            self._rules.extend(Rule(reply, match, 1) for reply in replies)

    def always(self, reply: Reply, match: str | None = None) -> None:
        """A reply for every matching call (after one-shot replies are used up)."""
        with self._rules_lock:
            self._rules.append(Rule(reply, match, None))

    def research(self, *replies: Reply, always: Reply | None = None) -> None:
        """Replies for grounded calls (requests with tools), in order, then ``always``.

        Unscripted grounded calls get an answer with no facts and no sources."""
        with self._rules_lock:
            self._grounded.extend(Rule(reply, None, 1) for reply in replies)
            if always is not None:
                self._grounded.append(Rule(always, None, None))

    def _pick_grounded(self) -> Reply:
        with self._rules_lock:
            for rule in self._grounded:
                if rule.remaining is None:
                    return rule.reply
                if rule.remaining > 0:
                    rule.remaining -= 1
                    return rule.reply
        return Reply(payload={"facts": []}, label="grounded")

    def rate_limit(self, requests: int, window_s: float) -> None:
        """Enforce a quota like the free tier: beyond ``requests`` generate calls in any
        ``window_s`` seconds, answer 429 with a RetryInfo delay until a slot frees up."""
        with self._rules_lock:
            self._quota = (requests, window_s)
            self._quota_starts.clear()

    def _over_quota(self) -> float | None:
        """Seconds until the quota admits a call, or None if it admits this one now."""
        with self._rules_lock:
            if self._quota is None:
                return None
            limit, window = self._quota
            now = time.monotonic()
            self._quota_starts = [t for t in self._quota_starts if now - t < window]
            if len(self._quota_starts) >= limit:
                self.quota_rejections += 1
                return max(0.1, round(self._quota_starts[0] + window - now, 1))
            self._quota_starts.append(now)
            return None

    def clear_script(self) -> None:
        with self._rules_lock:
            self._rules.clear()

    def pending(self) -> int:
        """One-shot replies not used yet (assert 0 at the end of a scripted test)."""
        with self._rules_lock:
            return sum(1 for rule in self._rules if rule.remaining)

    def _pick(self, text: str) -> Reply:
        with self._rules_lock:
            for once in (True, False):
                for rule in self._rules:
                    if (rule.remaining is not None) != once:
                        continue
                    if rule.remaining == 0:
                        continue
                    if rule.match is not None and rule.match not in text:
                        continue
                    if rule.remaining is not None:
                        rule.remaining -= 1
                    return rule.reply
        return Reply.ok()

    # --- inspection ------------------------------------------------------------------

    def generate_requests(self) -> list[RecordedRequest]:
        """The agents' calls (the research agent's grounded calls are ``grounded_requests``)."""
        return [
            r
            for r in self.requests
            if ":" in r.path.rsplit("/", 1)[-1] and not (r.body or {}).get("tools")
        ]

    def grounded_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if (r.body or {}).get("tools")]

    def prompts(self) -> list[str]:
        return [prompt_text(r.body) for r in self.generate_requests()]

    # --- serving ---------------------------------------------------------------------

    def handle(self, exchange: Exchange) -> None:
        request = exchange.request
        key = request.headers.get("x-goog-api-key") or (request.query.get("key") or [""])[0]
        if request.method == "GET" and _LIST.match(request.path):
            if not self._key_ok(key):
                return self._send_error(exchange, Reply.bad_key())
            return exchange.send_json(
                200,
                {
                    "models": [
                        {
                            "name": f"models/{name}",
                            "displayName": name,
                            "supportedGenerationMethods": ["generateContent", "countTokens"],
                        }
                        for name in self.models
                    ]
                    + [
                        {
                            "name": "models/text-embedding-004",
                            "supportedGenerationMethods": ["embedContent"],
                        }
                    ]
                },
            )
        route = _ROUTE.match(request.path)
        if request.method != "POST" or route is None:
            return self._send_error(exchange, Reply.error(404, "NOT_FOUND", "Not found."))
        if not self._key_ok(key):
            request.reply = "bad_key"
            return self._send_error(exchange, Reply.bad_key())
        body = request.body or {}
        if route.group("model") in self.retired:
            request.reply = "not_found"
            return self._send_error(exchange, Reply.not_found(route.group("model")))
        wait = self._over_quota()
        if wait is not None:
            request.reply = "quota"
            return self._send_error(exchange, Reply.quota(retry_delay_s=wait))
        grounded = bool(body.get("tools"))
        reply = (
            self._pick_grounded() if grounded else self._pick(prompt_text(body, with_system=True))
        )
        request.reply = reply.label
        latency = reply.latency_s if reply.latency_s is not None else self.latency_s
        if exchange.pause(latency):
            return None
        if reply.kind == "error":
            return self._send_error(exchange, reply)
        model = route.group("model")
        stream = route.group("method") == "streamGenerateContent"
        events = self._events(reply, body, model)
        if not stream:
            return exchange.send_json(200, _merge(events))
        exchange.start_stream()
        for index, event in enumerate(events):
            if index and reply.chunk_delay_s and exchange.pause(reply.chunk_delay_s):
                return exchange.end_stream()
            if reply.drop_after is not None and index >= reply.drop_after:
                return exchange.drop()
            if reply.stream_error_after is not None and index >= reply.stream_error_after:
                exchange.send_event(json.dumps(reply.error_body()))
                return exchange.end_stream()
            text = _event_text(event)
            exchange.send_event(
                reply.event_bytes(json.dumps(event, ensure_ascii=False), index, text)
            )
        exchange.end_stream()
        return None

    def _key_ok(self, key: str) -> bool:
        return self.valid_keys is None or key in self.valid_keys

    def _send_error(self, exchange: Exchange, reply: Reply) -> None:
        exchange.send_json(reply.code, reply.error_body(), reply.headers)

    def _events(self, reply: Reply, body: dict[str, Any], model: str) -> list[dict[str, Any]]:
        """The SSE events of one answer (a non-streamed call merges them)."""
        version = self.model_version or model
        response_id = f"double-{next(self._ids)}"
        prompt_tokens = max(1, len(prompt_text(body, with_system=True)) // 4)
        base = {"modelVersion": version, "responseId": response_id}
        if reply.kind == "blocked":
            return [
                {
                    "promptFeedback": {"blockReason": reply.block_reason, "safetyRatings": []},
                    "usageMetadata": {
                        "promptTokenCount": prompt_tokens,
                        "totalTokenCount": prompt_tokens,
                    },
                    **base,
                }
            ]
        config = body.get("generationConfig") or {}
        schema = config.get("responseJsonSchema") or config.get("responseSchema")
        generated = instance_for(schema) if schema else {"text": "Risposta di prova"}
        text = reply.answer_text(generated)
        finish = reply.finish_reason
        if reply.cut_fraction is not None:
            text = text[: int(len(text) * reply.cut_fraction)]
        pieces = split_text(text, reply.chunks) if text else []
        events: list[dict[str, Any]] = []
        sent = 0
        for index, piece in enumerate(pieces):
            sent += len(piece)
            parts = [{"text": piece}]
            if index == 0 and reply.thought:
                parts.insert(0, {"text": reply.thought, "thought": True})
            candidate: dict[str, Any] = {
                "content": {"role": "model", "parts": parts},
                "index": 0,
            }
            events.append(
                {
                    "candidates": [candidate],
                    "usageMetadata": _usage(prompt_tokens, sent, reply.thoughts_tokens),
                    **base,
                }
            )
        if not events:  # no content at all (e.g. SAFETY)
            events.append(
                {
                    "candidates": [
                        {
                            "index": 0,
                            "safetyRatings": [
                                {
                                    "category": "HARM_CATEGORY_DANGEROUS_CONTENT",
                                    "probability": "HIGH",
                                    "blocked": True,
                                }
                            ],
                        }
                    ],
                    "usageMetadata": _usage(prompt_tokens, 0, reply.thoughts_tokens),
                    **base,
                }
            )
        events[-1]["candidates"][0]["finishReason"] = finish
        grounding = reply.grounding_metadata(text)
        if grounding is not None:  # the API sends it with the last chunk
            events[-1]["candidates"][0]["groundingMetadata"] = grounding
        return events


def _event_text(event: dict[str, Any]) -> str:
    parts = (event.get("candidates") or [{}])[0].get("content", {}).get("parts", [])
    return "".join(p.get("text", "") for p in parts if not p.get("thought"))


def prompt_text(body: Any, *, with_system: bool = False) -> str:
    """The user text of a recorded request (and the system instruction if asked)."""
    if not isinstance(body, dict):
        return ""
    texts: list[str] = []
    if with_system:
        system = body.get("systemInstruction") or {}
        texts += [p.get("text", "") for p in system.get("parts", []) if isinstance(p, dict)]
    for content in body.get("contents", []) or []:
        texts += [p.get("text", "") for p in content.get("parts", []) if isinstance(p, dict)]
    return "\n".join(texts)


def _usage(prompt: int, chars: int, thoughts: int) -> dict[str, int]:
    candidates = max(0, chars // 4)
    usage = {
        "promptTokenCount": prompt,
        "candidatesTokenCount": candidates,
        "totalTokenCount": prompt + candidates + thoughts,
    }
    if thoughts:
        usage["thoughtsTokenCount"] = thoughts
    return usage


def _merge(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The non-streamed answer: all chunks' parts in one candidate, the last usage."""
    merged = json.loads(json.dumps(events[-1]))
    if "candidates" not in merged:
        return merged
    parts: list[dict[str, Any]] = []
    for event in events:
        for candidate in event.get("candidates", []):
            parts += candidate.get("content", {}).get("parts", [])
    text = "".join(p["text"] for p in parts if not p.get("thought"))
    thoughts = [p for p in parts if p.get("thought")]
    if text or thoughts:
        merged["candidates"][0]["content"] = {
            "role": "model",
            "parts": [*thoughts, {"text": text}],
        }
    return merged
