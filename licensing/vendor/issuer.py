"""``rooting-future-issuer``: the vendor's licence tool. Not part of the app or installer.

Subcommands::

    keygen --out DIR [--test] [--passphrase-env VAR]
    issue (--request FILE | --fingerprint FP) --licensee NAME --club NAME
          --features a,b --max-clubs N|unlimited --expires YYYY-MM-DD|never
          [--grace-days N] [--not-before YYYY-MM-DD] --key PRIVATE.pem --out FILE
    inspect FILE [--keys trusted_keys.json]
    verify-receipt FILE (--request ORIGINAL_REQUEST | --licence ORIGINAL_LICENCE)

Exit codes: 0 done, 1 refused (bad signature, receipt does not match), 2 bad input.
Dates are UTC: ``--expires 2030-06-30`` means until 2030-06-30 23:59:59 UTC.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from licensing import strictjson
from licensing.activation import (
    InvalidDocument,
    parse_receipt,
    parse_request,
    receipt_problems,
)
from licensing.envelope import (
    MAX_FILE_BYTES,
    DocumentKind,
    MalformedDocument,
    b64encode,
    decode_envelope,
    detect_kind,
    key_id,
    normalise_for_install,
    public_bytes,
    sign_document,
)
from licensing.fingerprint import parse_fingerprint
from licensing.licence import (
    KNOWN_FEATURES,
    MAX_CLUBS_CEILING,
    MAX_GRACE_DAYS,
    PRODUCT,
    InvalidPayload,
    Licence,
    check_features,
    check_text,
)
from licensing.timeutil import end_of_day, iso_utc, parse_date, start_of_day, to_epoch
from licensing.trusted_keys import (
    TrustedKeys,
    TrustedKeysError,
    entry_json,
    load_trusted_keys,
    trusted_key,
)
from licensing.verifier import authenticate

DEFAULT_GRACE_DAYS = 14
DEFAULT_TRUSTED_KEYS = (
    Path(__file__).resolve().parents[2] / "resources" / "licensing" / "trusted_keys.json"
)


class UsageError(Exception):
    """Bad input from the vendor: message printed, exit code 2."""


# ---------------------------------------------------------------- library API


@dataclass(frozen=True)
class KeyFiles:
    kid: str
    private_pem: Path
    public_json: Path
    public_pem: Path


def write_key_pair(
    out_dir: Path,
    key: Ed25519PrivateKey | None = None,
    *,
    test: bool = False,
    passphrase: bytes | None = None,
    comment: str = "",
) -> KeyFiles:
    """Write ``<kid>.private.pem`` (0600, never overwritten), ``<kid>.public.json`` (the
    entry for trusted_keys.json) and ``<kid>.public.pem`` (for OpenSSL)."""
    key = key or Ed25519PrivateKey.generate()
    public_key = public_bytes(key)
    kid = key_id(public_key)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    private_path = out_dir / f"{kid}.private.pem"
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_pem)
    entry = trusted_key(public_key, test=test, comment=comment)
    public_json = out_dir / f"{kid}.public.json"
    public_json.write_text(json.dumps({kid: entry_json(entry)}, indent=2) + "\n", "utf-8")
    public_pem = out_dir / f"{kid}.public.pem"
    public_pem.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return KeyFiles(kid, private_path, public_json, public_pem)


def load_signing_key(path: Path, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    """Read a PKCS#8 PEM Ed25519 private key; raises UsageError with a plain reason."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the key {path}: {exc.strerror}") from exc
    try:
        key = serialization.load_pem_private_key(data, password=passphrase)
    except TypeError as exc:
        raise UsageError("the key is encrypted: pass --passphrase-env VAR") from exc
    except ValueError as exc:
        raise UsageError("not a PEM private key, or wrong passphrase") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise UsageError("the key is not an Ed25519 key")
    return key


def build_payload(
    *,
    fingerprint: str,
    licensee: str,
    club: str,
    features: Iterable[str],
    max_clubs: int | None,
    expires_at: int | None,
    grace_days: int = DEFAULT_GRACE_DAYS,
    installation_key: bytes | None = None,
    issued_at: int | None = None,
    not_before: int | None = None,
    licence_id: str | None = None,
    product: str = PRODUCT,
) -> bytes:
    """The canonical payload bytes for a licence (no validation beyond building)."""
    issued = to_epoch(issued_at)
    payload = {
        "licence_id": licence_id or uuid.uuid4().hex,
        "product": product,
        "licensee": licensee,
        "club": club,
        "features": sorted(set(features)),
        "limits": {"max_clubs": max_clubs},
        "fingerprint": fingerprint,
        "installation_key": b64encode(installation_key) if installation_key else None,
        "issued_at": issued,
        "not_before": issued if not_before is None else not_before,
        "expires_at": expires_at,
        "grace_days": grace_days,
    }
    return strictjson.dumps_canonical(payload)


