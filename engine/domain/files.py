"""Read club and plan files, turning every problem into plain-language issues."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from engine.domain.club import ClubProfile
from engine.domain.context import planning
from engine.domain.errors import DomainValidationError, Issue, issue, issues_from, relocated
from engine.domain.jsondepth import MAX_NESTING, nesting_depth
from engine.domain.plan import Plan
from engine.domain.rules import Path as FieldPath

MAX_FILE_BYTES = 20 * 1024 * 1024  # a plan with a large embedded profile stays far below this
MAX_PASSES = 4

Model = TypeVar("Model", bound=BaseModel)


def parse_json(
    model: type[Model],
    text: str | bytes,
    subject: str = "",
    *,
    context: dict[str, Any] | None = None,
) -> Model:
    """Validate JSON text as ``model``; raise ``DomainValidationError`` listing every issue.

    ``context`` is a validation context of ``engine.domain.context`` (e.g. ``planning()``).
    """
    if nesting_depth(text) > MAX_NESTING:  # parsers give up unhelpfully, or recurse to a crash
        raise DomainValidationError([issue((), "json_too_deep", limit=MAX_NESTING)], subject)
    try:
        return model.model_validate_json(text, context=context)
    except ValidationError as error:
        issues = issues_from(error, model)
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        issues += _rule_breaches_behind(model, data, issues, context)
    raise DomainValidationError(issues, subject)


def _rule_breaches_behind(
    model: type[BaseModel],
    data: dict[str, Any],
    known: list[Issue],
    context: dict[str, Any] | None = None,
) -> list[Issue]:
    """Issues hidden by the first ones: cross-field rules run only on valid sections.

    Pydantic skips a section's cross-field rules while any of its fields is
    invalid, so a user would fix one batch and then meet another. We drop
    each offending value (or list item), validate again, and keep what is new,
    so one pass over the file shows (nearly) everything.
    """
    removed: set[FieldPath] = {_removal_target(i.path) for i in known}
    found: list[Issue] = []
    for _ in range(MAX_PASSES):
        cleaned, index_maps = _without(data, removed)
        try:
            model.model_validate_json(json.dumps(cleaned), context=context)
            break
        except ValidationError as error:
            fresh = []
            for candidate in issues_from(error, model):
                original = _original_path(candidate.path, index_maps)
                if any(_related(original, r) for r in removed):
                    continue
                fresh.append(relocated(candidate, original, model))
            if not fresh:
                break
            found += fresh
            removed |= {_removal_target(i.path) for i in fresh}
    return found


def _removal_target(path: FieldPath) -> FieldPath:
    """Drop a whole list item when the problem is inside one; otherwise the field."""
    last_index = max((i for i, step in enumerate(path) if isinstance(step, int)), default=-1)
    return path[: last_index + 1] if last_index >= 0 else path


def _related(path: FieldPath, removed: FieldPath) -> bool:
    shorter = min(len(path), len(removed))
    return path[:shorter] == removed[:shorter]


def _without(data: Any, removed: set[FieldPath], here: FieldPath = ()) -> tuple[Any, dict]:
    """A copy of ``data`` without the removed paths, and how list indexes moved."""
    index_maps: dict[FieldPath, list[int]] = {}
    if isinstance(data, dict):
        result: dict[str, Any] = {}
        for key, value in data.items():
            if (*here, key) in removed:
                continue
            result[key], inner = _without(value, removed, (*here, key))
            index_maps.update(inner)
        return result, index_maps
    if isinstance(data, list):
        kept: list[Any] = []
        original_indexes: list[int] = []
        for index, value in enumerate(data):
            if (*here, index) in removed:
                continue
            item, inner = _without(value, removed, (*here, index))
            kept.append(item)
            original_indexes.append(index)
            index_maps.update(inner)
        index_maps[here] = original_indexes
        return kept, index_maps
    return data, index_maps


def _original_path(path: FieldPath, index_maps: dict[FieldPath, list[int]]) -> FieldPath:
    original: list[str | int] = []
    for step in path:
        if isinstance(step, int):
            mapping = index_maps.get(tuple(original), [])
            step = mapping[step] if step < len(mapping) else step
        original.append(step)
    return tuple(original)


def read_json_file(
    model: type[Model], path: Path, *, context: dict[str, Any] | None = None
) -> Model:
    subject = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = f"{size // 1_000_000} MB > {MAX_FILE_BYTES // 1_000_000} MB"
            raise DomainValidationError(
                [issue((), "file_unreadable", found=path.name, error=limit)], subject
            )
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise DomainValidationError(
            [issue((), "file_unreadable", found=path.name, error=reason)], subject
        ) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # Windows Notepad writes a BOM; the content is still UTF-8
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DomainValidationError(
            [issue((), "file_encoding", found=path.name)], subject
        ) from None
    return parse_json(model, text, subject, context=context)


def load_club_file(path: Path, today: dt.date | None = None) -> ClubProfile:
    """A club file about to be planned: what ``club validate``, ``plan`` and the app all use.

    Checked for planning (its season must be current), so a file that validates plans.
    """
    return read_json_file(ClubProfile, path, context=planning(today))


def parse_club(text: str | bytes, subject: str = "", today: dt.date | None = None) -> ClubProfile:
    """``load_club_file`` for text already in memory (the questionnaire)."""
    return parse_json(ClubProfile, text, subject, context=planning(today))


def load_plan_file(path: Path) -> Plan:
    return read_json_file(Plan, path)
