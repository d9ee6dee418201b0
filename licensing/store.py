"""The installed licence file: read, install (validated first), remove.

A new file replaces the current one only after it has passed the full
check for this machine, and only if it is not older (lower ``issued_at``)
than the current licence or the replay floor, so a club cannot go back to
an earlier licence, for instance one with more clubs or a later expiry
that was since replaced or deactivated.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from licensing import clock, files, installation_key
from licensing.clock import ClockState
from licensing.envelope import MAX_FILE_BYTES, normalise_for_install
from licensing.fingerprint import RawIdSource, try_machine_fingerprint
from licensing.licence import Licence
from licensing.status import LicenceStatus
from licensing.timeutil import TimeLike, to_epoch
from licensing.trusted_keys import load_trusted_keys_cached
from licensing.verifier import VerifyContext, authenticate, verify_licence

INSTALLABLE = frozenset({LicenceStatus.VALID, LicenceStatus.GRACE, LicenceStatus.NOT_YET_VALID})
"""A licence that starts next month may be installed today."""


@dataclass(frozen=True)
class InstallOutcome:
    installed: bool
    status: LicenceStatus
    licence: Licence | None = None
    detail: str = ""
    bad_input: bool = False
    """True when the source file could not be read at all (CLI exit code 2)."""


def read_licence_bytes(home: Path) -> bytes | None:
    """The installed file (at most the size limit + 1 byte), or None if none is installed."""
    return files.read_limited(files.licence_path(home), MAX_FILE_BYTES)


def install_licence(
    home: Path,
    source: Path | bytes,
    trusted_keys_path: Path,
    *,
    now: TimeLike | None = None,
    fingerprint_source: RawIdSource | None = None,
    use_keyring: bool = True,
) -> InstallOutcome:
    """Validate ``source`` for this machine and make it the installed licence."""
    if isinstance(source, bytes):
        raw: bytes | None = source[: MAX_FILE_BYTES + 1]
    else:
        try:
            raw = files.read_limited(Path(source), MAX_FILE_BYTES)
        except OSError as exc:
            return InstallOutcome(False, LicenceStatus.MISSING, detail=str(exc), bad_input=True)
        if raw is None:
            return InstallOutcome(
                False, LicenceStatus.MISSING, detail=f"{source}: not found", bad_input=True
            )
    data = raw if len(raw) > MAX_FILE_BYTES else normalise_for_install(raw)
    with clock.state_lock:
        return _install(
            home, data, trusted_keys_path, to_epoch(now), fingerprint_source, use_keyring
        )


def _install(
    home: Path,
    data: bytes,
    trusted_keys_path: Path,
    now_epoch: int,
    fingerprint_source: RawIdSource | None,
    use_keyring: bool,
) -> InstallOutcome:
    keys = load_trusted_keys_cached(trusted_keys_path)
    state = clock.read_state(home, use_keyring=use_keyring)
    try:
        current = read_licence_bytes(home)
    except OSError:
        current = None
    if current is not None:
        existing = authenticate(current, keys).licence
        if existing is not None and existing.issued_at > state.issued_floor:
            state = ClockState(state.clock_mark, existing.issued_at)

    installed_pub = installation_key.read_public_or_heal(home, use_keyring=use_keyring)
    ctx = VerifyContext(
        trusted_keys=keys,
        now=now_epoch,
        fingerprint=try_machine_fingerprint(fingerprint_source),
        installation_public_key=installed_pub,
        clock_state=state,
    )
    result = verify_licence(data, ctx)
    reset_mark = False
    if (
        result.status is LicenceStatus.CLOCK_ROLLBACK
        and result.licence is not None
        and result.licence.issued_at > state.issued_floor
    ):
        # A genuinely newer licence from the vendor is the way out of a mark
        # pushed into the future by a wrong clock: re-check without the mark.
        result = verify_licence(
            data,
            VerifyContext(
                trusted_keys=keys,
                now=now_epoch,
                fingerprint=ctx.fingerprint,
                installation_public_key=installed_pub,
                clock_state=ClockState(None, state.issued_floor),
            ),
        )
        reset_mark = True
    if result.status not in INSTALLABLE or result.licence is None:
        return InstallOutcome(False, result.status, result.licence, result.detail)

    files.write_atomic(files.licence_path(home), data)
    mark = now_epoch if reset_mark or state.clock_mark is None else max(state.clock_mark, now_epoch)
    clock.write_state(
        home,
        ClockState(mark, max(state.issued_floor, result.licence.issued_at)),
        use_keyring=use_keyring,
    )
    return InstallOutcome(True, result.status, result.licence, result.detail)


def remove_licence(home: Path) -> bool:
    """Delete the installed licence (the replay floor stays). True if one was removed."""
    return files.remove(files.licence_path(home))
