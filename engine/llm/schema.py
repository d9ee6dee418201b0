"""Check a parsed answer against the section's JSON Schema (the subset we use).

``jsonschema`` is not a dependency, and the section schemas use a small,
well-defined subset: type (or a list of types), properties, required,
additionalProperties (false or a schema), items, enum, const, min/maxItems,
uniqueItems, min/maxLength, pattern, minimum/maximum (and exclusive forms),
anyOf/oneOf/allOf, and local ``$ref`` into ``$defs``/``definitions`` (what
pydantic's ``model_json_schema()`` emits). Unknown keywords (title,
description, format, default) are ignored, as JSON Schema says.
Errors are short, path-first sentences the repair prompt can quote.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any

MAX_ERRORS = 20
_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


class SchemaError(ValueError):
    """The answer does not fit the schema; ``problems`` lists where and why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:5]))
        self.problems = problems


def validate(instance: Any, schema: dict[str, Any]) -> list[str]:
    """Problems found (empty when valid), at most ``MAX_ERRORS``."""
    problems: list[str] = []
    _check(instance, schema, "$", schema, problems, 0)
    return problems[:MAX_ERRORS]


def check(instance: Any, schema: dict[str, Any]) -> None:
    problems = validate(instance, schema)
    if problems:
        raise SchemaError(problems)


def resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Follow local ``$ref`` pointers ("#/$defs/Name", "#/definitions/Name")."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise ValueError(f"only local $ref is supported, got {ref!r}")
        target: Any = root
        for part in ref.lstrip("#").strip("/").split("/") if ref != "#" else []:
            part = part.replace("~1", "/").replace("~0", "~")
            target = target[part]
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **siblings} if siblings else target
        seen += 1
        if seen > 50:
            raise ValueError(f"$ref cycle at {ref}")
    return node


def type_matches(value: Any, name: str) -> bool:
    name = name.lower()  # Gemini's OpenAPI-style "OBJECT" as well as "object"
    if name == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and math.isfinite(value) and value.is_integer()
        )
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    expected = _TYPES.get(name)
    return expected is not None and isinstance(value, expected)


def _check(
    value: Any, node: Any, path: str, root: dict[str, Any], out: list[str], depth: int
) -> None:
    if len(out) >= MAX_ERRORS or node is True or node is None:
        return
    if node is False:
        out.append(f"{path}: no value is allowed here")
        return
    if depth > 64:
        out.append(f"{path}: nested too deeply")
        return
    node = resolve(node, root)

    types = node.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if node.get("nullable") and "null" not in names:
            names = [*names, "null"]
        if not any(type_matches(value, n) for n in names):
            out.append(f"{path}: expected {' or '.join(map(str, names))}, got {_kind(value)}")
            return

    if "const" in node and not _equal(value, node["const"]):
        out.append(f"{path}: must be {_short(node['const'])}")
    if "enum" in node and not any(_equal(value, option) for option in node["enum"]):
        allowed = ", ".join(_short(o) for o in node["enum"][:12])
        out.append(f"{path}: {_short(value)} is not one of [{allowed}]")

    for keyword in ("allOf",):
        for sub in node.get(keyword, []):
            _check(value, sub, path, root, out, depth + 1)
    for keyword in ("anyOf", "oneOf"):
        options = node.get(keyword)
        if options:
            matches = [sub for sub in options if not validate_node(value, sub, root)]
            if not matches:
                branch_errors = validate_node(value, options[0], root)
                hint = f" ({branch_errors[0]})" if branch_errors else ""
                out.append(f"{path}: matches none of the allowed shapes{hint}")
            elif keyword == "oneOf" and len(matches) > 1:
                out.append(f"{path}: matches more than one allowed shape")

    if isinstance(value, dict):
        _check_object(value, node, path, root, out, depth)
    elif isinstance(value, list):
        _check_array(value, node, path, root, out, depth)
    elif isinstance(value, str):
        _check_string(value, node, path, out)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_number(value, node, path, out)


