"""The contract between the agents and any language-model back end.

Agents build a ``CompletionRequest`` (system instruction, prompt, JSON schema
of the section they need) and get a ``CompletionResult`` whose ``data`` is the
parsed JSON object. Back ends know nothing of plans; the orchestrator knows
nothing of HTTP. Failures a user can act on are ``LLMError`` with a kind the
GUI can explain (bad key -> settings, quota -> wait, offline -> offline draft).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from engine.errors import UserError
from engine.redaction import redact


class ErrorKind(StrEnum):
    AUTH = "auth"  # bad or missing API key
    QUOTA = "quota"  # 429 after retries
    UNAVAILABLE = "unavailable"  # 5xx storm, overloaded
    NETWORK = "network"  # no connection, DNS, refused
    TIMEOUT = "timeout"
    MODEL = "model"  # unknown or retired model (404)
    BLOCKED = "blocked"  # prompt blocked or answer withheld for safety
    TRUNCATED = "truncated"  # MAX_TOKENS cut the answer
    INVALID_OUTPUT = "invalid_output"  # not JSON / not the schema, even after repair
    CANCELLED = "cancelled"
    BAD_REQUEST = "bad_request"


class LLMError(UserError):
    """A failed completion, with what the user can do about it in both languages.

    ``code`` is the kind's value; ``kind`` decides what the GUI offers (settings, wait,
    offline draft) and ``retry_after_s``/``status`` whether and when to try again.
    """

    def __init__(
        self,
        kind: ErrorKind,
        *,
        it: str,
        en: str,
        retry_after_s: float | None = None,
        status: int | None = None,
        replacement: str | None = None,
    ) -> None:
        # Messages quote servers and answers, and end up on screen, in logs and in the store:
        # a key a model echoed back never gets that far.
        super().__init__(it=redact(it), en=redact(en), code=kind.value)
        self.kind = kind
        self.retry_after_s = retry_after_s
        self.status = status
        self.replacement = replacement  # a model to switch to, when this one is retired


class CancelToken:
    """Set by the orchestrator; back ends check it between chunks and before retries."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; returns True (early) if cancelled meanwhile."""
        return self._event.wait(seconds)


@dataclass(frozen=True)
class GenerationSettings:
    """What to ask for and how long to wait (``resources/config/defaults.json`` sets these).

    A silent or stuck server is recognised by what it fails to do: connect, start
    answering (thinking models think first), keep sending (a long answer that keeps
    streaming is progress), or finish the section at all (every attempt, backoff wait
    and repair call included; waiting for the rate limiter is pacing and not counted).
    An answer larger than ``max_answer_bytes`` is stopped as it arrives: a section is
    tens of kilobytes, so a megabyte is a runaway.
    """

    model: str
    temperature: float = 0.4
    max_output_tokens: int = 8192
    thinking_level: str = "low"  # Gemini 3+: minimal, low, medium, high (plans must stay fast)
    connect_timeout_s: float = 10.0
    first_byte_timeout_s: float = 60.0
    idle_timeout_s: float = 30.0
    section_timeout_s: float = 300.0
    max_answer_bytes: int = 2_000_000


@dataclass(frozen=True)
class AttemptLimits:
    """What one HTTP attempt may take: the settings', capped by what is left of the section's."""

    connect_s: float
    first_byte_s: float
    idle_s: float
    total_s: float  # what is left of the section's budget
    section_s: float  # the whole budget (for the message when it runs out)
    max_bytes: int

    @property
    def read_s(self) -> float:
        """The socket read timeout: a backstop behind the streaming checks, never first."""
        return max(self.first_byte_s, self.idle_s) + 1.0


@dataclass(frozen=True)
class CompletionRequest:
    agent: str  # e.g. "sports", "coordinator": for logs, events and the cache key
    system: str
    prompt: str
    schema: dict[str, Any]  # a standard (lower-case) JSON Schema of the expected object
    settings: GenerationSettings
    use_cache: bool = True  # "regenerate" passes False
    # Built-in tools the model may use: "google_search", "url_context" (Gemini only). An
    # answer grounded on the web today is not cached: its citations come with the answer.
    tools: tuple[str, ...] = ()


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    thinking_tokens: int = 0

    @property
    def total(self) -> int:
        return self.input_tokens + self.output_tokens + self.thinking_tokens


@dataclass(frozen=True)
class GroundingSupport:
    """A span of the answer text and the sources (indices into ``Grounding.sources``)."""

    start: int  # byte offsets into the answer's UTF-8 text, as the API gives them
    end: int
    text: str
    sources: tuple[int, ...]


@dataclass
class Grounding:
    """Where a search-grounded answer comes from: the pages, and which text each supports."""

    sources: list[tuple[str, str]] = field(default_factory=list)  # (uri, title)
    supports: list[GroundingSupport] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)


@dataclass
class CompletionResult:
    data: dict[str, Any]  # the parsed, schema-checked JSON object
    text: str  # the raw text as received (after streaming)
    usage: Usage = field(default_factory=Usage)
    model_version: str | None = None
    finish_reason: str | None = None
    warnings: list[str] = field(default_factory=list)  # e.g. "repaired malformed JSON"
    cached: bool = False
    attempts: int = 1
    grounding: Grounding | None = None  # only for requests with tools


# Receives streamed text chunks as they arrive. If an attempt fails half-way and is
# retried, the retry's text follows the partial text already sent (previews should
# show the latest chunks, not treat the stream as one document).
TextSink = Callable[[str], None]


class LLMClient(Protocol):
    """What an agent calls. Implementations must be safe to call from pool threads."""

    name: str  # "gemini" | "local"

    def complete(
        self, request: CompletionRequest, on_text: TextSink | None, cancel: CancelToken
    ) -> CompletionResult: ...
