"""Offline activation and transfer, end to end, through the same commands users and the
vendor type: request -> issue -> install -> status -> deactivate -> verify-receipt ->
a new licence for machine B."""

from __future__ import annotations

import argparse
import io
import os
import stat
from pathlib import Path

import keyring
import pytest
from licensing_lab import MACHINE_B, NOW, Lab, MemoryKeyring, machine

from licensing import activation, files, installation_key
from licensing.activation import ActivationError, InvalidDocument
from licensing.cli import add_licence_parser, run_licence_command
from licensing.envelope import DocumentKind, b64encode, decode_envelope, public_bytes
from licensing.status import LicenceStatus as S
from licensing.vendor import issuer


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rooting-future")
    add_licence_parser(parser.add_subparsers(dest="command"))
    return parser


def _run(lab: Lab, home: Path, source, *argv: str, now: int = NOW) -> tuple[int, str]:
    out = io.StringIO()
    args = _parser().parse_args(["licence", *argv])
    code = run_licence_command(
        args, home, lab.keys_path, out, now=now, fingerprint_source=source, app_version="0.1.0"
    )
    return code, out.getvalue()


def _vendor_key_file(lab: Lab, tmp: Path) -> Path:
    return issuer.write_key_pair(tmp / "vendor-keys", lab.vendor_key, test=True).private_pem


def test_full_offline_activation_and_transfer_round_trip(lab: Lab, tmp_path: Path) -> None:
    key_file = _vendor_key_file(lab, tmp_path)
    machine_a, machine_b = lab.source, machine(MACHINE_B)
    home_b = tmp_path / "home-b"

    # 1. Club, machine A: evaluation mode, then an activation request.
    code, text = _run(lab, lab.home, machine_a, "status")
    assert code == 1 and "valutazione" in text and "evaluation" in text
    request_a = tmp_path / "richiesta-a.txt"
    code, text = _run(lab, lab.home, machine_a, "request", "--out", str(request_a))
    assert code == 0, text
    assert lab.fingerprint in text

    # 2. Vendor: issue a licence bound to the request.
    licence_a = tmp_path / "licenza-a.lic"
    code = issuer.main(
        [
            "issue",
            "--request", str(request_a),
            "--licensee", "Giulia Bianchi",
            "--club", "ASD Nuoto Riviera",
            "--features", "ai-generation,docx,onepager",
            "--max-clubs", "3",
            "--expires", "2031-06-30",
            "--grace-days", "14",
            "--key", str(key_file),
            "--out", str(licence_a),
            "--issued-at", str(NOW - 60),
        ],
        out=io.StringIO(),
    )  # fmt: skip
    assert code == 0

    # 3. Club, machine A: install, status valid.
    code, text = _run(lab, lab.home, machine_a, "install", str(licence_a))
    assert code == 0, text
    code, text = _run(lab, lab.home, machine_a, "status")
    assert code == 0 and "ASD Nuoto Riviera" in text
    state = lab.check(now=NOW + 10)
    assert state.status is S.VALID and state.max_clubs == 3
    assert state.features == {"ai-generation", "docx", "onepager"}

    # The same licence and data folder copied to machine B: wrong machine.
    assert lab.check(source=machine_b).status is S.WRONG_MACHINE

    # 4. Club, machine A: deactivate -> receipt; licence and key are gone.
    receipt = tmp_path / "ricevuta.txt"
    code, text = _run(lab, lab.home, machine_a, "deactivate", "--out", str(receipt), now=NOW + 60)
    assert code == 0, text
    assert receipt.exists()
    assert not files.licence_path(lab.home).exists()
    assert installation_key.load(lab.home) is None
    assert lab.check(now=NOW + 120).status is S.MISSING

    # The old licence cannot come back on A (key destroyed, replay floor raised).
    code, text = _run(lab, lab.home, machine_a, "install", str(licence_a), now=NOW + 180)
    assert code == 1 and "NON installata" in text

    # 5. Vendor: the receipt verifies against the original request (and licence).
    out = io.StringIO()
    assert issuer.main(["verify-receipt", str(receipt), "--request", str(request_a)], out=out) == 0
    assert "receipt OK" in out.getvalue()
    args = [
        "verify-receipt",
        str(receipt),
        "--licence",
        str(licence_a),
        "--keys",
        str(lab.keys_path),
    ]
    assert issuer.main(args, out=io.StringIO()) == 0

    # 6. Club, machine B: request; vendor issues; B is licensed.
    request_b = tmp_path / "richiesta-b.txt"
    code, _ = _run(lab, home_b, machine_b, "request", "--out", str(request_b), now=NOW + 300)
    assert code == 0
    licence_b = tmp_path / "licenza-b.lic"
    code = issuer.main(
        [
            "issue", "--request", str(request_b), "--licensee", "Giulia Bianchi",
            "--club", "ASD Nuoto Riviera", "--features", "ai-generation,docx,onepager",
            "--max-clubs", "3", "--expires", "2031-06-30", "--key", str(key_file),
            "--out", str(licence_b), "--issued-at", str(NOW + 300),
        ],
        out=io.StringIO(),
    )  # fmt: skip
    assert code == 0
    code, text = _run(lab, home_b, machine_b, "install", str(licence_b), now=NOW + 360)
    assert code == 0, text
    code, _ = _run(lab, home_b, machine_b, "status", now=NOW + 400)
    assert code == 0
    # B's licence is of no use on A.
    code, text = _run(lab, lab.home, machine_a, "install", str(licence_b), now=NOW + 400)
    assert code == 1


