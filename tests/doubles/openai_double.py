"""A local OpenAI-compatible server (Ollama, llama-server) for tests.

- ``POST /v1/chat/completions``: with ``stream: true`` answers chunked SSE
  ``data: {"choices":[{"delta":{"content":"..."}}]}`` events, a usage event
  when ``stream_options.include_usage`` is set, then ``data: [DONE]``;
  otherwise one ``chat.completion`` JSON.
- ``GET /v1/models``: ``{"data": [{"id": ...}]}``.

Scripting is the Gemini double's: ``script(*replies, match=...)``,
``always(reply, match=...)``, ``latency_s``; unscripted calls get an instance
of ``response_format.json_schema.schema``. Errors are rendered the way Ollama
does (``{"error": {"message", "type", "code"}}``).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from typing import Any

from tests.doubles.gemini_double import Rule
from tests.doubles.http_double import Exchange, HTTPDouble, RecordedRequest
from tests.doubles.replies import Reply, split_text
from tests.doubles.schema_instance import instance_for

__all__ = ["OpenAIDouble", "Reply"]

FINISH = {"STOP": "stop", "MAX_TOKENS": "length", "SAFETY": "content_filter"}


class OpenAIDouble(HTTPDouble):
    def __init__(
        self,
        *,
        latency_s: float = 0.0,
        models: tuple[str, ...] = ("qwen3:8b",),
        bearer: str | None = None,
        strict_models: bool = False,
    ) -> None:
        super().__init__()
        self.latency_s = latency_s
        self.models = models  # what GET /v1/models lists
        self.strict_models = strict_models  # when True, other models get 404 like Ollama
        self.bearer = bearer  # when set, other Authorization headers get 401
        self._rules: list[Rule] = []
        self._rules_lock = threading.Lock()
        self._ids = itertools.count(1)

    @property
    def base_url(self) -> str:
        return self.origin + "/v1"

    def script(self, *replies: Reply, match: str | None = None) -> None:
        with self._rules_lock:
            self._rules.extend(Rule(reply, match, 1) for reply in replies)

    def always(self, reply: Reply, match: str | None = None) -> None:
        with self._rules_lock:
            self._rules.append(Rule(reply, match, None))

    def pending(self) -> int:
        with self._rules_lock:
            return sum(1 for rule in self._rules if rule.remaining)

    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def _pick(self, text: str) -> Reply:
        with self._rules_lock:
            for once in (True, False):
                for rule in self._rules:
                    if (rule.remaining is not None) != once or rule.remaining == 0:
                        continue
                    if rule.match is not None and rule.match not in text:
                        continue
                    if rule.remaining is not None:
                        rule.remaining -= 1
                    return rule.reply
        return Reply.ok()

    def handle(self, exchange: Exchange) -> None:
        request = exchange.request
        if self.bearer is not None and request.headers.get("authorization") != (
            f"Bearer {self.bearer}"
        ):
            return exchange.send_json(401, _error(401, "unauthorized"))
        if request.method == "GET" and request.path.rstrip("/") == "/v1/models":
            return exchange.send_json(
                200,
                {
                    "object": "list",
                    "data": [
                        {"id": name, "object": "model", "owned_by": "library"}
                        for name in self.models
                    ],
                },
            )
        if request.method != "POST" or request.path != "/v1/chat/completions":
            return exchange.send_bytes(404, b"404 page not found", "text/plain")
        body = request.body or {}
        model = str(body.get("model", ""))
        if self.strict_models and model not in self.models:
            request.reply = "unknown model"
            return exchange.send_json(
                404, _error(404, f'model "{model}" not found, try pulling it first')
            )
        reply = self._pick(_messages_text(body))
        request.reply = reply.label
        latency = reply.latency_s if reply.latency_s is not None else self.latency_s
        if exchange.pause(latency):
            return None
        if reply.kind == "error":
            return exchange.send_json(reply.code, _error(reply.code, reply.message), reply.headers)
        schema = ((body.get("response_format") or {}).get("json_schema") or {}).get("schema")
        generated = instance_for(schema) if schema else {"text": "Risposta di prova"}
        text = "" if reply.kind == "blocked" else reply.answer_text(generated)
        if reply.cut_fraction is not None:
            text = text[: int(len(text) * reply.cut_fraction)]
        finish = (
            "content_filter"
            if reply.kind == "blocked"
            else FINISH.get(reply.finish_reason, reply.finish_reason.lower())
        )
        completion_id = f"chatcmpl-{next(self._ids)}"
        created = int(time.time())
        usage = {
            "prompt_tokens": len(_messages_text(body)) // 4,
            "completion_tokens": len(text) // 4,
            "total_tokens": (len(_messages_text(body)) + len(text)) // 4,
        }
        if not body.get("stream"):
            return exchange.send_json(
                200,
                {
                    "id": completion_id,
                    "object": "chat.completion",
                    "created": created,
                    "model": model,
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "finish_reason": finish,
                        }
                    ],
                    "usage": usage,
                },
            )
        exchange.start_stream()
        pieces = split_text(text, reply.chunks)
        for index, piece in enumerate(pieces):
            if index and reply.chunk_delay_s and exchange.pause(reply.chunk_delay_s):
                return exchange.end_stream()
            if reply.drop_after is not None and index >= reply.drop_after:
                return exchange.drop()
            if reply.stream_error_after is not None and index >= reply.stream_error_after:
                exchange.send_event(json.dumps(_error(reply.code, reply.message)))
                return exchange.end_stream()
            last = index == len(pieces) - 1
            event = json.dumps(
                {
                    "id": completion_id,
                    "object": "chat.completion.chunk",
                    "created": created,
                    "model": model,
                    "choices": [
                        {
                            "index": 0,
                            "delta": {"role": "assistant", "content": piece},
                            "finish_reason": finish if last else None,
                        }
                    ],
                },
                ensure_ascii=False,
            )
            exchange.send_event(reply.event_bytes(event, index, piece))
        if (body.get("stream_options") or {}).get("include_usage"):
            exchange.send_event(
                json.dumps(
                    {
                        "id": completion_id,
                        "object": "chat.completion.chunk",
                        "created": created,
                        "model": model,
                        "choices": [],
                        "usage": usage,
                    }
                )
            )
        exchange.send_event("[DONE]")
        exchange.end_stream()
        return None


def _messages_text(body: dict[str, Any]) -> str:
    return "\n".join(
        str(m.get("content", "")) for m in body.get("messages", []) or [] if isinstance(m, dict)
    )


def _error(code: int, message: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": "api_error", "param": None, "code": code}}
