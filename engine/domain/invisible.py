"""Invisible characters a person did not mean to type.

Control characters (NUL, ESC, the C1 block) break exports, terminals and the
DOCX format (XML refuses them); Unicode direction marks make a name read
differently from what it is ("Trojan Source"). Line breaks and tabs are fine
only in long free text.
"""

from __future__ import annotations

import re

from pydantic_core import PydanticCustomError

LINE_BREAKS = "\t\n\r\u2028\u2029"  # tab, line feed, return, line and paragraph separators
BIDI_CONTROLS = (
    "\u061c\u200e\u200f"  # Arabic letter mark, left-to-right and right-to-left marks
    "\u202a-\u202e"  # embeddings and overrides
    "\u2066-\u2069"  # isolates
)
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 (but line breaks), DEL, C1
_SINGLE_LINE = re.compile(f"[{CONTROLS}{LINE_BREAKS}{BIDI_CONTROLS}]")
_MULTILINE = re.compile(f"[{CONTROLS}{BIDI_CONTROLS}]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def text_problem(value: str, *, multiline: bool) -> PydanticCustomError | None:
    """The first invisible character in ``value`` (as a pydantic error), or None."""
    found = (_MULTILINE if multiline else _SINGLE_LINE).search(value)
    if found is None:
        return None
    char = found.group()
    context = {"char": f"U+{ord(char):04X}", "position": found.start() + 1}
    if _BIDI.match(char):
        return PydanticCustomError("rf_bidi_control", "direction mark {char}", context)
    if char in LINE_BREAKS:
        return PydanticCustomError("rf_line_break", "line break or tab {char}", context)
    return PydanticCustomError("rf_control_character", "control character {char}", context)
