"""The public keys the app trusts to sign licences.

File format (``resources/licensing/trusted_keys.json``)::

    {
      "format": 1,
      "comment": "optional free text",
      "keys": {
        "rf-1a2b3c4d5e6f7a8b": {"public_key": "<base64 of 32 raw bytes>", "test": false,
                                "comment": "optional"}
      }
    }

The key id must equal ``key_id(public_key)`` (``rf-`` + 16 hex of its
SHA-256): a pasted key can never sit under the wrong name. Keys flagged
``"test": true`` are ignored by a release build (frozen app, or
``ROOTING_FUTURE_RELEASE=1``), so a licence signed by a key generated in a
test run can never unlock a shipped app. Only public keys live here; private
keys never enter the repository or the installer.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from licensing import strictjson
from licensing.envelope import PUBLIC_KEY_BYTES, MalformedDocument, b64decode_strict, b64encode
from licensing.envelope import key_id as derive_key_id

log = logging.getLogger(__name__)

FORMAT = 1
RELEASE_ENV = "ROOTING_FUTURE_RELEASE"
MAX_BYTES = 256 * 1024
_TOP_KEYS = frozenset({"format", "keys"})
_TOP_OPTIONAL = frozenset({"comment"})
_ENTRY_KEYS = frozenset({"public_key", "test"})
_ENTRY_OPTIONAL = frozenset({"comment"})

_cache: dict[tuple[str, int, int, bool], TrustedKeys] = {}


class TrustedKeysError(ValueError):
    """The trusted keys file is missing or does not follow the format."""


@dataclass(frozen=True)
class TrustedKey:
    kid: str
    public_key: bytes
    test: bool
    comment: str = ""


@dataclass(frozen=True)
class TrustedKeys:
    """Keys usable in this build (test keys already removed for a release build)."""

    keys: Mapping[str, TrustedKey] = field(default_factory=lambda: MappingProxyType({}))
    release: bool = False
    ignored_test_keys: int = 0
    problem: str | None = None

    def get(self, kid: str) -> TrustedKey | None:
        return self.keys.get(kid)


def is_release_build() -> bool:
    """A frozen (PyInstaller) app, or ``ROOTING_FUTURE_RELEASE=1``: test keys are refused."""
    return bool(getattr(sys, "frozen", False)) or os.environ.get(RELEASE_ENV) == "1"


def parse_trusted_keys(data: bytes, *, release: bool) -> TrustedKeys:
    """Validate the file's bytes; raises TrustedKeysError."""
    try:
        obj = strictjson.loads(data, max_depth=3)
    except strictjson.StrictJSONError as exc:
        raise TrustedKeysError(f"not strict JSON: {exc}") from exc
    if type(obj) is not dict or not _TOP_KEYS <= set(obj) <= _TOP_KEYS | _TOP_OPTIONAL:
        raise TrustedKeysError("expected an object with format, keys and optional comment")
    if obj["format"] != FORMAT or type(obj["format"]) is not int:
        raise TrustedKeysError(f"unsupported format {obj['format']!r}")
    if "comment" in obj and type(obj["comment"]) is not str:
        raise TrustedKeysError("comment must be text")
    entries = obj["keys"]
    if type(entries) is not dict:
        raise TrustedKeysError("keys must be an object of kid -> entry")
    keys: dict[str, TrustedKey] = {}
    ignored = 0
    for kid, entry in entries.items():
        allowed = _ENTRY_KEYS | _ENTRY_OPTIONAL
        if type(entry) is not dict or not _ENTRY_KEYS <= set(entry) <= allowed:
            raise TrustedKeysError(f"{kid}: expected public_key, test and optional comment")
        if type(entry["test"]) is not bool:
            raise TrustedKeysError(f"{kid}: test must be true or false")
        comment = entry.get("comment", "")
        if type(comment) is not str:
            raise TrustedKeysError(f"{kid}: comment must be text")
        try:
            public_key = b64decode_strict(entry["public_key"])
        except MalformedDocument as exc:
            raise TrustedKeysError(f"{kid}: public_key is not canonical base64") from exc
        if len(public_key) != PUBLIC_KEY_BYTES:
            raise TrustedKeysError(f"{kid}: public_key must be 32 raw bytes")
        if derive_key_id(public_key) != kid:
            raise TrustedKeysError(f"{kid}: key id does not match the public key")
        if release and entry["test"]:
            ignored += 1
            continue
        keys[kid] = TrustedKey(kid=kid, public_key=public_key, test=entry["test"], comment=comment)
    return TrustedKeys(keys=MappingProxyType(keys), release=release, ignored_test_keys=ignored)


def load_trusted_keys(path: Path, *, release: bool | None = None) -> TrustedKeys:
    """Read and validate the file; raises TrustedKeysError (missing, too big, invalid)."""
    release = is_release_build() if release is None else release
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise TrustedKeysError(f"cannot read {path}: {type(exc).__name__}") from exc
    if len(data) > MAX_BYTES:
        raise TrustedKeysError("file too large")
    return parse_trusted_keys(data, release=release)


def load_trusted_keys_cached(path: Path, *, release: bool | None = None) -> TrustedKeys:
    """Like ``load_trusted_keys`` but never raises, and reuses the result while the file
    is unchanged (same size and modification time). A broken file yields no keys
    and a ``problem``: every licence is then "unknown key", never a crash."""
    release = is_release_build() if release is None else release
    try:
        stat = os.stat(path)
    except OSError as exc:
        log.warning("Trusted keys file unreadable: %s", type(exc).__name__)
        return TrustedKeys(release=release, problem=f"cannot read {path}")
    cache_key = (str(path), stat.st_mtime_ns, stat.st_size, release)
    cached = _cache.get(cache_key)
    if cached is not None:
        return cached
    try:
        keys = load_trusted_keys(path, release=release)
    except TrustedKeysError as exc:
        log.warning("Trusted keys file invalid: %s", exc)
        return TrustedKeys(release=release, problem=str(exc))
    _cache.clear()
    _cache[cache_key] = keys
    return keys


def clear_cache() -> None:
    _cache.clear()


def trusted_key(public_key: bytes, *, test: bool, comment: str = "") -> TrustedKey:
    """An entry for a raw public key, with its derived key id."""
    return TrustedKey(derive_key_id(public_key), public_key, test, comment)


def entry_json(key: TrustedKey) -> dict[str, object]:
    """The ``keys`` entry for one key, as the vendor pastes it into the file."""
    entry: dict[str, object] = {"public_key": b64encode(key.public_key), "test": key.test}
    if key.comment:
        entry["comment"] = key.comment
    return entry


def write_trusted_keys(path: Path, keys: Iterable[TrustedKey], comment: str | None = None) -> None:
    """Write a trusted keys file (tests, benchmarks, and the vendor's release checklist)."""
    import json

    document: dict[str, object] = {"format": FORMAT}
    if comment:
        document["comment"] = comment
    document["keys"] = {key.kid: entry_json(key) for key in keys}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
