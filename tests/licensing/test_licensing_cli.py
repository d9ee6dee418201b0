"""CLI: ``rooting-future licence ...`` via run_licence_command, and the vendor's issuer main()."""

from __future__ import annotations

import argparse
import io
import json
import os
import stat
from pathlib import Path

import pytest
from licensing_lab import MACHINE_B, NOW, Lab, machine

from licensing.cli import add_licence_parser, run_licence_command
from licensing.fingerprint import FingerprintUnavailable
from licensing.trusted_keys import load_trusted_keys
from licensing.vendor import issuer


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rooting-future")
    add_licence_parser(parser.add_subparsers(dest="command"))
    return parser


def run(lab: Lab, *argv: str, source=None, now: int = NOW) -> tuple[int, str]:
    out = io.StringIO()
    args = _parser().parse_args(["licence", *argv])
    code = run_licence_command(
        args, lab.home, lab.keys_path, out, now=now, fingerprint_source=source or lab.source
    )
    return code, out.getvalue()


def test_parser_shape() -> None:
    parser = _parser()
    assert parser.parse_args(["licence", "status"]).licence_command == "status"
    assert parser.parse_args(["licence", "status", "--json"]).json
    assert parser.parse_args(["licence", "install", "f.lic"]).file == "f.lic"
    assert parser.parse_args(["licence", "request", "--out", "r.txt"]).out == "r.txt"
    assert parser.parse_args(["licence", "deactivate", "--out", "d.txt"]).out == "d.txt"
    with pytest.raises(SystemExit):
        parser.parse_args(["licence", "request"])  # --out is required
    with pytest.raises(SystemExit):
        parser.parse_args(["licence"])


def test_status_evaluation_then_licensed_then_json(lab: Lab) -> None:
    code, text = run(lab, "status")
    assert code == 1
    assert text.index("Nessuna licenza") < text.index("No licence")  # Italian first
    assert lab.fingerprint in text
    assert lab.install(lab.licence()).installed
    code, text = run(lab, "status")
    assert code == 0 and "Mario Rossi" in text and "Filigrana / Watermark: no" in text
    code, text = run(lab, "status", "--json")
    data = json.loads(text)
    assert code == 0 and data["status"] == "valid" and data["max_clubs"] == 5
    assert data["features"] == ["ai-generation", "docx"] and data["watermark"] is False


def test_fingerprint_command(lab: Lab) -> None:
    code, text = run(lab, "fingerprint")
    assert code == 0 and text.strip() == lab.fingerprint

    def broken() -> str:
        raise FingerprintUnavailable("no machine-id")

    code, text = run(lab, "fingerprint", source=broken)
    assert code == 1 and "identificativo" in text and "identifier" in text


def test_install_exit_codes(lab: Lab, tmp_path: Path) -> None:
    code, text = run(lab, "install", str(tmp_path / "missing.lic"))
    assert code == 2 and "Impossibile leggere" in text
    code, _ = run(lab, "install", str(tmp_path))  # a directory
    assert code == 2
    garbage = tmp_path / "garbage.lic"
    garbage.write_text("ciao")
    code, text = run(lab, "install", str(garbage))
    assert code == 1 and "NON installata" in text and "danneggiato" in text
    other = tmp_path / "other.lic"
    other.write_bytes(
        lab.licence(fingerprint=Lab(tmp_path / "b", source=machine(MACHINE_B)).fingerprint)
    )
    code, text = run(lab, "install", str(other))
    assert code == 1 and "altro computer" in text
    good = tmp_path / "good.lic"
    good.write_bytes(lab.licence())
    code, text = run(lab, "install", str(good))
    assert code == 0 and "Licenza installata" in text


def test_request_and_deactivate_commands(lab: Lab, tmp_path: Path) -> None:
    code, text = run(lab, "deactivate", "--out", str(tmp_path / "r.txt"))
    assert code == 1 and "Nessuna licenza" in text
    code, text = run(lab, "request", "--out", str(tmp_path / "missing-dir" / "x" / "req.txt"))
    assert code == 0  # parent folders are created
    blocked = tmp_path / "file"
    blocked.write_text("x")
    code, text = run(lab, "request", "--out", str(blocked / "req.txt"))
    assert code == 2 and "Impossibile scrivere" in text