def validate_node(value: Any, node: Any, root: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    _check(value, node, "$", root, problems, 0)
    return problems


def _check_object(
    value: dict[str, Any],
    node: dict[str, Any],
    path: str,
    root: dict[str, Any],
    out: list[str],
    depth: int,
) -> None:
    properties: dict[str, Any] = node.get("properties", {}) or {}
    for name in node.get("required", []) or []:
        if name not in value:
            out.append(f"{path}: missing required property '{name}'")
    if "minProperties" in node and len(value) < node["minProperties"]:
        out.append(f"{path}: needs at least {node['minProperties']} properties")
    if "maxProperties" in node and len(value) > node["maxProperties"]:
        out.append(f"{path}: allows at most {node['maxProperties']} properties")
    extra = node.get("additionalProperties", True)
    patterns = node.get("patternProperties", {}) or {}
    for key, item in value.items():
        child = f"{path}.{key}" if _SIMPLE_KEY.match(key) else f"{path}[{json.dumps(key)}]"
        if key in properties:
            _check(item, properties[key], child, root, out, depth + 1)
            continue
        matched = [p for p in patterns if _regex(p).search(key)]
        for pattern in matched:
            _check(item, patterns[pattern], child, root, out, depth + 1)
        if matched:
            continue
        if extra is False:
            out.append(f"{path}: unexpected property '{key}'")
        elif isinstance(extra, dict):
            _check(item, extra, child, root, out, depth + 1)


def _check_array(
    value: list[Any],
    node: dict[str, Any],
    path: str,
    root: dict[str, Any],
    out: list[str],
    depth: int,
) -> None:
    if "minItems" in node and len(value) < node["minItems"]:
        out.append(f"{path}: needs at least {node['minItems']} items, got {len(value)}")
    if "maxItems" in node and len(value) > node["maxItems"]:
        out.append(f"{path}: allows at most {node['maxItems']} items, got {len(value)}")
    if node.get("uniqueItems"):
        seen: set[str] = set()
        for index, item in enumerate(value):
            marker = json.dumps(item, sort_keys=True)
            if marker in seen:
                out.append(f"{path}[{index}]: duplicate item")
            seen.add(marker)
    prefix = node.get("prefixItems") or []
    for index, item in enumerate(value):
        if index < len(prefix):
            _check(item, prefix[index], f"{path}[{index}]", root, out, depth + 1)
        elif "items" in node:
            _check(item, node["items"], f"{path}[{index}]", root, out, depth + 1)
        if len(out) >= MAX_ERRORS:
            return


def _check_string(value: str, node: dict[str, Any], path: str, out: list[str]) -> None:
    if "minLength" in node and len(value) < node["minLength"]:
        out.append(f"{path}: needs at least {node['minLength']} characters")
    if "maxLength" in node and len(value) > node["maxLength"]:
        out.append(f"{path}: allows at most {node['maxLength']} characters, got {len(value)}")
    pattern = node.get("pattern")
    if isinstance(pattern, str) and not _regex(pattern).search(value):
        out.append(f"{path}: {_short(value)} does not match the pattern {pattern}")


def _check_number(value: float, node: dict[str, Any], path: str, out: list[str]) -> None:
    if "minimum" in node and value < node["minimum"]:
        out.append(f"{path}: {value} is below the minimum {node['minimum']}")
    if "maximum" in node and value > node["maximum"]:
        out.append(f"{path}: {value} is above the maximum {node['maximum']}")
    low = node.get("exclusiveMinimum")
    if isinstance(low, (int, float)) and not isinstance(low, bool) and value <= low:
        out.append(f"{path}: {value} must be greater than {low}")
    high = node.get("exclusiveMaximum")
    if isinstance(high, (int, float)) and not isinstance(high, bool) and value >= high:
        out.append(f"{path}: {value} must be less than {high}")
    step = node.get("multipleOf")
    if isinstance(step, (int, float)) and step > 0:
        ratio = value / step
        if not math.isclose(ratio, round(ratio), abs_tol=1e-9):
            out.append(f"{path}: {value} is not a multiple of {step}")


_SIMPLE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
