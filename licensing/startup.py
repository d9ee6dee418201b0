"""The startup licence check the desktop app and the CLI run: fast, and never raises.

``check_licence`` reads the licence file, the trusted keys (cached while the
file is unchanged), the machine fingerprint (cached per process), the
installation public key and the clock state, verifies, advances the clock
mark, and returns a ``LicenceState``: everything the UI and the engine need
(evaluation or not, watermark, club limit, features, bilingual messages).

Evaluation mode (no licence, or one that does not apply to this machine at
this time): every feature works, exports carry a watermark, at most
``EVALUATION_MAX_CLUBS`` clubs. Saved plans are never locked away.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from licensing import clock, installation_key, keyring_store
from licensing.fingerprint import RawIdSource, try_machine_fingerprint
from licensing.licence import EVALUATION_MAX_CLUBS, KNOWN_FEATURES, Licence
from licensing.status import MESSAGES, NEXT_STEPS, LicenceStatus, render
from licensing.store import read_licence_bytes
from licensing.timeutil import TimeLike, format_date, format_moment, iso_utc, to_epoch
from licensing.trusted_keys import load_trusted_keys_cached
from licensing.verifier import Verification, VerifyContext, verify_licence

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LicenceState:
    """What the app may do right now, and what to tell the user."""

    status: LicenceStatus
    is_licensed: bool
    evaluation: bool
    watermark: bool
    max_clubs: int | None
    """Clubs allowed; None means unlimited. EVALUATION_MAX_CLUBS in evaluation mode."""
    features: frozenset[str]
    licensee: str | None = None
    club: str | None = None
    expires_at: int | None = None
    fingerprint: str | None = None
    """The ``v1:<hex>`` machine code to show and send; None if it cannot be read."""
    licence_id: str | None = None
    issued_at: int | None = None
    not_before: int | None = None
    grace_ends_at: int | None = None
    clock_mark: int | None = None
    detail: str = ""
    """Technical reason in English, for logs and support; not for end users."""
    checked_at: int = 0
    _values: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def message(self, lang: str = "it") -> str:
        """What is going on, in ``lang`` ("it" or "en"; anything else gives Italian)."""
        return render(MESSAGES, self.status, lang, self._values)

    def next_step(self, lang: str = "it") -> str:
        """What the user should do next, in ``lang``."""
        return render(NEXT_STEPS, self.status, lang, self._values)

    def bilingual(self) -> str:
        """Italian first, then English: for places where we cannot know the language."""
        return f"{self.message('it')}\n{self.message('en')}"

    def can_add_club(self, current_clubs: int) -> bool:
        """The engine's club-limit question, answered in one place."""
        return self.max_clubs is None or current_clubs < self.max_clubs

    def to_dict(self) -> dict[str, object]:
        """JSON-friendly view (CLI ``--json``, diagnostics)."""
        return {
            "status": self.status.value,
            "is_licensed": self.is_licensed,
            "evaluation": self.evaluation,
            "watermark": self.watermark,
            "max_clubs": self.max_clubs,
            "features": sorted(self.features),
            "licensee": self.licensee,
            "club": self.club,
            "licence_id": self.licence_id,
            "issued_at": iso_utc(self.issued_at),
            "not_before": iso_utc(self.not_before),
            "expires_at": iso_utc(self.expires_at),
            "grace_ends_at": iso_utc(self.grace_ends_at),
            "fingerprint": self.fingerprint,
            "message_it": self.message("it"),
            "message_en": self.message("en"),
            "next_step_it": self.next_step("it"),
            "next_step_en": self.next_step("en"),
        }


def _values(licence: Licence | None, fingerprint: str | None, mark: int | None) -> dict[str, str]:
    values = {"fingerprint": fingerprint or "-", "eval_clubs": str(EVALUATION_MAX_CLUBS)}
    for lang in ("it", "en"):
        values[f"last_seen_{lang}"] = format_moment(mark, lang)
    if licence is None:
        return values
    values["licensee"] = licence.licensee
    values["club"] = licence.club
    for lang in ("it", "en"):
        values[f"expires_{lang}"] = format_date(licence.expires_at, lang)
        values[f"grace_{lang}"] = format_date(licence.grace_ends_at, lang)
        values[f"not_before_{lang}"] = format_moment(licence.not_before, lang)
        values[f"issued_{lang}"] = format_moment(licence.issued_at, lang)
    if licence.expires_at is None:
        values["until_it"] = "senza scadenza"
        values["until_en"] = "no expiry"
    else:
        values["until_it"] = f"scade il {values['expires_it']}"
        values["until_en"] = f"expires on {values['expires_en']}"
    return values


