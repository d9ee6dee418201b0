"""Language-model clients (Gemini, local OpenAI-compatible servers) behind one interface.

Start with ``build_client(provider, settings, api_key, cache)``; the contract
is in ``engine.llm.base``; the shared reliability layer in
``engine.llm.reliability``. Provider modules load lazily (the SDK is slow to
import and the offline path never needs it).
"""

from engine.llm.base import (
    CancelToken,
    CompletionRequest,
    CompletionResult,
    ErrorKind,
    GenerationSettings,
    LLMClient,
    LLMError,
    Usage,
)
from engine.llm.factory import build_client, shared_limiter
from engine.llm.limiter import RateLimiter
from engine.llm.retry import RetryPolicy

__all__ = [
    "CancelToken",
    "CompletionRequest",
    "CompletionResult",
    "ErrorKind",
    "GenerationSettings",
    "LLMClient",
    "LLMError",
    "RateLimiter",
    "RetryPolicy",
    "Usage",
    "build_client",
    "shared_limiter",
]