def test_unexpected_errors_never_show_a_traceback(lab: Lab, monkeypatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("licensing.cli.install_licence", boom)
    code, text = run(lab, "install", "x.lic")
    assert code == 1 and "Traceback" not in text and "imprevisto" in text
    code, text = run(lab, "status")
    assert code == 1  # check_licence itself never raises


# ------------------------------------------------------------------- issuer


def test_issuer_keygen_writes_private_key_0600_and_trusted_entry(tmp_path: Path) -> None:
    out = io.StringIO()
    assert issuer.main(["keygen", "--out", str(tmp_path / "keys"), "--test"], out=out) == 0
    private = next((tmp_path / "keys").glob("*.private.pem"))
    if os.name == "posix":
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    entry = json.loads(next((tmp_path / "keys").glob("*.public.json")).read_text())
    kid = next(iter(entry))
    assert kid in out.getvalue() and entry[kid]["test"] is True
    keys_file = tmp_path / "trusted.json"
    keys_file.write_text(json.dumps({"format": 1, "keys": entry}))
    assert kid in load_trusted_keys(keys_file, release=False).keys
    assert kid not in load_trusted_keys(keys_file, release=True).keys
    # Never overwrites a private key.
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(private.read_bytes(), password=None)
    before = private.read_bytes()
    with pytest.raises(FileExistsError):
        issuer.write_key_pair(tmp_path / "keys", key)  # type: ignore[arg-type]
    assert private.read_bytes() == before


def test_issuer_passphrase_protected_key(tmp_path: Path, monkeypatch, lab: Lab) -> None:
    monkeypatch.setenv("RF_PASS", "segreto di prova")
    assert issuer.main(["keygen", "--out", str(tmp_path / "k"), "--passphrase-env", "RF_PASS"]) == 0
    private = next((tmp_path / "k").glob("*.private.pem"))
    base = ["issue", "--fingerprint", lab.fingerprint, "--licensee", "A", "--club", "B",
            "--features", "docx", "--max-clubs", "1", "--expires", "never",
            "--key", str(private)]  # fmt: skip
    assert issuer.main([*base, "--out", str(tmp_path / "a.lic")]) == 2  # no passphrase
    monkeypatch.setenv("RF_WRONG", "sbagliata")
    assert (
        issuer.main([*base, "--out", str(tmp_path / "a.lic"), "--passphrase-env", "RF_WRONG"]) == 2
    )
    assert (
        issuer.main([*base, "--out", str(tmp_path / "a.lic"), "--passphrase-env", "RF_PASS"]) == 0
    )


def test_issuer_issue_from_fingerprint_and_inspect(lab: Lab, tmp_path: Path) -> None:
    key = issuer.write_key_pair(tmp_path / "keys", lab.vendor_key, test=True).private_pem
    target = tmp_path / "licenza.lic"
    args = [
        "issue", "--fingerprint", f"  {lab.fingerprint.upper()} ", "--licensee", "Luca Verdi",
        "--club", "Polisportiva Sant'Anna", "--features", "docx", "--features", "onepager",
        "--max-clubs", "unlimited", "--expires", "2030-12-31", "--grace-days", "0",
        "--not-before", "2030-02-01", "--key", str(key), "--out", str(target),
        "--issued-at", str(NOW),
    ]  # fmt: skip
    out = io.StringIO()
    assert issuer.main(args, out=out) == 0
    assert "not bound to an installation key" in out.getvalue()
    assert issuer.main(args) == 2  # refuses to overwrite without --force
    assert issuer.main([*args, "--force"]) == 0
    result = lab.verify(target.read_bytes(), now=NOW + 30 * 86400)
    assert result.status.value == "valid"
    licence = result.licence
    assert licence is not None and licence.max_clubs is None
    assert licence.features == {"docx", "onepager"} and licence.grace_days == 0
    assert lab.verify(target.read_bytes()).status.value == "not_yet_valid"

    out = io.StringIO()
    assert issuer.main(["inspect", str(target), "--keys", str(lab.keys_path)], out=out) == 0
    text = out.getvalue()
    assert "signature OK" in text and "Polisportiva Sant'Anna" in text
    assert '"expires_at": "2030-12-31T23:59:59Z"' in text
    # Inspect a tampered file: reports, exit 1, no traceback.
    damaged = tmp_path / "damaged.lic"
    original = bytearray(target.read_bytes())
    original[len(original) // 2] ^= 0x02
    damaged.write_bytes(bytes(original))
    assert issuer.main(["inspect", str(damaged), "--keys", str(lab.keys_path)]) == 1
    assert issuer.main(["inspect", str(tmp_path / "nope")]) == 2


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"--fingerprint": "v1:1234"}, 2),
        ({"--features": "docs"}, 2),  # typo of docx
        ({"--max-clubs": "0"}, 2),
        ({"--max-clubs": "molti"}, 2),
        ({"--expires": "31/12/2030"}, 2),
        ({"--expires": "2020-01-01"}, 2),  # before validity starts
        ({"--grace-days": "400"}, 2),
        ({"--licensee": "  "}, 2),
        ({"--club": "Club\u202eevil"}, 2),
        ({"--key": "/nonexistent/key.pem"}, 2),
    ],
)
def test_issuer_refuses_bad_input(lab: Lab, tmp_path: Path, change: dict, expected: int) -> None:
    key = issuer.write_key_pair(tmp_path / "keys", lab.vendor_key, test=True).private_pem
    options = {
        "--fingerprint": lab.fingerprint,
        "--licensee": "A",
        "--club": "B",
        "--features": "docx",
        "--max-clubs": "2",
        "--expires": "2031-01-01",
        "--grace-days": "14",
        "--key": str(key),
        "--out": str(tmp_path / "x.lic"),
        "--issued-at": str(NOW),
    }
    options.update(change)
    argv = ["issue"] + [part for pair in options.items() for part in pair]
    assert issuer.main(argv) == expected
    assert not (tmp_path / "x.lic").exists()


def test_issuer_refuses_a_tampered_request(lab: Lab, tmp_path: Path) -> None:
    from licensing import activation

    data, _ = activation.build_request(lab.home, app_version="1", fingerprint_source=lab.source)
    request = tmp_path / "req.txt"
    request.write_bytes(data[:100] + (b"B" if data[100:101] != b"B" else b"C") + data[101:])
    key = issuer.write_key_pair(tmp_path / "keys", lab.vendor_key, test=True).private_pem
    argv = ["issue", "--request", str(request), "--licensee", "A", "--club", "B",
            "--features", "docx", "--max-clubs", "2", "--expires", "never",
            "--key", str(key), "--out", str(tmp_path / "x.lic")]  # fmt: skip
    assert issuer.main(argv) == 1
    assert not (tmp_path / "x.lic").exists()


def test_issuer_usage_errors_return_codes(tmp_path: Path, capsys) -> None:
    assert issuer.main([]) == 2
    assert issuer.main(["--help"]) == 0
    assert issuer.main(["issue", "--licensee", "x"]) == 2
    receipt = tmp_path / "r.txt"
    receipt.write_text("not a receipt")
    assert issuer.main(["verify-receipt", str(receipt), "--request", str(receipt)]) == 1
    assert "Traceback" not in capsys.readouterr().err
