"""Turn validation failures into a list of plain-language issues, one per field.

Every issue has the field's path (machine-readable, for the desktop form to
highlight) and its labelled path and message in Italian and English.
"""

from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from engine.domain.language import Language
from engine.domain.messages import FALLBACK, FIELD_MESSAGES, MESSAGES
from engine.domain.rules import CrossFieldErrors, Path
from engine.errors import UserError

PATH_SEPARATOR = " › "
CHOICE_CODES = ("enum", "literal_error")
COUNTED = {  # a code whose message names a count: the context key holding it
    "too_short": "min_length",
    "too_long": "max_length",
    "string_too_short": "min_length",
    "string_too_long": "max_length",
}
NOTHING_FOUND = re.compile(r"\s*\((?:trovat[oi]|found): \{found\}\)")
QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")


@dataclass(frozen=True)
class Issue:
    path: Path
    code: str
    labels: tuple[str, str]  # the labelled path in Italian and English
    messages: tuple[str, str]

    def message(self, language: Language | str = Language.IT) -> str:
        return self.messages[0 if Language(language) is Language.IT else 1]

    def label(self, language: Language | str = Language.IT) -> str:
        return self.labels[0 if Language(language) is Language.IT else 1]

    def render(self, language: Language | str = Language.IT) -> str:
        label = self.label(language)
        return f"{label}: {self.message(language)}" if label else self.message(language)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": ".".join(map(str, self.path)),
            "code": self.code,
            "label_it": self.labels[0],
            "label_en": self.labels[1],
            "message_it": self.messages[0],
            "message_en": self.messages[1],
        }


class DomainValidationError(UserError):
    """Raised with every issue found, so a user fixes a file in one pass.

    Its message is the list, as ``render`` writes it; it quotes the user's own answers.
    """

    def __init__(self, issues: list[Issue], subject: str = "") -> None:
        self.issues = issues
        self.subject = subject
        super().__init__(
            it=self.render(Language.IT), en=self.render(Language.EN), code="invalid_input"
        )

    def render(self, language: Language | str = Language.IT) -> str:
        lang, count = Language(language), len(self.issues)
        if lang is Language.IT:
            head = (
                f"{count} problema da correggere"
                if count == 1
                else f"{count} problemi da correggere"
            )
        else:
            head = f"{count} problem to fix" if count == 1 else f"{count} problems to fix"
        if self.subject:
            head += f" ({self.subject})"
        return "\n".join([head + ":", *(f"  - {issue.render(lang)}" for issue in self.issues)])


def issue(
    path: Path,
    code: str,
    root: type[BaseModel] | None = None,
    variant: str | None = None,
    **context: Any,
) -> Issue:
    """One issue with its message filled from ``context``.

    ``variant`` names another wording of the same problem (the singular ``too_short_one``);
    a field's own wording in ``FIELD_MESSAGES`` comes first.
    """
    context = {k: _tidy(v) for k, v in context.items()}
    field = ".".join(str(step) for step in path if not isinstance(step, int))
    templates = FIELD_MESSAGES.get((code, field)) or MESSAGES.get(variant or code)
    templates = templates or MESSAGES.get(code)
    if templates is None:
        templates = FALLBACK
        context.setdefault("detail", code)
    labels = (
        label_path(root, path, Language.IT) if root else "",
        label_path(root, path, Language.EN) if root else "",
    )
    return Issue(path, code, labels, tuple(_fill(t, context) for t in templates))  # type: ignore[arg-type]


def relocated(found: Issue, path: Path, root: type[BaseModel]) -> Issue:
    """The same issue at another path (after list items were set aside)."""
    labels = (label_path(root, path, Language.IT), label_path(root, path, Language.EN))
    return replace(found, path=path, labels=labels)


