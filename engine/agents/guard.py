"""Numbers never come from a model: every figure in its prose must be one it was given.

A language model asked to reword a plan may "helpfully" write "portare i tesserati a
600" or "un budget di 5.000 EUR". The board could not defend such a number. The
guard reads every number in a model's text and accepts it only when the same value
appears in the facts of the request (the club's data, the computed targets, budgets,
dates, the law's articles the catalogue cites). A text with an unknown number is
dropped in favour of the computed wording, with a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# 12.500 / 12,500 / 12500 / 81,5 / 81.5 / 2028/29 / 36/2021 ; a leading minus or "−".
_NUMBER = re.compile(r"[−-]?\d+(?:[.,]\d+)*")
SMALL = frozenset(range(0, 4))  # "2 open day", "3 preventivi": counts this small are wording


def _candidates(token: str) -> set[float]:
    """The values a written number can mean, in Italian or English notation."""
    token = token.replace("−", "-")
    values: set[float] = set()
    for thousands, decimal in ((".", ","), (",", ".")):
        text = token
        parts = text.split(decimal)
        if len(parts) > 2:
            continue
        integer = parts[0].replace(thousands, "")
        if thousands in parts[0] and not re.fullmatch(
            r"-?\d{1,3}(\.\d{3})+|-?\d{1,3}(,\d{3})+", parts[0]
        ):
            continue
        try:
            values.add(float(integer + ("." + parts[1] if len(parts) == 2 else "")))
        except ValueError:
            continue
    return values


def numbers_in(text: str) -> list[tuple[str, set[float]]]:
    return [(m.group(0), _candidates(m.group(0))) for m in _NUMBER.finditer(text)]


def allowed_numbers(texts: Iterable[str]) -> set[float]:
    """Every value written anywhere in the request's facts (and each part of "2028/29")."""
    allowed: set[float] = set()
    for text in texts:
        for token, values in numbers_in(text):
            allowed |= values
            allowed |= {round(v, 1) for v in values} | {round(v) for v in values}
            for piece in re.split(r"[/]", token):
                allowed |= _candidates(piece)
    return allowed


def invented(text: str, allowed: set[float]) -> list[str]:
    """The numbers in ``text`` that the request never gave (small counts are wording)."""
    found = []
    for token, values in numbers_in(text):
        if not values:
            continue
        if any(v in allowed or round(v, 1) in allowed for v in values):
            continue
        if all(v.is_integer() and int(v) in SMALL for v in values):
            continue
        found.append(token)
    return found
