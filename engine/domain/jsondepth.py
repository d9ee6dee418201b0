"""How deeply a JSON text nests, measured before any parser recurses into it.

Python's ``json`` module recurses once per level and raises ``RecursionError``
at about a thousand; pydantic's parser stops at 200 and calls the text invalid
JSON. Neither tells a user what is wrong, so files are measured first: a club
file nests 4 levels, a plan about 10, and anything beyond ``MAX_NESTING`` is
not one of ours.
"""

from __future__ import annotations

import re
from typing import Final

MAX_NESTING: Final = 32

_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)  # brackets inside strings do not nest
_NOT_BRACKETS = re.compile(rb"[^\[\]{}]+")
_OPENING = frozenset(b"[{")


def nesting_depth(text: str | bytes, limit: int = MAX_NESTING) -> int:
    """The deepest nesting of ``[`` and ``{`` (strings skipped); stops counting past ``limit``.

    Works on invalid JSON too (it only counts), so it can run before parsing.
    """
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    brackets = _NOT_BRACKETS.sub(b"", _STRINGS.sub(b"", data))
    depth = deepest = 0
    for byte in brackets:
        if byte in _OPENING:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        else:
            depth -= 1
    return deepest