def issues_from(error: ValidationError, root: type[BaseModel]) -> list[Issue]:
    """Expand a pydantic ``ValidationError`` (including our cross-field rules)."""
    found: list[Issue] = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        ctx = dict(detail.get("ctx") or {})
        original = ctx.get("error")
        if isinstance(original, CrossFieldErrors):
            for breach in original.breaches:
                found.append(issue(loc + breach.path, breach.code, root, **breach.context))
            continue
        code = _code_of(detail)
        context = {**ctx, "found": _shown(detail.get("input")), "error": ctx.get("error", "")}
        if "expected" in ctx:
            context["expected"] = QUOTED.sub(_unquoted, str(ctx["expected"]))
            context["expected_it"] = context["expected"].replace(" or ", " o ")
        if code not in MESSAGES:
            context["detail"] = detail.get("msg", code)
        counted = COUNTED.get(code)
        variant = f"{code}_one" if counted and ctx.get(counted) == 1 else None
        found.append(issue(loc, code, root, variant, **context))
    return found


def _unquoted(match: re.Match[str]) -> str:
    """'Abruzzo' -> Abruzzo: a list of choices reads as words, not as Python literals."""
    return match.group(1) if match.group(1) is not None else match.group(2)


def _code_of(detail: Any) -> str:
    """The message's code: an empty answer is a missing one, whatever check noticed it."""
    code = str(detail["type"])
    raw = detail.get("input")
    if code in ("too_long", "too_short") and isinstance(raw, str):
        code = f"string_{code}"  # a length limit on an optional text type is generic
    if code == "string_too_short" and (detail.get("ctx") or {}).get("min_length") == 1:
        return "rf_blank"
    blank = isinstance(raw, str) and not raw.strip()
    if code in CHOICE_CODES and (raw is None or blank):
        return "rf_required_choice"  # "Valore non ammesso (trovato: None)" said nothing useful
    if blank and code != "missing":
        return "rf_blank"
    if raw is None and code != "missing":
        return "rf_required"
    return code


def label_path(root: type[BaseModel], path: Path, language: Language) -> str:
    """``("people", "teams", 1, "count")`` -> "Persone › Squadre › n. 2 › Numero di squadre"."""
    parts: list[str] = []
    for step, info in field_steps(root, path):
        if isinstance(step, int):
            parts.append(f"n. {step + 1}" if language is Language.IT else f"no. {step + 1}")
        elif info is None:
            if step is path[-1]:
                parts.append(f'"{step}"')  # an unknown key: name it as written
            # otherwise a union branch name: not a field
        else:
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            title = info.title if language is Language.IT else extra.get("title_en", info.title)
            parts.append(str(title or step))
    return PATH_SEPARATOR.join(parts)


def field_steps(root: type[BaseModel], path: Path) -> Iterator[tuple[str | int, FieldInfo | None]]:
    """Each step of ``path`` through the model ``root``, with the field it names: None for a
    list index, a union branch's name or a key the model does not have (the walk stays where
    it was). Lists, optional and annotated types are followed to the model inside."""
    current: Any = root
    for step in path:
        if isinstance(step, int):
            current = _item_type(current)
            yield step, None
            continue
        model = _model_in(current)
        if model is None or step not in model.model_fields:
            yield step, None
            continue
        info = model.model_fields[step]
        yield step, info
        current = info.annotation


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as ``Optional[X]`` or ``Annotated[X, ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        model = _model_in(arg)
        if model is not None:
            return model
    return None


def _item_type(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (list, tuple):
        args = typing.get_args(annotation)
        return args[0] if args else None
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            item = _item_type(arg)
            if item is not None:
                return item
    return None


def _tidy(value: Any) -> Any:
    """500.0 reads as 500 to a person."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _shown(value: Any) -> str:
    """A wrong answer as its reader wrote it: text in quotes (invisible characters spelled
    out), anything else as JSON; nothing for an empty answer."""
    if isinstance(value, dict) and "value" in value:  # a sourced number: its figure
        value = value["value"]
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, str):
        visible = "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)
        text = f"“{visible}”"
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _fill(template: str, context: dict[str, Any]) -> str:
    if context.get("found") in ("", None):  # "(trovato: )" would say nothing
        template = NOTHING_FOUND.sub("", template)
    try:
        return template.format(**context)
    except (KeyError, IndexError, ValueError):
        return template.split(" (")[0].rstrip(".") + "."
