"""Find the JSON object in a model's answer, with only well-defined repairs.

Models asked for JSON still wrap it in code fences, add a sentence before or
after, or leave a trailing comma. Those are recoverable without guessing; an
unclosed object (cut by the token limit) or invented syntax is not, and is
reported so the caller can ask the model to repair it or report truncation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

_FENCE = re.compile(r"```[ \t]*(?:json|JSON|json5)?[ \t]*\r?\n?(.*?)```", re.DOTALL)


class JSONExtractionError(ValueError):
    """The text holds no complete JSON object; ``unclosed`` means it looks cut off."""

    def __init__(self, message: str, *, unclosed: bool = False) -> None:
        super().__init__(message)
        self.unclosed = unclosed


@dataclass(frozen=True)
class ExtractedJSON:
    data: dict[str, Any]
    fixes: tuple[str, ...] = field(default=())  # e.g. ("removed trailing commas",)


def extract_json_object(text: str) -> ExtractedJSON:
    """The first complete top-level JSON object in ``text``; raises ``JSONExtractionError``."""
    cleaned = text.strip().strip("\ufeff").strip()
    if not cleaned:
        raise JSONExtractionError("the answer is empty")
    candidates = [cleaned]
    candidates += [m.group(1).strip() for m in _FENCE.finditer(cleaned)]
    unclosed = False
    first_error = ""
    for candidate in candidates:
        for start in _top_level_object_starts(candidate):
            found, was_unclosed, message = _decode_at(candidate, start)
            if found is not None:
                return found
            unclosed = unclosed or was_unclosed
            first_error = first_error or message
    if unclosed:
        raise JSONExtractionError(
            "the JSON object is not closed (the answer looks cut off)", unclosed=True
        )
    if first_error:
        raise JSONExtractionError(f"invalid JSON: {first_error}")
    raise JSONExtractionError("no JSON object found in the answer")


def _decode_at(text: str, start: int) -> tuple[ExtractedJSON | None, bool, str]:
    decoder = json.JSONDecoder()
    try:
        value, _end = decoder.raw_decode(text, start)
    except json.JSONDecodeError as error:
        end = _matching_brace(text, start)
        if end is None:
            return None, True, _describe(error)
        # A complete {...} that does not parse: try the one safe repair.
        repaired = _remove_trailing_commas(text[start : end + 1])
        if repaired != text[start : end + 1]:
            try:
                value = json.loads(repaired)
            except json.JSONDecodeError:
                return None, False, _describe(error)
            if isinstance(value, dict):
                return ExtractedJSON(value, ("removed trailing commas",)), False, ""
        return None, False, _describe(error)
    if isinstance(value, dict):
        return ExtractedJSON(value), False, ""
    return None, False, "the JSON value is not an object"


def _describe(error: json.JSONDecodeError) -> str:
    return f"{error.msg} at line {error.lineno} column {error.colno}"


def _top_level_object_starts(text: str) -> list[int]:
    """Offsets of '{' outside strings and outside any other bracket (string-aware scan)."""
    starts: list[int] = []
    depth = 0
    in_string = False
    escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            # Quotes in prose ("Ecco il "piano"") must not hide later objects:
            # only track strings while inside a bracket.
            in_string = depth > 0
        elif char in "{[":
            if depth == 0 and char == "{":
                starts.append(index)
            depth += 1
        elif char in "}]":
            depth = max(0, depth - 1)
    return starts


def _matching_brace(text: str, start: int) -> int | None:
    depth = 0
    in_string = False
    escaped = False
    for index in range(start, len(text)):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return index
    return None


def _remove_trailing_commas(text: str) -> str:
    """Drop a comma that is followed (after whitespace) by '}' or ']', outside strings."""
    out: list[str] = []
    in_string = False
    escaped = False
    pending_comma: int | None = None
    for char in text:
        if in_string:
            out.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char in "}]" and pending_comma is not None:
            del out[pending_comma]
            pending_comma = None
        elif not char.isspace():
            pending_comma = None
        if char == ",":
            pending_comma = len(out)
        elif char == '"':
            in_string = True
        out.append(char)
    return "".join(out)
