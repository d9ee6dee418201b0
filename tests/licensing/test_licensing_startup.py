"""The startup check: what LicenceState tells the app, messages, robustness, speed."""

from __future__ import annotations

import statistics
import string
import time
from pathlib import Path

import pytest
from licensing_lab import DAY, NOW, Lab

from licensing import EVALUATION_MAX_CLUBS, KNOWN_FEATURES, check_licence
from licensing.startup import build_state
from licensing.status import LABELS, MESSAGES, NEXT_STEPS, LicenceStatus
from licensing.verifier import Verification


def test_evaluation_mode_without_a_licence(lab: Lab) -> None:
    state = lab.check()
    assert state.status is LicenceStatus.MISSING
    assert state.evaluation and state.watermark and not state.is_licensed
    assert state.max_clubs == EVALUATION_MAX_CLUBS == 2
    assert state.features == KNOWN_FEATURES  # every feature works in evaluation
    assert state.fingerprint == lab.fingerprint
    assert state.can_add_club(1) and not state.can_add_club(2)
    assert state.licensee is None and state.expires_at is None


def test_licensed_state_exposes_limits_and_features(lab: Lab) -> None:
    assert lab.install(lab.licence(max_clubs=7, features=["docx"], expires_at=NOW + DAY)).installed
    state = lab.check()
    assert state.is_licensed and not state.evaluation and not state.watermark
    assert state.max_clubs == 7 and state.features == frozenset({"docx"})
    assert state.licensee == "Mario Rossi" and state.club == "ASD Polisportiva Esempio"
    assert state.expires_at == NOW + DAY and state.licence_id == "lic-0001"
    assert state.can_add_club(6) and not state.can_add_club(7)
    unlimited = Lab(lab.tmp / "u", vendor_key=lab.vendor_key)
    assert unlimited.install(unlimited.licence(max_clubs=None)).installed
    state = unlimited.check()
    assert state.max_clubs is None and state.can_add_club(10_000)


def test_state_is_frozen(lab: Lab) -> None:
    state = lab.check()
    with pytest.raises(AttributeError):
        state.watermark = False  # type: ignore[misc]


@pytest.mark.parametrize("status", list(LicenceStatus))
def test_every_status_has_italian_and_english_text(status: LicenceStatus, lab: Lab) -> None:
    licence = lab.verify(lab.licence()).licence
    state = build_state(Verification(status, licence), lab.fingerprint, now=NOW, clock_mark=NOW)
    for lang in ("it", "en"):
        for text in (state.message(lang), state.next_step(lang)):
            assert text.strip()
            assert "{" not in text and "}" not in text, text
    assert state.message("it") != state.message("en")
    assert state.message("fr") == state.message("it")  # unknown language: Italian
    assert state.bilingual().startswith(state.message("it"))
    assert status in MESSAGES and status in NEXT_STEPS and status in LABELS
    assert state.is_licensed == (status in (LicenceStatus.VALID, LicenceStatus.GRACE))
    assert state.evaluation == (not state.is_licensed) == state.watermark
    if status in (LicenceStatus.EXPIRED, LicenceStatus.WRONG_MACHINE):
        assert lab.fingerprint in state.next_step("it")
        assert lab.fingerprint in state.next_step("en")


def test_check_never_raises(lab: Lab, tmp_path: Path, monkeypatch) -> None:
    # Nonsense paths, a file where a folder should be, a bad time value.
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    for home in (blocker, tmp_path / "does" / "not" / "exist"):
        state = check_licence(home, tmp_path / "no-keys.json", fingerprint_source=lab.source)
        assert state.evaluation
    state = check_licence(lab.home, lab.keys_path, "yesterday", fingerprint_source=lab.source)  # type: ignore[arg-type]
    assert state.status is LicenceStatus.MISSING

    # An unexpected bug deep inside: evaluation mode with an internal-error status.
    assert lab.install(lab.licence()).installed

    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr("licensing.startup.verify_licence", boom)
    state = lab.check()
    assert state.status is LicenceStatus.INTERNAL_ERROR and state.evaluation
    assert state.message("it") and state.fingerprint == lab.fingerprint


def test_unreadable_licence_file_is_malformed(lab: Lab, monkeypatch) -> None:
    assert lab.install(lab.licence()).installed

    def denied(*args: object, **kwargs: object) -> bytes:
        raise PermissionError("denied")

    monkeypatch.setattr("licensing.startup.read_licence_bytes", denied)
    assert lab.check().status is LicenceStatus.MALFORMED


def test_to_dict_is_json_ready(lab: Lab) -> None:
    assert lab.install(lab.licence()).installed
    data = lab.check().to_dict()
    assert data["status"] == "valid" and data["expires_at"].endswith("Z")
    assert set(data) >= {"message_it", "message_en", "next_step_it", "next_step_en"}
    assert all(c in string.printable or not c.isascii() for c in str(data))


def test_default_check_never_touches_the_keyring(lab: Lab, memory_keyring, monkeypatch) -> None:
    """The keyring's first use costs ~100 ms and may prompt: not on the startup path."""
    assert lab.install(lab.licence()).installed
    before = dict(memory_keyring.entries)

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("the default startup check used the keyring")

    monkeypatch.setattr("licensing.keyring_store._backend", forbidden)
    for i in range(3):
        state = check_licence(lab.home, lab.keys_path, NOW + i * DAY, fingerprint_source=lab.source)
        assert state.status is LicenceStatus.VALID
    assert memory_keyring.entries == before
    # Evaluation mode does not even read the clock state.
    empty = Lab(lab.tmp / "empty", vendor_key=lab.vendor_key)
    assert check_licence(empty.home, empty.keys_path, NOW).status is LicenceStatus.MISSING


def test_sync_keyring_keeps_both_copies_in_step(lab: Lab, memory_keyring) -> None:
    from licensing import clock, files
    from licensing.startup import sync_keyring

    assert lab.install(lab.licence()).installed
    entry = ("RootingFuture", clock.KEYRING_ENTRY)
    later = NOW + 10 * DAY
    assert check_licence(lab.home, lab.keys_path, later, fingerprint_source=lab.source).is_licensed
    assert clock.decode_state(memory_keyring.entries[entry].encode()).clock_mark == NOW  # stale
    assert sync_keyring(lab.home)
    assert clock.decode_state(memory_keyring.entries[entry].encode()).clock_mark == later
    # The file copy deleted: the next sync restores it, so the next check sees a rollback.
    files.remove(files.state_path(lab.home))
    assert sync_keyring(lab.home)
    state = check_licence(lab.home, lab.keys_path, later - 2 * DAY, fingerprint_source=lab.source)
    assert state.status is LicenceStatus.CLOCK_ROLLBACK
    import keyring.backends.fail

    keyring.set_keyring(keyring.backends.fail.Keyring())
    assert sync_keyring(lab.home) is False


def test_startup_check_is_fast(lab: Lab) -> None:
    """Goal: < 50 ms. Measured warm (caches filled), as at every start after the first call."""
    assert lab.install(lab.licence()).installed
    lab.check()
    timings = []
    for i in range(50):
        started = time.perf_counter()
        state = lab.check(now=NOW + i * 120)  # moves the clock mark: includes the write
        timings.append(time.perf_counter() - started)
        assert state.is_licensed
    assert statistics.median(timings) < 0.050
    assert max(timings) < 0.5