def sign_licence(key: Ed25519PrivateKey, payload: bytes) -> bytes:
    """Armored licence for payload bytes, signed with the vendor key."""
    return sign_document(DocumentKind.LICENCE, key, key_id(public_bytes(key)), payload)


def issue_licence(key: Ed25519PrivateKey, payload: bytes) -> bytes:
    """Sign a payload and check the result verifies like the app would; raises UsageError.

    (``sign_licence`` alone signs anything: tests use it to forge odd licences.)
    """
    licence_bytes = sign_licence(key, payload)
    own = trusted_key(public_bytes(key), test=True)
    result = authenticate(licence_bytes, TrustedKeys(keys={own.kid: own}), PRODUCT)
    if result.licence is None:
        raise UsageError(f"the licence would not verify: {result.detail}")
    return licence_bytes


# ---------------------------------------------------------------- CLI helpers


def _read_document(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(f"{path} is too large to be a Rooting Future document")
    return normalise_for_install(data)


def _passphrase(env_name: str | None) -> bytes | None:
    if not env_name:
        return None
    value = os.environ.get(env_name)
    if not value:
        raise UsageError(f"environment variable {env_name} is not set")
    return value.encode("utf-8")


def _parse_max_clubs(text: str) -> int | None:
    if text.strip().lower() in ("unlimited", "illimitato", "none"):
        return None
    try:
        value = int(text)
    except ValueError as exc:
        raise UsageError("--max-clubs must be a number or 'unlimited'") from exc
    if not 1 <= value <= MAX_CLUBS_CEILING:
        raise UsageError(f"--max-clubs must be between 1 and {MAX_CLUBS_CEILING}")
    return value


def _parse_features(items: Sequence[str], allow_unknown: bool) -> list[str]:
    features = [part.strip() for item in items for part in item.split(",") if part.strip()]
    try:
        check_features(features)
    except InvalidPayload as exc:
        raise UsageError(f"--features: {exc}") from exc
    unknown = sorted(set(features) - KNOWN_FEATURES)
    if unknown and not allow_unknown:
        raise UsageError(
            f"unknown feature(s) {', '.join(unknown)}; known: {', '.join(sorted(KNOWN_FEATURES))}"
            " (use --allow-unknown-features on purpose)"
        )
    return features


def _load_keys(path: Path | None) -> TrustedKeys:
    try:
        return load_trusted_keys(path or DEFAULT_TRUSTED_KEYS, release=False)
    except TrustedKeysError as exc:
        raise UsageError(f"trusted keys: {exc}") from exc


def _describe_licence(licence: Licence) -> dict[str, object]:
    return {
        "licence_id": licence.licence_id,
        "kid": licence.kid,
        "licensee": licence.licensee,
        "club": licence.club,
        "features": sorted(licence.features),
        "max_clubs": licence.max_clubs,
        "fingerprint": licence.fingerprint,
        "installation_key": b64encode(licence.installation_key)
        if licence.installation_key
        else None,
        "issued_at": iso_utc(licence.issued_at),
        "not_before": iso_utc(licence.not_before),
        "expires_at": iso_utc(licence.expires_at),
        "grace_days": licence.grace_days,
    }


# ---------------------------------------------------------------- commands


def cmd_keygen(args: argparse.Namespace, out: TextIO) -> int:
    files = write_key_pair(
        Path(args.out),
        test=args.test,
        passphrase=_passphrase(args.passphrase_env),
        comment=args.comment or "",
    )
    print(f"kid: {files.kid}", file=out)
    print(f"private key (keep secret, never commit): {files.private_pem}", file=out)
    print(f"trusted_keys.json entry: {files.public_json}", file=out)
    print(f"public key for OpenSSL: {files.public_pem}", file=out)
    print(
        'Next: add the entry to resources/licensing/trusted_keys.json under "keys" '
        "(see docs/licensing.md).",
        file=out,
    )
    return 0


def cmd_issue(args: argparse.Namespace, out: TextIO) -> int:
    installation = None
    if args.request:
        try:
            request = parse_request(_read_document(Path(args.request)))
        except InvalidDocument as exc:
            print(f"activation request refused: {exc}", file=sys.stderr)
            return 1
        fingerprint = request.fingerprint
        installation = request.installation_key
        print(
            f"request: fingerprint {fingerprint}, app {request.app_version}, "
            f"created {iso_utc(request.created_at)}",
            file=out,
        )
    else:
        try:
            fingerprint = parse_fingerprint(args.fingerprint)
        except ValueError as exc:
            raise UsageError(f"--fingerprint: {exc}") from exc
    try:
        licensee = check_text(args.licensee, "--licensee")
        club = check_text(args.club, "--club")
    except InvalidPayload as exc:
        raise UsageError(str(exc)) from exc
    features = _parse_features(args.features, args.allow_unknown_features)
    max_clubs = _parse_max_clubs(args.max_clubs)
    if not 0 <= args.grace_days <= MAX_GRACE_DAYS:
        raise UsageError(f"--grace-days must be between 0 and {MAX_GRACE_DAYS}")
    issued_at = to_epoch(args.issued_at)
    try:
        not_before = start_of_day(parse_date(args.not_before)) if args.not_before else issued_at
        never = args.expires.strip().lower() == "never"
        expires_at = None if never else end_of_day(parse_date(args.expires))
    except ValueError as exc:
        raise UsageError(f"date: {exc}") from exc
    not_before = max(not_before, issued_at)
    if expires_at is not None and expires_at <= not_before:
        raise UsageError("--expires must be after the start of validity")
    target = Path(args.out)
    if target.exists() and not args.force:
        raise UsageError(f"{target} exists (use --force to overwrite)")
    key = load_signing_key(Path(args.key), _passphrase(args.passphrase_env))
    licence_bytes = issue_licence(
        key,
        build_payload(
            fingerprint=fingerprint,
            licensee=licensee,
            club=club,
            features=features,
            max_clubs=max_clubs,
            expires_at=expires_at,
            grace_days=args.grace_days,
            installation_key=installation,
            issued_at=issued_at,
            not_before=not_before,
            licence_id=args.licence_id,
        ),
    )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(licence_bytes)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror}") from exc
    envelope = decode_envelope(licence_bytes, DocumentKind.LICENCE)
    payload = json.loads(envelope.payload)
    print(f"licence {payload['licence_id']} written to {target} (kid {envelope.kid})", file=out)
    print(
        f"  {club} / {licensee}; expires {iso_utc(expires_at) or 'never'}; "
        f"max clubs {max_clubs or 'unlimited'}; features {', '.join(sorted(features)) or '-'}",
        file=out,
    )
    if installation is None:
        print(
            "  note: not bound to an installation key (issued from a fingerprint); "
            "its deactivation receipts cannot be verified cryptographically.",
            file=out,
        )
    return 0


