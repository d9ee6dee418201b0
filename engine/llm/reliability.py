"""The reliability layer shared by every provider, in one import.

``RateLimiter`` (shared gate), ``RetryPolicy`` (backoff honouring the
server's delay), ``extract_json_object`` (fences, prose, trailing commas),
``validate`` (the JSON-Schema subset of the section schemas), and
``CompletionRunner`` (cache -> gate -> retry -> parse -> one repair).
Each lives in its own small module; this one only gathers them.
"""

from __future__ import annotations

from engine.llm.clock import SYSTEM_CLOCK, Clock, SystemClock
from engine.llm.jsontext import ExtractedJSON, JSONExtractionError, extract_json_object
from engine.llm.limiter import LimiterStats, RateLimiter
from engine.llm.pipeline import (
    WARN_AT_LIMIT,
    WARN_REPAIRED,
    WARN_TRAILING_COMMAS,
    CompletionRunner,
    RawCompletion,
    Transport,
)
from engine.llm.repair import REPAIR_MARKER, repair_request
from engine.llm.retry import RetryPolicy
from engine.llm.schema import SchemaError, check, validate

__all__ = [
    "REPAIR_MARKER",
    "SYSTEM_CLOCK",
    "WARN_AT_LIMIT",
    "WARN_REPAIRED",
    "WARN_TRAILING_COMMAS",
    "Clock",
    "CompletionRunner",
    "ExtractedJSON",
    "JSONExtractionError",
    "LimiterStats",
    "RateLimiter",
    "RawCompletion",
    "RetryPolicy",
    "SchemaError",
    "SystemClock",
    "Transport",
    "check",
    "extract_json_object",
    "repair_request",
    "validate",
]
