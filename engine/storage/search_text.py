"""What the full-text index holds, and how a plan's JSON is packed on disk.

Pure functions on plain JSON, so the migrations can call them on rows
written by any earlier revision.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator
from typing import Any

# Contentless (content='') and without positions (detail=none): the index holds only
# which plans contain which words, so it costs a fraction of the plan text. We never
# need phrase queries, snippets or highlights; deleting a row means handing FTS5 the
# same values again (``search_document``), derived from the stored version.
FTS_CREATE = (
    "CREATE VIRTUAL TABLE plan_fts USING fts5("
    "club_name, title, body, content='', detail=none, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
FTS_INSERT = (
    "INSERT INTO plan_fts(rowid, club_name, title, body) VALUES (:id, :club, :title, :body)"
)
FTS_DELETE = (
    "INSERT INTO plan_fts(plan_fts, rowid, club_name, title, body) "
    "VALUES ('delete', :id, :club, :title, :body)"
)

# Keys whose values are codes, enums or machine data: noise in a search index.
NOT_TEXT = frozenset(
    {
        "uid",
        "unit",
        "tier",
        "status",
        "date",
        "deadline",
        "generated_at",
        "provider",
        "model",
        "language",
        "kind",
        "area",
        "severity",
        "due",
        "category",
        "schema_version",
        "colours",
        "logo_file",
        "legal_form",
        "cost_basis",
        "ownership",
        "failure_reason",
    }
)
TOKEN = re.compile(r"\w+", re.UNICODE)
COMPRESSION_LEVEL = 6  # zlib's default: ~8x smaller plan JSON in ~1 ms


def pack(document: dict[str, Any] | str) -> bytes:
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    return zlib.compress(text.encode("utf-8"), COMPRESSION_LEVEL)


def unpack_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def unpack(blob: bytes) -> dict[str, Any]:
    return json.loads(unpack_text(blob))


def _strings(value: Any, key: str = "") -> Iterator[str]:
    if key in NOT_TEXT:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from _strings(inner, inner_key)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key)


def plan_search_text(plan: dict[str, Any]) -> str:
    """Every piece of prose in a plan (objectives, actions, KPIs, summary, club data).

    Changing what this returns requires a migration that rebuilds ``plan_fts``
    ('delete-all', then insert every plan): a contentless index can only
    forget a row when given exactly the text it was built from.
    """
    return "\n".join(s for s in _strings(plan) if s.strip())


def search_document(plan_id: int, plan: dict[str, Any]) -> dict[str, Any]:
    """The parameters of ``FTS_INSERT`` / ``FTS_DELETE`` for one plan version."""
    return {
        "id": plan_id,
        "club": plan["club"]["identity"]["name"],
        "title": plan["title"],
        "body": plan_search_text(plan),
    }


def fts_query(user_text: str) -> str | None:
    """A safe FTS5 query from what a user typed: every word must match.

    The last word matches as a prefix (the user may still be typing it); the
    others match whole, which keeps common-word queries cheap. Quoting each
    token means input can never be FTS syntax (no errors on a stray quote,
    AND, NEAR or asterisk).
    """
    tokens = TOKEN.findall(user_text)[:12]
    if not tokens:
        return None
    return " ".join([*(f'"{t}"' for t in tokens[:-1]), f'"{tokens[-1]}"*'])
