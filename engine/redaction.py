"""Secrets never leave the process in words: one ``redact`` for logs, stored runs, plans and
crash reports.

Two nets: the API keys actually configured (registered by whoever reads them, so a key of
any shape is caught, a local server's token too) and key-shaped patterns (Google API keys,
OpenAI-style keys, bearer tokens, ``key=...`` parameters) for keys nobody registered, such
as one a user pasted into a club's notes and a model quoted back.
"""

from __future__ import annotations

import re
import threading

REDACTED = "[redacted]"
MIN_SECRET_LENGTH = 8  # shorter values would redact ordinary words
SECRET_PATTERNS = (
    re.compile(r"AIza[0-9A-Za-z_\-]{35}"),
    re.compile(r"\bsk-(?:proj-)?[A-Za-z0-9_\-]{20,}"),
    re.compile(r"\bya29\.[0-9A-Za-z_\-]{20,}"),
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._\-]+"),
    re.compile(r"(?i)((?:api[_-]?key|x-goog-api-key|key)[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,]+"),
)

_known: set[str] = set()
_lock = threading.Lock()


def register_secret(value: str | None) -> None:
    """Remember a configured secret (an API key) so that ``redact`` removes it wherever it is."""
    value = (value or "").strip()
    if len(value) >= MIN_SECRET_LENGTH:
        with _lock:
            _known.add(value)


def forget_secrets() -> None:
    """For tests: start again with no registered secrets."""
    with _lock:
        _known.clear()


def redact(text: str) -> str:
    """``text`` without registered secrets and key-shaped strings."""
    with _lock:
        known = sorted(_known, key=len, reverse=True)  # a longer key before its prefix
    for secret in known:
        if secret in text:
            text = text.replace(secret, REDACTED)
    for pattern in SECRET_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + REDACTED, text)
    return text
