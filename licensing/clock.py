"""Clock high-water mark and licence replay floor, kept in the keyring and in a file.

Offline, the only defence against winding the clock back past an expiry is
to remember the latest time the app has seen. Both copies (keyring entry and
``state.json``) are read and the larger values win, so deleting either one,
or a keyring that stops working, neither resets the mark nor crashes: the
other copy carries on. When both are gone the mark restarts from "now".

The same record holds the replay floor: the highest ``issued_at`` ever
installed (or, after a deactivation, one second past the deactivated
licence), below which a licence file is refused as superseded.

Epoch seconds only: time zones and daylight saving cannot move the mark, so
they cannot raise false alarms. The allowance (1 h) absorbs NTP and domain
time corrections. Fixing the clock recovers by itself, because the mark
never advances while the clock is rolled back.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from licensing import files, keyring_store, strictjson
from licensing.timeutil import MAX_EPOCH

log = logging.getLogger(__name__)

KEYRING_ENTRY = "licensing-state"
ROLLBACK_ALLOWANCE = 3600
"""Seconds the clock may go back before we ask the user to fix it."""

MARK_STEP = 60
"""Advance the stored mark at most once a minute: fewer keyring writes, same safety."""

state_lock = threading.RLock()
"""Held around every read-modify-write of the state, so a background ``sync_keyring``
and an install in the same process cannot lose each other's update."""

_STATE_KEYS = frozenset({"clock_mark", "issued_floor"})
_MAX_STATE_BYTES = 4096


@dataclass(frozen=True)
class ClockState:
    clock_mark: int | None = None
    issued_floor: int = 0

    def merge(self, other: ClockState) -> ClockState:
        marks = [m for m in (self.clock_mark, other.clock_mark) if m is not None]
        return ClockState(
            clock_mark=max(marks) if marks else None,
            issued_floor=max(self.issued_floor, other.issued_floor),
        )

    def encode(self) -> str:
        return json.dumps(
            {"clock_mark": self.clock_mark, "issued_floor": self.issued_floor},
            sort_keys=True,
            separators=(",", ":"),
        )


def decode_state(text: bytes) -> ClockState:
    """Parse one copy; raises ValueError (the caller then ignores that copy)."""
    obj = strictjson.loads(text, max_depth=1)
    if type(obj) is not dict or set(obj) != _STATE_KEYS:
        raise ValueError("state must have exactly clock_mark and issued_floor")
    mark, floor = obj["clock_mark"], obj["issued_floor"]
    if mark is not None and (type(mark) is not int or not 0 <= mark <= MAX_EPOCH):
        raise ValueError("clock_mark out of range")
    if type(floor) is not int or not 0 <= floor <= MAX_EPOCH + 1:
        raise ValueError("issued_floor out of range")
    return ClockState(clock_mark=mark, issued_floor=floor)


def _read_file(home: Path) -> ClockState:
    try:
        data = files.read_limited(files.state_path(home), _MAX_STATE_BYTES)
    except OSError as exc:
        log.info("Licensing state file unreadable: %s", type(exc).__name__)
        return ClockState()
    if data is None:
        return ClockState()
    try:
        return decode_state(data)
    except ValueError as exc:
        log.warning("Licensing state file ignored: %s", exc)
        return ClockState()


def _read_keyring() -> ClockState | None:
    """The keyring copy; None when the keyring itself cannot be used."""
    try:
        value = keyring_store.get(KEYRING_ENTRY)
    except keyring_store.KeyringUnavailable as exc:
        log.info("Keyring unavailable for the licensing state (%s); using the file", exc.reason)
        return None
    if value is None:
        return ClockState()
    try:
        return decode_state(value.encode("utf-8"))
    except ValueError as exc:
        log.warning("Licensing state in the keyring ignored: %s", exc)
        return ClockState()


def read_state_copies(home: Path, *, use_keyring: bool = True) -> tuple[ClockState, bool]:
    """Both copies merged (larger values win), and whether they already agreed, so the
    caller can rewrite a copy that was deleted or fell behind. Never raises."""
    from_file = _read_file(home)
    if not use_keyring:
        return from_file, True
    from_keyring = _read_keyring()
    if from_keyring is None:  # nothing to repair in a keyring we cannot use
        return from_file, True
    merged = from_file.merge(from_keyring)
    return merged, from_file == merged == from_keyring


def read_state(home: Path, *, use_keyring: bool = True) -> ClockState:
    """Both copies merged (larger values win). Never raises."""
    return read_state_copies(home, use_keyring=use_keyring)[0]


def write_state(home: Path, state: ClockState, *, use_keyring: bool = True) -> bool:
    """Write both copies, best effort. True if at least one copy was saved."""
    saved = False
    text = state.encode()
    try:
        files.write_atomic(files.state_path(home), text.encode("utf-8"), sync=False)
        saved = True
    except OSError as exc:
        log.warning("Licensing state file not written: %s", type(exc).__name__)
    if use_keyring:
        try:
            keyring_store.put(KEYRING_ENTRY, text)
            saved = True
        except keyring_store.KeyringUnavailable as exc:
            log.info("Licensing state not saved in the keyring: %s", exc.reason)
    return saved


def is_rollback(now: int, state: ClockState, allowance: int = ROLLBACK_ALLOWANCE) -> bool:
    """The clock reads more than ``allowance`` seconds before the latest time seen."""
    return state.clock_mark is not None and now < state.clock_mark - allowance


def advanced(state: ClockState, now: int) -> ClockState | None:
    """The state with the mark moved up to ``now``, or None when no write is needed."""
    if state.clock_mark is not None and now < state.clock_mark + MARK_STEP:
        return None
    return ClockState(clock_mark=now, issued_floor=state.issued_floor)
