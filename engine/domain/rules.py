"""Cross-field rules that report every broken rule at once, each at its own field.

Pydantic's model validators can raise only one error at the model's own
location. ``CrossFieldErrors`` carries a list of (path, code, context)
through pydantic (which keeps the exception in the error's ``ctx``), and
``engine.domain.errors`` expands it back into one message per field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class RuleBreach:
    path: Path
    code: str
    context: dict[str, Any]


class CrossFieldErrors(ValueError):
    def __init__(self, breaches: list[RuleBreach]) -> None:
        super().__init__("; ".join(f"{'.'.join(map(str, b.path))}: {b.code}" for b in breaches))
        self.breaches = breaches


@dataclass
class Rule:
    """Collects breaches inside one model validator, then raises them together."""

    breaches: list[RuleBreach] = field(default_factory=list)

    @classmethod
    def collector(cls) -> Rule:
        return cls()

    def add(self, path: Path, code: str, **context: Any) -> None:
        self.breaches.append(RuleBreach(path, code, context))

    def raise_if_any(self) -> None:
        if self.breaches:
            raise CrossFieldErrors(self.breaches)