def test_machine_a_licence_refused_on_machine_b_at_install(lab: Lab, tmp_path: Path) -> None:
    data, _request = activation.build_request(
        lab.home, app_version="1.0", now=NOW, fingerprint_source=lab.source
    )
    request = activation.parse_request(data)
    licence = lab.licence(installation_key=request.installation_key)
    assert lab.install(licence).installed
    other = tmp_path / "other-home"
    outcome = Lab(tmp_path / "b", vendor_key=lab.vendor_key, source=machine(MACHINE_B)).install(
        licence
    )
    assert outcome.status is S.WRONG_MACHINE
    assert not (other / "licensing" / "licence.lic").exists()


def test_same_machine_other_installation_is_refused(lab: Lab, tmp_path: Path) -> None:
    """Same fingerprint (a second user profile, a cloned VM), different installation key."""
    data, _ = activation.build_request(lab.home, app_version="1.0", fingerprint_source=lab.source)
    request = activation.parse_request(data)
    licence = lab.licence(installation_key=request.installation_key)
    keyring.set_keyring(MemoryKeyring())  # the other profile has its own keyring
    twin = Lab(tmp_path / "twin", vendor_key=lab.vendor_key, source=lab.source)
    outcome = twin.install(licence)
    assert outcome.status is S.WRONG_MACHINE and "installation" in outcome.detail
    activation.build_request(twin.home, app_version="1.0", fingerprint_source=lab.source)
    assert twin.install(licence).status is S.WRONG_MACHINE