def cmd_inspect(args: argparse.Namespace, out: TextIO) -> int:
    data = _read_document(Path(args.file))
    kind = detect_kind(data)
    if kind is None:
        print("not a Rooting Future document (unknown first line)", file=out)
        return 1
    print(f"type: {kind.label}", file=out)
    try:
        if kind is DocumentKind.LICENCE:
            result = authenticate(data, _load_keys(Path(args.keys) if args.keys else None))
            envelope = decode_envelope(data, kind)
            print(f"kid: {envelope.kid}", file=out)
            if result.licence is None:
                print(f"verification: {result.status.value} ({result.detail})", file=out)
                payload = strictjson.loads(envelope.payload)
                print(json.dumps(payload, indent=2, ensure_ascii=False), file=out)
                return 1
            print("verification: signature OK", file=out)
            described = _describe_licence(result.licence)
        elif kind is DocumentKind.ACTIVATION_REQUEST:
            request = parse_request(data)
            print("verification: signature OK (self-signed by the installation key)", file=out)
            described = {
                "fingerprint": request.fingerprint,
                "app_version": request.app_version,
                "installation_kid": request.kid,
                "installation_key": b64encode(request.installation_key),
                "created_at": iso_utc(request.created_at),
                "nonce": request.nonce,
            }
        else:
            receipt = parse_receipt(data)
            print("verification: signature OK (self-signed by the installation key)", file=out)
            described = {
                "licence_id": receipt.licence_id,
                "fingerprint": receipt.fingerprint,
                "installation_kid": receipt.kid,
                "deactivated_at": iso_utc(receipt.deactivated_at),
                "nonce": receipt.nonce,
            }
    except (InvalidDocument, MalformedDocument, strictjson.StrictJSONError) as exc:
        print(f"verification: FAILED ({exc})", file=out)
        return 1
    print(json.dumps(described, indent=2, ensure_ascii=False), file=out)
    return 0


