"""Damaged club files: ``club validate`` answers 0 or 2 with named problems, and a file it
accepts always plans (issue 15.2 and 15.3).

Each example starts from one of the shipped example clubs and applies a few mutations:
numbers made huge, negative, fractional or text; keys deleted; control and direction
characters inserted; values wrapped in nesting. Runs through the real CLI, offline.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.cli import run
from engine.domain.messages import MESSAGES
from tests.factories import example_files

EXAMPLES = {path.stem: json.loads(path.read_text("utf-8")) for path in example_files()}
FILE_LEVEL = {"json_invalid", "json_type", "json_too_deep", "file_unreadable", "file_encoding"}
INVISIBLE = ["\x00", "\x1b[31m", "\x07", "\x7f", "\x85", "\u202e", "\u2066", "\u200f", "\n", "\t"]
FUZZ_SETTINGS = settings(
    max_examples=int(os.environ.get("RF_FUZZ_EXAMPLES", "50")),  # ~10 s; 1,500 ran clean
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

numbers = st.one_of(
    st.integers(-(10**6), 10**6),
    st.integers(min_value=10**6, max_value=10**45),
    st.integers(-(10**45), -1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, -1e308, 0.5, 10**40, 2**63, 3_000_000, 100_000_001]),
)
values = st.one_of(
    numbers,
    st.text(max_size=20),
    st.sampled_from(["2099/00", "1850/51", "12.000 €", "", "  ", "#FFFFFF\n", "SSD"]),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(node: Any, here: tuple = ()) -> list[tuple]:
    """Every place in the document (the root included)."""
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*here, index))
    return found


def _get(node: Any, path: tuple) -> Any:
    for step in path:
        node = node[step]
    return node


def _set(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    _get(document, path[:-1])[path[-1]] = value
    return document


@st.composite
def damaged_clubs(draw: st.DrawFn) -> Any:
    document = json.loads(json.dumps(EXAMPLES[draw(st.sampled_from(sorted(EXAMPLES)))]))
    for _ in range(draw(st.integers(1, 3))):
        places = _paths(document)
        place = draw(st.sampled_from(places[1:] if len(places) > 1 else places))
        kind = draw(st.sampled_from(["value", "number", "delete", "invisible", "nest"]))
        target = _get(document, place)
        if kind == "delete" and place and isinstance(_get(document, place[:-1]), dict):
            del _get(document, place[:-1])[place[-1]]
        elif kind == "invisible" and isinstance(target, str):
            at = draw(st.integers(0, len(target)))
            char = draw(st.sampled_from(INVISIBLE))
            document = _set(document, place, target[:at] + char + target[at:])
        elif kind == "nest":
            depth = draw(st.sampled_from([1, 2, 5, 20, 40, 300]))
            wrapped = target
            for _ in range(depth):
                wrapped = [wrapped] if draw(st.booleans()) else {"x": wrapped}
            document = _set(document, place, wrapped)
        elif kind == "number":
            document = _set(document, place, draw(numbers))
        else:
            document = _set(document, place, draw(values))
    return document


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@FUZZ_SETTINGS
@given(document=damaged_clubs())
def test_a_damaged_club_file_is_refused_clearly_or_plans(document: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        club = Path(folder, "club.json")
        club.write_text(json.dumps(document, allow_nan=True), encoding="utf-8")
        home = str(Path(folder, "home"))
        code, out, err = _cli("club", "validate", str(club), "--json", "--home", home)
        assert code in (0, 2), err
        assert "Traceback" not in out + err and "Errore inatteso" not in out + err
        report = json.loads(out) if code == 0 else None
        if code == 2:
            issues = json.loads(out)["issues"]
            assert issues
            for issue in issues:
                assert issue["code"] in MESSAGES, issue  # worded for people, not a fallback
                if issue["path"]:
                    assert issue["label_it"] and issue["label_en"], issue  # names the field
                else:
                    assert issue["code"] in FILE_LEVEL, issue
            return
        assert report is not None and report["valid"]
        code, _, err = _cli("plan", str(club), "--home", home)
        assert code == 0, err  # a file that validates plans
