"""Interop: a licence's signature verifies with the OpenSSL command line, so the format
does not depend on our own Ed25519 code and the vendor can audit a file independently."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from licensing_lab import Lab

from licensing.envelope import DocumentKind, decode_envelope
from licensing.vendor.issuer import write_key_pair

OPENSSL = shutil.which("openssl")
pytestmark = pytest.mark.skipif(OPENSSL is None, reason="openssl command not available")


def _openssl_verify(
    public_pem: Path, message: Path, signature: Path
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(OPENSSL),
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            str(public_pem),
            "-rawin",
            "-in",
            str(message),
            "-sigfile",
            str(signature),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_licence_signature_verifies_with_openssl(lab: Lab, tmp_path: Path) -> None:
    files = write_key_pair(tmp_path / "keys", lab.vendor_key, test=True)
    envelope = decode_envelope(lab.licence(), DocumentKind.LICENCE)
    message = tmp_path / "message.bin"
    message.write_bytes(DocumentKind.LICENCE.prefix + envelope.payload)
    signature = tmp_path / "signature.bin"
    signature.write_bytes(envelope.sig)

    result = _openssl_verify(files.public_pem, message, signature)
    assert result.returncode == 0, result.stderr
    assert "Verified Successfully" in result.stdout

    message.write_bytes(DocumentKind.LICENCE.prefix + envelope.payload + b" ")
    assert _openssl_verify(files.public_pem, message, signature).returncode != 0
    # The domain prefix is part of what is signed: the bare payload does not verify.
    message.write_bytes(envelope.payload)
    assert _openssl_verify(files.public_pem, message, signature).returncode != 0


def test_openssl_generated_key_can_sign_licences(lab: Lab, tmp_path: Path) -> None:
    """The other direction: a key made by OpenSSL works with the issuer and the app."""
    private_pem = tmp_path / "openssl.pem"
    made = subprocess.run(
        [str(OPENSSL), "genpkey", "-algorithm", "ed25519", "-out", str(private_pem)],
        capture_output=True,
        timeout=30,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip("this openssl cannot generate Ed25519 keys")
    from licensing.trusted_keys import write_trusted_keys
    from licensing.vendor.issuer import load_signing_key

    key = load_signing_key(private_pem)
    other = Lab(tmp_path / "lab", vendor_key=key)
    write_trusted_keys(other.keys_path, [other.trusted])
    assert other.verify(other.licence()).status.value == "valid"