def cmd_verify_receipt(args: argparse.Namespace, out: TextIO) -> int:
    try:
        receipt = parse_receipt(_read_document(Path(args.file)))
    except InvalidDocument as exc:
        print(f"receipt REFUSED: {exc}", file=out)
        return 1
    request = licence = None
    if args.request:
        try:
            request = parse_request(_read_document(Path(args.request)))
        except InvalidDocument as exc:
            raise UsageError(f"the original request is not valid: {exc}") from exc
    else:
        result = authenticate(
            _read_document(Path(args.licence)),
            _load_keys(Path(args.keys) if args.keys else None),
        )
        if result.licence is None:
            raise UsageError(f"the original licence does not verify: {result.detail}")
        licence = result.licence
    problems = receipt_problems(receipt, request=request, licence=licence)
    if problems:
        print("receipt REFUSED:", file=out)
        for problem in problems:
            print(f"  - {problem}", file=out)
        return 1
    print(
        f"receipt OK: licence {receipt.licence_id} deactivated on "
        f"{iso_utc(receipt.deactivated_at)} by installation {receipt.kid} "
        f"(machine {receipt.fingerprint}). You may issue a licence for the new computer.",
        file=out,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rooting-future-issuer",
        description="Rooting Future licence issuing tool (vendor only; not shipped).",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    keygen = sub.add_parser("keygen", help="create a signing key pair")
    keygen.add_argument("--out", required=True, help="folder for the key files")
    keygen.add_argument("--test", action="store_true", help="mark as a test key")
    keygen.add_argument("--passphrase-env", help="encrypt the private key with $VAR")
    keygen.add_argument("--comment", help="note stored with the public key")

    issue = sub.add_parser("issue", help="issue a licence")
    source = issue.add_mutually_exclusive_group(required=True)
    source.add_argument("--request", help="activation request file from the club")
    source.add_argument("--fingerprint", help="machine code v1:<hex> (no request)")
    issue.add_argument("--licensee", required=True)
    issue.add_argument("--club", required=True)
    issue.add_argument("--features", action="append", required=True, help="comma-separated")
    issue.add_argument("--allow-unknown-features", action="store_true")
    issue.add_argument("--max-clubs", required=True, help="number or 'unlimited'")
    issue.add_argument("--expires", required=True, help="YYYY-MM-DD (UTC, inclusive) or never")
    issue.add_argument("--grace-days", type=int, default=DEFAULT_GRACE_DAYS)
    issue.add_argument("--not-before", help="YYYY-MM-DD (UTC) if validity starts later")
    issue.add_argument("--key", required=True, help="private key PEM")
    issue.add_argument("--passphrase-env", help="read the key passphrase from $VAR")
    issue.add_argument("--out", required=True)
    issue.add_argument("--force", action="store_true", help="overwrite --out")
    issue.add_argument("--licence-id", help="default: a random id")
    issue.add_argument("--issued-at", type=int, help=argparse.SUPPRESS)

    inspect = sub.add_parser("inspect", help="show and verify any Rooting Future document")
    inspect.add_argument("file")
    inspect.add_argument("--keys", help="trusted_keys.json (default: the repository's)")

    receipt = sub.add_parser("verify-receipt", help="check a deactivation receipt")
    receipt.add_argument("file")
    original = receipt.add_mutually_exclusive_group(required=True)
    original.add_argument("--request", help="the activation request the licence came from")
    original.add_argument("--licence", help="the licence that was deactivated")
    receipt.add_argument("--keys", help="trusted_keys.json for --licence")
    return parser


COMMANDS = {
    "keygen": cmd_keygen,
    "issue": cmd_issue,
    "inspect": cmd_inspect,
    "verify-receipt": cmd_verify_receipt,
}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Entry point of ``rooting-future-issuer``; returns the exit code."""
    out = out or sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return COMMANDS[args.command](args, out)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except FileExistsError as exc:
        print(f"error: {exc.filename} already exists; refusing to overwrite a key", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.strerror or type(exc).__name__}: {exc.filename or ''}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