def build_state(
    result: Verification,
    fingerprint: str | None,
    *,
    now: int,
    clock_mark: int | None = None,
) -> LicenceState:
    """Turn a verification into what the app may do."""
    licence = result.licence
    licensed = result.status.is_licensed and licence is not None
    common: dict[str, object] = {
        "status": result.status,
        "is_licensed": licensed,
        "evaluation": not licensed,
        "watermark": not licensed,
        "fingerprint": fingerprint,
        "clock_mark": clock_mark,
        "detail": result.detail,
        "checked_at": now,
        "_values": _values(licence, fingerprint, clock_mark),
    }
    if licence is not None:
        common.update(
            licensee=licence.licensee,
            club=licence.club,
            expires_at=licence.expires_at,
            licence_id=licence.licence_id,
            issued_at=licence.issued_at,
            not_before=licence.not_before,
            grace_ends_at=licence.grace_ends_at,
        )
    if licensed:
        return LicenceState(max_clubs=licence.max_clubs, features=licence.features, **common)
    return LicenceState(max_clubs=EVALUATION_MAX_CLUBS, features=KNOWN_FEATURES, **common)


def _verify_and_mark(
    home: Path,
    data: bytes,
    trusted_keys_path: Path,
    fingerprint: str | None,
    now: int,
    use_keyring: bool,
) -> tuple[Verification, clock.ClockState]:
    """Verify the installed licence, then move the clock mark if it is licensed."""
    state, copies_agree = clock.read_state_copies(home, use_keyring=use_keyring)
    installed_pub = installation_key.read_public(home)
    ctx = VerifyContext(
        trusted_keys=load_trusted_keys_cached(trusted_keys_path),
        now=now,
        fingerprint=fingerprint,
        installation_public_key=installed_pub,
        clock_state=state,
    )
    result = verify_licence(data, ctx)
    licence = result.licence
    if (
        result.status is LicenceStatus.WRONG_MACHINE
        and installed_pub is None
        and licence is not None
        and licence.installation_key is not None
    ):
        # installation.pub was deleted: rebuild it from the private key. Rare, so the
        # keyring's cost is acceptable here, and it spares a false "wrong machine".
        healed = installation_key.read_public_or_heal(home, use_keyring=True)
        if healed is not None:
            result = verify_licence(data, replace(ctx, installation_public_key=healed))
    if result.status.is_licensed:
        moved = clock.advanced(state, now)
        if moved is not None or not copies_agree:
            state = moved or state
            clock.write_state(home, state, use_keyring=use_keyring)
    return result, state


def check_licence(
    home: Path,
    trusted_keys_path: Path,
    now: TimeLike | None = None,
    *,
    fingerprint_source: RawIdSource | None = None,
    use_keyring: bool = False,
) -> LicenceState:
    """The licence state for this machine now. Never raises; about 1 ms once imported.

    ``now`` may be epoch seconds, an aware datetime or a naive UTC datetime.
    ``fingerprint_source`` replaces the OS machine-id reader (tests).

    By default the clock state comes from its file copy only: the keyring's
    first use in a process costs ~100 ms (import and backend discovery) and
    can show an unlock prompt, neither acceptable before the first window.
    Run ``sync_keyring(home)`` off the UI thread afterwards to keep the
    keyring copy in step, or pass ``use_keyring=True`` to read and write
    both copies here (the CLI's ``licence status`` does).
    """
    try:
        now_epoch = to_epoch(now)
    except (TypeError, ValueError) as exc:
        log.error("Invalid time for the licence check: %s", exc)
        now_epoch = to_epoch(None)
    fingerprint: str | None = None
    try:
        fingerprint = try_machine_fingerprint(fingerprint_source)
        try:
            data = read_licence_bytes(home)
        except OSError as exc:
            detail = f"licence file unreadable: {type(exc).__name__}"
            return build_state(
                Verification(LicenceStatus.MALFORMED, detail=detail), fingerprint, now=now_epoch
            )
        if data is None:
            return build_state(Verification(LicenceStatus.MISSING), fingerprint, now=now_epoch)
        with clock.state_lock:
            result, state = _verify_and_mark(
                home, data, trusted_keys_path, fingerprint, now_epoch, use_keyring
            )
        return build_state(result, fingerprint, now=now_epoch, clock_mark=state.clock_mark)
    except Exception as exc:  # the startup path must never take the app down
        log.exception("Licence check failed unexpectedly")
        return build_state(
            Verification(LicenceStatus.INTERNAL_ERROR, detail=type(exc).__name__),
            fingerprint,
            now=now_epoch,
        )


def sync_keyring(home: Path) -> bool:
    """Bring the keyring and file copies of the licensing state in step (larger values
    win) and restore a deleted ``installation.pub``. Never raises.

    Meant for a background task after startup, since the keyring may be slow or
    prompt the user. Returns False when the keyring cannot be used (nothing to
    do then: the file copies carry on alone).
    """
    try:
        if not keyring_store.available():
            return False
        with clock.state_lock:
            state, copies_agree = clock.read_state_copies(home, use_keyring=True)
            if not copies_agree:
                clock.write_state(home, state, use_keyring=True)
        installation_key.read_public_or_heal(home, use_keyring=True)
        return True
    except Exception:  # a background chore must never crash the app
        log.exception("Keyring synchronisation failed")
        return False