def test_request_is_signed_and_self_consistent(lab: Lab) -> None:
    data, request = activation.build_request(
        lab.home, app_version="2.3.4", now=NOW, fingerprint_source=lab.source
    )
    assert request.fingerprint == lab.fingerprint and request.app_version == "2.3.4"
    assert len(request.nonce) == 32 and request.created_at == NOW
    # The same installation key is reused by a second request; the nonce is new.
    _, again = activation.build_request(
        lab.home, app_version="2.3.4", fingerprint_source=lab.source
    )
    assert again.installation_key == request.installation_key and again.nonce != request.nonce
    # Any change breaks it.
    envelope = decode_envelope(data, DocumentKind.ACTIVATION_REQUEST)
    for mutated in (
        data.replace(b"ROOTING FUTURE ACTIVATION REQUEST", b"ROOTING FUTURE LICENCE"),
        data[:-10] + b"AAAAAAAA\n",
        data[: len(data) // 2],
    ):
        with pytest.raises(InvalidDocument):
            activation.parse_request(mutated)
    assert envelope.kid == activation.installation_kid(request.installation_key)


def test_forged_receipts_are_refused(lab: Lab, tmp_path: Path) -> None:
    request_file = tmp_path / "request.txt"
    activation.write_request(
        lab.home, request_file, app_version="1.0", now=NOW, fingerprint_source=lab.source
    )
    request = activation.parse_request(request_file.read_bytes())
    assert lab.install(lab.licence(installation_key=request.installation_key)).installed

    # A receipt from another installation (own keyring, fresh key pair), same fingerprint.
    own_keyring = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    other = Lab(tmp_path / "other", vendor_key=lab.vendor_key, source=lab.source)
    other_request = activation.parse_request(
        activation.build_request(
            other.home, app_version="1.0", now=NOW, fingerprint_source=lab.source
        )[0]
    )
    assert other.install(other.licence(installation_key=other_request.installation_key)).installed
    forged = tmp_path / "forged.txt"
    activation.deactivate(
        other.home, other.keys_path, forged, now=NOW + 60, fingerprint_source=lab.source
    )
    keyring.set_keyring(own_keyring)
    out = io.StringIO()
    assert (
        issuer.main(["verify-receipt", str(forged), "--request", str(request_file)], out=out) == 1
    )
    assert "different installation key" in out.getvalue()

    # A genuine receipt, damaged in transit.
    genuine = tmp_path / "genuine.txt"
    activation.deactivate(
        lab.home, lab.keys_path, genuine, now=NOW + 60, fingerprint_source=lab.source
    )
    assert issuer.main(["verify-receipt", str(genuine), "--request", str(request_file)]) == 0
    damaged = bytearray(genuine.read_bytes())
    damaged[80] ^= 0x01
    genuine.write_bytes(bytes(damaged))
    assert issuer.main(["verify-receipt", str(genuine), "--request", str(request_file)]) == 1


def test_deactivate_refusals_leave_everything_in_place(lab: Lab, tmp_path: Path) -> None:
    out = tmp_path / "receipt.txt"
    with pytest.raises(ActivationError) as info:
        activation.deactivate(lab.home, lab.keys_path, out, fingerprint_source=lab.source)
    assert "Nessuna licenza" in info.value.it and "No licence" in info.value.en

    _, request = activation.build_request(lab.home, app_version="1", fingerprint_source=lab.source)
    assert lab.install(lab.licence(installation_key=request.installation_key)).installed
    # Wrong machine: refuses, keeps the licence.
    with pytest.raises(ActivationError):
        activation.deactivate(lab.home, lab.keys_path, out, fingerprint_source=machine(MACHINE_B))
    assert files.licence_path(lab.home).exists()
    # Unwritable output: refuses with exit code 2, keeps the licence and key.
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("x")
    with pytest.raises(ActivationError) as info:
        activation.deactivate(
            lab.home, lab.keys_path, blocked / "receipt.txt", fingerprint_source=lab.source
        )
    assert info.value.exit_code == 2
    assert files.licence_path(lab.home).exists() and installation_key.load(lab.home) is not None
    # Installation key lost (e.g. keyring wiped): cannot sign, says so.
    installation_key.delete(lab.home)
    with pytest.raises(ActivationError) as info:
        activation.deactivate(lab.home, lab.keys_path, out, fingerprint_source=lab.source)
    assert lab.fingerprint in info.value.it
    assert not out.exists()


def test_fingerprint_only_licence_can_be_deactivated_and_not_replayed(lab: Lab, tmp_path) -> None:
    data = lab.licence(installation_key=None)
    assert lab.install(data).installed
    receipt = tmp_path / "receipt.txt"
    result = activation.deactivate(lab.home, lab.keys_path, receipt, fingerprint_source=lab.source)
    assert result.receipt.licence_id == "lic-0001"
    # The vendor cannot tie this receipt to an installation key: it says so.
    licence_file = tmp_path / "lic.lic"
    licence_file.write_bytes(data)
    out = io.StringIO()
    args = [
        "verify-receipt",
        str(receipt),
        "--licence",
        str(licence_file),
        "--keys",
        str(lab.keys_path),
    ]
    assert issuer.main(args, out=out) == 1
    assert "not bound to an installation key" in out.getvalue()
    # And the deactivated licence is not accepted again on this machine.
    assert lab.install(data).status is S.SUPERSEDED


def test_installation_key_falls_back_to_a_private_file(lab: Lab, failing_keyring) -> None:
    _, request = activation.build_request(lab.home, app_version="1", fingerprint_source=lab.source)
    path = files.installation_private_path(lab.home)
    assert path.exists()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = installation_key.load(lab.home)
    assert key is not None and public_bytes(key) == request.installation_key
    assert b64encode(request.installation_key) not in path.read_text()  # private, not public
    # Full cycle without any keyring.
    assert lab.install(lab.licence(installation_key=request.installation_key)).installed
    assert lab.check().status is S.VALID
    result = activation.deactivate(
        lab.home, lab.keys_path, lab.tmp / "r.txt", fingerprint_source=lab.source
    )
    assert result.key_fully_removed and not path.exists()


def test_deleted_public_key_copy_heals_from_the_keyring(lab: Lab, memory_keyring) -> None:
    _, request = activation.build_request(lab.home, app_version="1", fingerprint_source=lab.source)
    assert lab.install(lab.licence(installation_key=request.installation_key)).installed
    files.installation_public_path(lab.home).unlink()
    assert lab.check().status is S.VALID
    assert files.installation_public_path(lab.home).exists()
    # The default (keyring-free) check heals it too: this rare path may use the keyring.
    files.installation_public_path(lab.home).unlink()
    assert lab.check(use_keyring=False).status is S.VALID
    # With the private key gone as well, it really is another installation.
    files.installation_public_path(lab.home).unlink()
    memory_keyring.entries.clear()
    assert lab.check(use_keyring=False).status is S.WRONG_MACHINE
