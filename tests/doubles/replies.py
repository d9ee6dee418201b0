"""Scripted answers for the provider doubles, in provider-neutral terms.

A ``Reply`` says *what* happens (a valid answer, a 429 with a retry delay, a
cut-off JSON, a safety block, a stream that breaks half-way...); each double
renders it in its own wire format. Build them with the class methods:
``Reply.ok(payload)``, ``Reply.quota(retry_delay_s=2)``, ``Reply.malformed()``...
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Reply:
    kind: str = "ok"  # ok | error | blocked
    payload: Any = None  # the answer object; None = generated from the request's schema
    text: str | None = None  # the raw answer text (wins over payload)
    finish_reason: str = "STOP"  # Gemini names; the OpenAI double maps them
    chunks: int = 3  # SSE chunks the text is split into
    chunk_delay_s: float = 0.0  # pause before each chunk after the first
    latency_s: float | None = None  # pause before the response starts (None: the double's)
    code: int = 200
    status: str = ""
    message: str = ""
    details: tuple[dict[str, Any], ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    stream_error_after: int | None = None  # send an error event after N chunks
    drop_after: int | None = None  # close the connection after N chunks
    cut_fraction: float | None = None  # keep only this part of the text (MAX_TOKENS)
    block_reason: str | None = None
    thought: str | None = None  # a thought-summary part sent before the answer
    thoughts_tokens: int = 0
    garble: str | None = None  # "text" | "frame": invalid UTF-8 in the first chunk (see garbled)
    # A search-grounded answer: pages (uri, title), the answer's spans each supports (the
    # span's text and the page indices; offsets are computed on the answer, in UTF-8 bytes
    # as the API gives them) and the queries the model ran.
    sources: tuple[tuple[str, str], ...] = ()
    supported: tuple[tuple[str, tuple[int, ...]], ...] = ()
    queries: tuple[str, ...] = ()
    label: str = "ok"

    # --- answers ---------------------------------------------------------------------

    @classmethod
    def ok(cls, payload: Any = None, **options: Any) -> Reply:
        """A valid answer: ``payload`` as JSON, or an instance of the request's schema."""
        return cls(payload=payload, label="ok", **options)

    @classmethod
    def grounded(
        cls,
        payload: Any,
        sources: list[tuple[str, str]],
        supported: dict[str, list[int]],
        queries: tuple[str, ...] = (),
        **options: Any,
    ) -> Reply:
        """An answer with groundingMetadata, as Google Search grounding returns it.

        ``supported`` maps a piece of the answer's text to the pages that support it; a
        piece of the answer left out of it is an unsupported segment (no citation).
        """
        return cls(
            payload=payload,
            sources=tuple(sources),
            supported=tuple((text, tuple(pages)) for text, pages in supported.items()),
            queries=tuple(queries),
            label="grounded",
            **options,
        )

    def grounding_metadata(self, answer: str) -> dict[str, Any] | None:
        """groundingMetadata for ``answer`` (camelCase, as on the wire), or None."""
        if not self.sources and not self.supported:
            return None
        encoded = answer.encode("utf-8")
        supports = []
        for text, pages in self.supported:
            start = encoded.find(text.encode("utf-8"))
            if start < 0:
                continue  # the test's text is not in the answer: nothing to point at
            supports.append(
                {
                    "segment": {
                        "startIndex": start,
                        "endIndex": start + len(text.encode("utf-8")),
                        "text": text,
                    },
                    "groundingChunkIndices": list(pages),
                }
            )
        return {
            "webSearchQueries": list(self.queries),
            "groundingChunks": [
                {"web": {"uri": uri, "title": title}} for uri, title in self.sources
            ],
            "groundingSupports": supports,
        }

    @classmethod
    def raw_text(cls, text: str, **options: Any) -> Reply:
        return cls(text=text, label="text", **options)

    @classmethod
    def malformed(cls, **options: Any) -> Reply:
        """Prose and an object that is not JSON (single quotes, no closing brace)."""
        text = "Ecco il piano richiesto: {'obiettivi': [SP1, SP2], nota: manca la chiusura"
        return cls(text=text, label="malformed", **options)

    @classmethod
    def fenced(cls, payload: Any = None, **options: Any) -> Reply:
        """The valid answer wrapped in a ```json fence with a sentence before and after."""
        return cls(payload=payload, label="fenced", **options)

    @classmethod
    def truncated(cls, payload: Any = None, fraction: float = 0.5, **options: Any) -> Reply:
        """MAX_TOKENS: the JSON stops half-way."""
        return cls(
            payload=payload,
            cut_fraction=fraction,
            finish_reason="MAX_TOKENS",
            label="truncated",
            **options,
        )

    @classmethod
    def safety(cls, **options: Any) -> Reply:
        """finishReason SAFETY and no content at all."""
        return cls(text="", finish_reason="SAFETY", chunks=1, label="safety", **options)

    @classmethod
    def blocked(cls, reason: str = "SAFETY", **options: Any) -> Reply:
        """The prompt is blocked: promptFeedback.blockReason and no candidates."""
        return cls(kind="blocked", block_reason=reason, label="blocked", **options)

    @classmethod
    def slow(
        cls, payload: Any = None, chunks: int = 40, chunk_delay_s: float = 0.1, **options: Any
    ) -> Reply:
        """Many small chunks with pauses: for cancel tests."""
        return cls(
            payload=payload, chunks=chunks, chunk_delay_s=chunk_delay_s, label="slow", **options
        )

    @classmethod
    def stream_error(cls, after_chunks: int = 1, code: int = 503, **options: Any) -> Reply:
        """Some text, then an error event in the stream."""
        return cls(
            stream_error_after=after_chunks,
            code=code,
            status=_STATUS.get(code, ""),
            message="The model is overloaded. Please try again later.",
            label="stream_error",
            **options,
        )

    @classmethod
    def dropped(cls, after_chunks: int = 1, **options: Any) -> Reply:
        """Some text, then the connection closes without finishing the response."""
        return cls(drop_after=after_chunks, label="dropped", **options)

    @classmethod
    def garbled(cls, where: str = "text", **options: Any) -> Reply:
        """A valid answer whose first chunk carries bytes that are not UTF-8.

        ``where="text"``: inside the answer's text (a decoder that replaces bad bytes
        yields U+FFFD); ``"frame"``: in the event's JSON around it (not JSON any more).
        """
        return cls(garble=where, label=f"garbled {where}", **options)

    # --- errors ----------------------------------------------------------------------

    @classmethod
    def error(
        cls,
        code: int,
        status: str = "",
        message: str = "",
        details: tuple[dict[str, Any], ...] | list[dict[str, Any]] = (),
        **options: Any,
    ) -> Reply:
        return cls(
            kind="error",
            code=code,
            status=status or _STATUS.get(code, "UNKNOWN"),
            message=message or f"error {code}",
            details=tuple(details),
            label=f"error {code}",
            **options,
        )

    @classmethod
    def quota(cls, retry_delay_s: float | None = 26, daily: bool = False, **options: Any) -> Reply:
        """429 RESOURCE_EXHAUSTED with QuotaFailure, Help and RetryInfo like the real API."""
        quota_id = (
            "GenerateRequestsPerDayPerProjectPerModel-FreeTier"
            if daily
            else "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"
        )
        details: list[dict[str, Any]] = [
            {
                "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                "violations": [
                    {
                        "quotaMetric": (
                            "generativelanguage.googleapis.com/generate_content_free_tier_requests"
                        ),
                        "quotaId": quota_id,
                        "quotaDimensions": {"location": "global", "model": "gemini-2.5-flash"},
                        "quotaValue": "10",
                    }
                ],
            },
            {
                "@type": "type.googleapis.com/google.rpc.Help",
                "links": [
                    {
                        "description": "Learn more about Gemini API quotas",
                        "url": "https://ai.google.dev/gemini-api/docs/rate-limits",
                    }
                ],
            },
        ]
        if retry_delay_s is not None:
            details.append(
                {
                    "@type": "type.googleapis.com/google.rpc.RetryInfo",
                    "retryDelay": f"{_number(retry_delay_s)}s",
                }
            )
        return cls.error(
            429,
            "RESOURCE_EXHAUSTED",
            "You exceeded your current quota, please check your plan and billing details.",
            details,
            **options,
        )

    @classmethod
    def unavailable(cls, **options: Any) -> Reply:
        return cls.error(
            503, "UNAVAILABLE", "The model is overloaded. Please try again later.", **options
        )

    @classmethod
    def internal(cls, **options: Any) -> Reply:
        return cls.error(
            500,
            "INTERNAL",
            "An internal error has occurred. Please retry or report in "
            "https://developers.generativeai.google/guide/troubleshooting",
            **options,
        )

    @classmethod
    def bad_key(cls, **options: Any) -> Reply:
        return cls.error(
            400,
            "INVALID_ARGUMENT",
            "API key not valid. Please pass a valid API key.",
            [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "API_KEY_INVALID",
                    "domain": "googleapis.com",
                    "metadata": {"service": "generativelanguage.googleapis.com"},
                },
                {
                    "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
                    "locale": "en-US",
                    "message": "API key not valid. Please pass a valid API key.",
                },
            ],
            **options,
        )

    @classmethod
    def permission_denied(cls, **options: Any) -> Reply:
        return cls.error(
            403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers.", **options
        )

    @classmethod
    def not_found(cls, model: str = "gemini-0.9-retired", **options: Any) -> Reply:
        return cls.error(
            404,
            "NOT_FOUND",
            f"models/{model} is not found for API version v1beta, or is not supported for "
            "generateContent.",
            **options,
        )

    @classmethod
    def region(cls, **options: Any) -> Reply:
        return cls.error(
            400,
            "FAILED_PRECONDITION",
            "User location is not supported for the API use without a billing account linked.",
            **options,
        )

    # --- helpers ---------------------------------------------------------------------

    def with_(self, **changes: Any) -> Reply:
        return replace(self, **changes)

    def answer_text(self, generated: Any) -> str:
        """The full answer text before cutting and chunking."""
        if self.text is not None:
            return self.text
        payload = self.payload if self.payload is not None else generated
        body = json.dumps(payload, ensure_ascii=False, indent=1)
        if self.label == "fenced":
            return f"Ecco la sezione:\n```json\n{body}\n```\nFatemi sapere se serve altro."
        return body

    def event_bytes(self, event_json: str, index: int, text: str) -> bytes:
        """One event as sent: garbled in the first chunk when the reply says so."""
        data = event_json.encode("utf-8")
        if self.garble is None or index != 0:
            return data
        if self.garble == "frame":
            return b"\xe2" + data  # a broken byte before the JSON object
        start = b'"' + json.dumps(text[:8], ensure_ascii=False)[1:-1].encode("utf-8")
        return data.replace(start, b'"\xff\xfe' + start[1:], 1)  # at the start of the text

    def error_body(self) -> dict[str, Any]:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "status": self.status,
                "details": list(self.details),
            }
        }


def split_text(text: str, parts: int) -> list[str]:
    """``text`` in ``parts`` nearly equal pieces (at least one, never empty unless text is)."""
    parts = max(1, min(parts, len(text) or 1))
    size = -(-len(text) // parts) if text else 0
    if not text:
        return [""]
    return [text[i : i + size] for i in range(0, len(text), size)]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    408: "DEADLINE_EXCEEDED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
