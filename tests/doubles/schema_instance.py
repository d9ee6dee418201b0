"""Build a JSON value that fits a JSON Schema: what a well-behaved model would answer.

The doubles answer every request with an instance of the schema the request
carries, so orchestrator tests get structurally valid sections without
scripting each one. Deterministic: the same schema gives the same value.
Covers the subset ``engine.llm.schema`` validates, Gemini's upper-case
OpenAPI types, local ``$ref``, and simple ``pattern`` regexes (via the
stdlib regex parser).
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from engine.llm.schema import resolve

FORMATS = {
    "date": "2026-09-01",
    "date-time": "2026-09-01T10:00:00Z",
    "email": "segreteria@example.org",
    "uri": "https://example.org",
    "time": "10:00:00",
}


def instance_for(schema: dict[str, Any], *, text: str = "Testo di prova") -> Any:
    """A deterministic value valid against ``schema``."""
    return _Generator(schema, text).value(schema, "root", 0)


class _Generator:
    def __init__(self, root: dict[str, Any], text: str) -> None:
        self.root = root
        self.text = text

    def value(self, node: Any, name: str, index: int) -> Any:
        if node is True or node is None or node == {}:
            return f"{self.text} {name}"
        node = resolve(node, self.root)
        if "allOf" in node:
            node = _merge(node, [resolve(s, self.root) for s in node["allOf"]])
        if "const" in node:
            return node["const"]
        if node.get("enum"):
            options = node["enum"]
            return options[index % len(options)]
        for keyword in ("anyOf", "oneOf"):
            if node.get(keyword):
                options = [resolve(o, self.root) for o in node[keyword]]
                chosen = next((o for o in options if _type(o) != "null"), options[0])
                return self.value(chosen, name, index)
        kind = _type(node)
        if kind == "object" or (kind is None and "properties" in node):
            return {
                key: self.value(sub, key, index)
                for key, sub in (node.get("properties") or {}).items()
            }
        if kind == "array":
            low = int(node.get("minItems", 1))
            high = node.get("maxItems")
            count = max(low, 1) if high is None else min(max(low, 1), int(high))
            items = node.get("items", {})
            prefix = node.get("prefixItems") or []
            return [
                self.value(prefix[i] if i < len(prefix) else items, f"{name} {i + 1}", i)
                for i in range(count)
            ]
        if kind == "integer":
            low, high = node.get("minimum"), node.get("maximum")
            if isinstance(low, int) and isinstance(high, int) and high >= low:
                return low + index % (high - low + 1)  # e.g. roadmap years 1, 2, 3
            return int(_number(node, integer=True))
        if kind == "number":
            return _number(node, integer=False)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return self.string(node, name, index)

    def string(self, node: dict[str, Any], name: str, index: int) -> str:
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            example = example_for_pattern(pattern, index)
            if example is not None:
                return example
        if node.get("format") in FORMATS:
            return FORMATS[node["format"]]
        value = f"{self.text}: {name}" + (f" {index + 1}" if index else "")
        low = int(node.get("minLength", 0))
        high = node.get("maxLength")
        if len(value) < low:
            value += "x" * (low - len(value))
        if high is not None and len(value) > int(high):
            value = value[: int(high)]
        return value


def _type(node: dict[str, Any]) -> str | None:
    kind = node.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if str(k).lower() != "null"), kind[0] if kind else None)
    return str(kind).lower() if kind is not None else None


def _merge(node: dict[str, Any], parts: list[dict[str, Any]]) -> dict[str, Any]:
    merged = {k: v for k, v in node.items() if k != "allOf"}
    for part in parts:
        for key, value in part.items():
            if key == "properties":
                merged["properties"] = {**merged.get("properties", {}), **value}
            elif key == "required":
                merged["required"] = [*merged.get("required", []), *value]
            else:
                merged.setdefault(key, value)
    return merged


def _number(node: dict[str, Any], *, integer: bool) -> float:
    low = node.get("minimum")
    high = node.get("maximum")
    ex_low = node.get("exclusiveMinimum")
    ex_high = node.get("exclusiveMaximum")
    step = 1 if integer else 0.5
    if isinstance(ex_low, (int, float)) and not isinstance(ex_low, bool):
        low = ex_low + step if low is None else max(low, ex_low + step)
    if isinstance(ex_high, (int, float)) and not isinstance(ex_high, bool):
        high = ex_high - step if high is None else min(high, ex_high - step)
    if low is not None and high is not None:
        value = (low + high) / 2
    elif low is not None:
        value = low
    elif high is not None:
        value = min(high, 1)
    else:
        value = 1
    multiple = node.get("multipleOf")
    if isinstance(multiple, (int, float)) and multiple > 0:
        value = round(value / multiple) * multiple
        if low is not None and value < low:
            value += multiple
    if integer:
        value = int(value) if low is None or int(value) >= low else int(value) + 1
    return value


# --- regex examples ----------------------------------------------------------------

_CATEGORY = {
    "CATEGORY_DIGIT": "1",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": "-",
}


def example_for_pattern(pattern: str, index: int = 0) -> str | None:
    """A short string the pattern matches (``index`` varies repeats), or None."""
    try:
        tree = _sre_parse.parse(pattern)
        example = _emit(tree, index)
    except Exception:
        return None
    return example if re.search(pattern, example) else None


def _emit(items: Any, index: int) -> str:
    out = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append("a" if chr(arg) != "a" else "b")
        elif name == "ANY":
            out.append("x")
        elif name == "IN":
            out.append(_char_class(arg, index))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = arg
            count = low if low > 0 else (1 if high != 0 else 0)
            out.append(_emit(sub, index) * count)
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            out.append(_emit(arg[-1], index))
        elif name == "BRANCH":
            branches = arg[1]
            out.append(_emit(branches[index % len(branches)], index))
        elif name == "CATEGORY":
            out.append(_CATEGORY.get(str(arg), "a"))
    return "".join(out)


def _char_class(items: Any, index: int) -> str:
    negate = any(str(op) == "NEGATE" for op, _ in items)
    if negate:
        for candidate in "aZ0 -_x":
            if not re.fullmatch("[" + _class_source(items) + "]", candidate):
                return candidate
        return "~"
    options: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            options.append(chr(arg))
        elif name == "RANGE":
            start, end = arg
            span = end - start + 1
            options.append(chr(start + (index % span)))
        elif name == "CATEGORY":
            options.append(_CATEGORY.get(str(arg), "a"))
    return options[0] if options else "a"


def _class_source(items: Any) -> str:
    parts = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            parts.append(re.escape(chr(arg)))
        elif name == "RANGE":
            parts.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif name == "CATEGORY":
            parts.append(
                {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}.get(
                    str(arg), ""
                )
            )
    return "".join(parts) or "a"
