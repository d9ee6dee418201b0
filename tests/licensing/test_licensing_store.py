"""Licence store: install validates before replacing, remove, on-disk layout."""

from __future__ import annotations

from licensing_lab import DAY, NOW, Lab

from licensing import files
from licensing.status import LicenceStatus as S
from licensing.store import remove_licence


def test_install_validates_before_replacing(lab: Lab) -> None:
    good = lab.licence(licence_id="lic-good")
    assert lab.install(good).installed
    path = files.licence_path(lab.home)
    expired = lab.licence(expires_at=NOW - 60 * DAY, issued_at=NOW - 400 * DAY)
    for bad in (b"", b"rubbish", lab.licence(licence_id="lic-x")[:-40], expired):
        outcome = lab.install(bad)
        assert not outcome.installed
        assert path.read_bytes() == good  # the current licence is untouched
    fresh = Lab(lab.tmp / "fresh", vendor_key=lab.vendor_key)
    assert fresh.install(expired, use_keyring=False).status is S.EXPIRED
    assert not files.licence_path(fresh.home).exists()


def test_install_accepts_grace_and_future_start(lab: Lab) -> None:
    grace = lab.licence(
        licence_id="lic-grace", expires_at=NOW - DAY, grace_days=14, issued_at=NOW - 400 * DAY
    )
    outcome = lab.install(grace)
    assert outcome.installed and outcome.status is S.GRACE
    later = lab.licence(licence_id="lic-later", issued_at=NOW - 60, not_before=NOW + 10 * DAY)
    outcome = lab.install(later)
    assert outcome.installed and outcome.status is S.NOT_YET_VALID
    assert lab.check().status is S.NOT_YET_VALID
    assert lab.check(now=NOW + 10 * DAY).status is S.VALID


def test_remove_returns_to_evaluation_and_allows_reinstall(lab: Lab) -> None:
    data = lab.licence()
    assert lab.install(data).installed
    assert remove_licence(lab.home)
    assert not remove_licence(lab.home)
    assert lab.check().status is S.MISSING
    assert lab.install(data).installed  # removing is not deactivating: same file is fine


def test_newer_licence_resets_a_clock_mark_pushed_into_the_future(lab: Lab) -> None:
    """A wrong clock (say 2099) recorded as the mark must not lock a club out forever:
    the vendor's next licence is the way back."""
    assert lab.install(lab.licence(licence_id="lic-1", expires_at=None)).installed
    assert lab.check(now=NOW + 3000 * DAY).status is S.VALID  # the clock jumped ahead
    assert lab.check().status is S.CLOCK_ROLLBACK  # clock fixed: looks like a rollback
    assert not lab.install(lab.licence(licence_id="lic-1", expires_at=None)).installed
    fresh = lab.licence(licence_id="lic-2", issued_at=NOW - 10, expires_at=None)
    outcome = lab.install(fresh)
    assert outcome.installed, outcome
    assert lab.check().status is S.VALID


def test_files_live_under_home_licensing(lab: Lab) -> None:
    assert lab.install(lab.licence()).installed
    lab.check(now=NOW + DAY)
    names = sorted(p.name for p in (lab.home / "licensing").iterdir())
    assert names == ["licence.lic", "state.json"]
    assert not any(p.name.endswith(".tmp") for p in lab.home.rglob("*"))
