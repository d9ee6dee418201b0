"""Strict JSON for signed documents.

Python's ``json`` keeps the last of duplicate keys, accepts NaN/Infinity,
parses arbitrarily long integers and recurses until the stack gives out. Each
of those lets two parsers disagree about what a signed file says, so this
module refuses them all and turns every failure into one exception type.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 4
"""Licence payloads need two levels (object -> list/object); four leaves room."""

MAX_INT_DIGITS = 15
"""Enough for epoch seconds up to year 9999; refuses 10**4000-style bombs."""


class StrictJSONError(ValueError):
    """The text is not JSON we are willing to interpret."""


def _reject_constant(name: str) -> Any:
    raise StrictJSONError(f"non-finite number {name!r}")


def _reject_float(text: str) -> Any:
    raise StrictJSONError(f"floating-point number {text!r}")


def _bounded_int(text: str) -> int:
    digits = text[1:] if text.startswith("-") else text
    if len(digits) > MAX_INT_DIGITS:
        raise StrictJSONError("integer too large")
    return int(text)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise StrictJSONError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _check_depth(text: str, max_depth: int) -> None:
    """Count bracket nesting outside strings before ``json`` recurses into it."""
    depth = 0
    in_string = False
    escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                raise StrictJSONError("nesting too deep")
        elif char in "]}":
            depth -= 1


def loads(data: bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse UTF-8 JSON bytes, refusing anything ambiguous. Raises StrictJSONError."""
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise StrictJSONError("not UTF-8") from exc
    if text.startswith("\ufeff"):
        raise StrictJSONError("byte order mark")
    _check_depth(text, max_depth)
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_reject_constant,
            parse_float=_reject_float,
            parse_int=_bounded_int,
        )
    except StrictJSONError:
        raise
    except (ValueError, RecursionError, TypeError) as exc:
        raise StrictJSONError(f"invalid JSON: {type(exc).__name__}") from exc


def dumps_canonical(value: Any) -> bytes:
    """The single byte form we emit: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")
